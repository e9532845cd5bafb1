// Placeholder until the S3 driver (branch w13-s3) is merged; the lead replaces this file.
import type { Storage } from "./types.ts";

export function createS3Storage(_cfg: {
  bucket: string;
  endpoint?: string;
  region: string;
  forcePathStyle?: boolean;
}): Storage {
  throw new Error("S3 driver not merged");
}
