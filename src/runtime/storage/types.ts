import type { Readable } from "node:stream";

/** Where uploaded files live: the local disk (embedded default) or S3-compatible object storage. */
export interface Storage {
  readonly kind: "disk" | "s3";
  /**
   * Streams `body` to `key` without holding it whole in memory. Past `maxBytes` it rejects with
   * FileTooLargeError and leaves nothing stored under `key`.
   */
  put(key: string, body: Readable, maxBytes: number): Promise<{ size: number }>;
  /** The stored bytes (all, or the inclusive range), for serving and for reading metadata. */
  read(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** Removing a key that is not there is not an error. */
  delete(key: string): Promise<void>;
  /**
   * A URL a browser can GET directly until `expiresAt` (epoch ms): a signed `/files/...` URL served
   * by xim for the disk driver, a presigned GET for S3. The response carries `contentType`, and
   * `Content-Disposition: attachment; filename=...` unless `inline`.
   */
  url(
    key: string,
    opts: { contentType: string; fileName: string; inline: boolean; expiresAt: number },
  ): Promise<string>;
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file is larger than ${maxBytes} bytes`);
  }
}
