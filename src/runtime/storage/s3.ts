// S3-compatible object storage (AWS S3, MinIO, R2...). Credentials come from the SDK's default
// chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, instance roles).
import { pipeline, Readable, Transform } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Config } from "../../config.js";
import { FileTooLargeError, type Storage } from "./types.js";

export type S3StorageConfig = { bucket: string; endpoint?: string; region: string; forcePathStyle?: boolean };

/** The S3 driver's configuration, or null when S3_BUCKET is not set (the disk driver then). */
export function s3ConfigFrom(config: Config): S3StorageConfig | null {
  return config.s3 ?? null;
}

/** The smallest part S3 accepts; with QUEUE_SIZE parts in flight, a put holds ~15 MiB at most. */
const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 2;
/** S3 refuses presigned URLs that live longer than 7 days. */
const MAX_EXPIRES_SECONDS = 7 * 86400;

export function createS3Storage(cfg: S3StorageConfig): Storage {
  const compatible = cfg.endpoint !== undefined;
  const client = new S3Client({
    region: cfg.region,
    endpoint: cfg.endpoint,
    forcePathStyle: cfg.forcePathStyle ?? compatible,
    // The SDK's default CRC checksums (since 3.729) are refused by several S3-compatible stores
    // (older MinIO, B2, OBS...) and put `x-amz-checksum-mode` in presigned URLs; AWS keeps them.
    ...(compatible && { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" }),
  });
  const Bucket = cfg.bucket;

  return {
    kind: "s3",

    async put(key, body, maxBytes) {
      let size = 0;
      let tooLarge = false;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) {
            tooLarge = true;
            done(new FileTooLargeError(maxBytes));
          } else done(null, chunk);
        },
      });
      // Errors of either side reach the upload through `counter`; pipeline destroys `body` on them.
      pipeline(body, counter, () => {});
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: counter },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
      });
      try {
        await upload.done();
      } catch (err) {
        counter.destroy(); // and so `body`, which S3 may have stopped reading
        // Upload already aborted the multipart upload (an abort failure would replace `err`, hence
        // the flag). A lost CompleteMultipartUpload answer could still have stored it: delete.
        await client.send(new DeleteObjectCommand({ Bucket, Key: key })).catch(() => {});
        if (tooLarge) throw new FileTooLargeError(maxBytes);
        throw err;
      }
      return { size };
    },

    async read(key, range) {
      const out = await client.send(
        new GetObjectCommand({ Bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
      );
      if (!(out.Body instanceof Readable)) throw new Error(`S3 GetObject of ${key} gave no Node stream`);
      return out.Body;
    },

    async delete(key) {
      // S3 answers 204 for a key that is not there.
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async url(key, opts) {
      const seconds = Math.ceil((opts.expiresAt - Date.now()) / 1000);
      const expiresIn = Math.min(Math.max(seconds, 1), MAX_EXPIRES_SECONDS);
      const command = new GetObjectCommand({
        Bucket,
        Key: key,
        ResponseContentType: opts.contentType,
        ResponseContentDisposition: contentDisposition(opts.inline ? "inline" : "attachment", opts.fileName),
        ResponseCacheControl: `private, max-age=${expiresIn}`,
      });
      return getSignedUrl(client, command, { expiresIn });
    },
  };
}

/**
 * `attachment; filename="..."`, plus RFC 5987 `filename*` when the name is not plain ASCII (the
 * quoted form gets `_` for those characters, for clients that do not read `filename*`).
 */
export function contentDisposition(type: "inline" | "attachment", fileName: string): string {
  const name = fileName.replace(/[\p{Cc}\p{Cf}]/gu, "").trim() || "file";
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  if (ascii === name) return `${type}; filename="${ascii}"`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
