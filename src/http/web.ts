// The web client (web/, built into web/dist by `npm start` or web/build.ts) served at / as static
// files with sirv: hashed assets cached for good, index.html revalidated. Null when it is not built.
import { existsSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { dirname, join } from "node:path";
import sirv from "sirv";

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** web/dist of the nearest folder up from this module (src/http in development, dist/ when bundled). */
function builtDir(from = import.meta.dirname): string | null {
  const dir = join(from, "web", "dist");
  if (existsSync(join(dir, "index.html"))) return dir;
  const parent = dirname(from);
  return parent === from ? null : builtDir(parent);
}

export function webClient(): Handler | null {
  const dir = builtDir();
  if (!dir) return null;
  return sirv(dir, {
    etag: true,
    setHeaders: (res, pathname) =>
      res.setHeader(
        "cache-control",
        pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      ),
  });
}

/** A browser asking for a page or an asset: not the API (/graphql), whose GETs are GraphiQL and queries. */
export const isWebRequest = (req: IncomingMessage) =>
  (req.method === "GET" || req.method === "HEAD") && !/^\/graphql(?:[/?]|$)/.test(req.url ?? "");
