// The disk driver: files under one folder, written to a temporary name and renamed when whole (a
// reader never sees half a file), served by xim itself at signed, expiring /files/... URLs.

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { FileTooLargeError, type Storage } from "./types.ts";

/** What a signed URL carries besides the key; the signature covers all of it. */
export type Grant = { key: string; expiresAt: number; contentType: string; fileName: string; inline: boolean };

const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export class DiskStorage implements Storage {
  readonly kind = "disk" as const;

  /** `baseUrl`: the origin URLs start with ("" for paths relative to xim's own origin). */
  constructor(
    readonly dir: string,
    private readonly signingKey: Buffer,
    private readonly baseUrl = "",
  ) {}

  #path(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key: ${key}`);
    return join(this.dir, key);
  }

  async put(key: string, body: Readable, maxBytes: number): Promise<{ size: number }> {
    const final = this.#path(key);
    await mkdir(dirname(final), { recursive: true });
    const temp = `${final}.${randomBytes(6).toString("hex")}.part`;
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > maxBytes) done(new FileTooLargeError(maxBytes));
        else done(null, chunk);
      },
    });
    const out = createWriteStream(temp, { flags: "wx", mode: 0o600 });
    try {
      await pipeline(body, counter, out);
      await rename(temp, final);
      return { size };
    } catch (err) {
      // A refusal can come before the file is even open: wait until the stream has opened and
      // closed, or the file would appear after it was removed.
      if (!out.closed) await once(out, "close").catch(() => {});
      await rm(temp, { force: true });
      throw err;
    }
  }

  async read(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const stream = createReadStream(this.#path(key), range ?? {});
    await new Promise<void>((resolve, reject) => {
      stream.once("open", () => resolve());
      stream.once("error", reject);
    });
    return stream;
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  /** Size and modification time, or null when the key holds nothing. */
  async stat(key: string): Promise<{ size: number; mtimeMs: number } | null> {
    if (!KEY.test(key)) return null;
    return stat(this.#path(key)).then(
      (s) => (s.isFile() ? { size: s.size, mtimeMs: Math.trunc(s.mtimeMs) } : null),
      () => null,
    );
  }

  async url(
    key: string,
    opts: { contentType: string; fileName: string; inline: boolean; expiresAt: number },
  ): Promise<string> {
    const grant: Grant = { key, ...opts, expiresAt: Math.ceil(opts.expiresAt / 1000) * 1000 };
    const q = new URLSearchParams({
      exp: String(grant.expiresAt / 1000),
      ct: grant.contentType,
      fn: grant.fileName,
      dl: grant.inline ? "0" : "1",
      sig: this.#sign(grant),
    });
    return `${this.baseUrl}/files/${key}?${q}`;
  }

  /** The grant of a /files/ URL whose signature holds and which has not expired; null otherwise. */
  verify(key: string, query: URLSearchParams, now = Date.now()): Grant | null {
    const exp = query.get("exp") ?? "";
    const sig = query.get("sig") ?? "";
    const dl = query.get("dl");
    if (!/^\d{1,12}$/.test(exp) || (dl !== "0" && dl !== "1") || !KEY.test(key)) return null;
    const grant: Grant = {
      key,
      expiresAt: Number(exp) * 1000,
      contentType: query.get("ct") ?? "",
      fileName: query.get("fn") ?? "",
      inline: dl === "0",
    };
    const expected = Buffer.from(this.#sign(grant));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return grant.expiresAt > now ? grant : null;
  }

  #sign(g: Grant): string {
    const payload = [g.key, g.expiresAt / 1000, g.contentType, g.fileName, g.inline ? "0" : "1"].join("\n");
    return createHmac("sha256", this.signingKey).update(payload).digest("base64url");
  }
}

/** The key file URLs are signed with: derived from the server secret, never the secret itself. */
export function fileSigningKey(serverSecret: string): Buffer {
  return createHmac("sha256", serverSecret).update("xim /files/ url signing").digest();
}
