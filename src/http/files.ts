// GET/HEAD /files/<key>?exp=…&sig=…: the disk driver's files, for whoever holds an unexpired URL
// signed by this server. Range requests (one range) so that video seeks; ETag and private caching
// until the URL expires; the type signed into the URL, never sniffed by the browser.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type { DiskStorage } from "../runtime/storage/disk.ts";

export const FILES_PREFIX = "/files/";

function end(res: ServerResponse, status: number, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(status === 304 ? undefined : `${status}\n`);
}

/** `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266). */
function disposition(inline: boolean, name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** One byte range of a `size`-byte file: the range, "unsatisfiable", or null to send the whole file. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | "unsatisfiable" | null {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const last = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size) return "unsatisfiable";
  if (last < start) return null;
  return { start, end: last };
}

export async function serveFile(disk: DiskStorage, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") return end(res, 405, { allow: "GET, HEAD" });
  const url = new URL(req.url ?? "/", "http://x");
  let key: string;
  try {
    key = decodeURIComponent(url.pathname.slice(FILES_PREFIX.length));
  } catch {
    return end(res, 404);
  }
  const grant = disk.verify(key, url.searchParams);
  if (!grant) return end(res, 403);
  const stat = await disk.stat(key);
  if (!stat) return end(res, 404); // removed: its message was deleted, or nothing referenced it
  const etag = `"${stat.size.toString(36)}-${stat.mtimeMs.toString(36)}"`;
  const headers: Record<string, string> = {
    "content-type": grant.contentType || "application/octet-stream",
    "x-content-type-options": "nosniff",
    "content-disposition": disposition(grant.inline, grant.fileName || "file"),
    "cache-control": `private, max-age=${Math.max(0, Math.floor((grant.expiresAt - Date.now()) / 1000))}`,
    "accept-ranges": "bytes",
    etag,
  };
  if (req.headers["if-none-match"]?.split(/\s*,\s*/).includes(etag)) return end(res, 304, headers);
  // A Range is honoured only for the same file (If-Range naming another ETag: the whole file).
  const ifRange = req.headers["if-range"];
  const range = ifRange && ifRange !== etag ? null : parseRange(req.headers.range, stat.size);
  if (range === "unsatisfiable") return end(res, 416, { "content-range": `bytes */${stat.size}` });
  const status = range ? 206 : 200;
  const { start, end: last } = range ?? { start: 0, end: stat.size - 1 };
  if (range) headers["content-range"] = `bytes ${start}-${last}/${stat.size}`;
  headers["content-length"] = String(Math.max(0, last - start + 1));
  if (req.method === "HEAD" || stat.size === 0) {
    res.writeHead(status, headers);
    return void res.end();
  }
  const body = await disk.read(key, { start, end: last }).catch(() => null);
  if (!body) return end(res, 404);
  res.writeHead(status, headers);
  await pipeline(body, res).catch(() => res.destroy());
}
