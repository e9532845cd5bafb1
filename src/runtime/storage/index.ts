// Chooses the storage driver from the configuration: S3 when S3_BUCKET is set, else the disk.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "../../config.ts";
import { DiskStorage, fileSigningKey } from "./disk.ts";
import { createS3Storage } from "./s3.ts";
import type { Storage } from "./types.ts";

export type OpenStorage = {
  storage: Storage;
  /** The disk driver, whose files xim serves itself at /files/ (null with S3). */
  disk: DiskStorage | null;
  close(): Promise<void>;
};

export async function openStorage(config: Config, serverSecret: string): Promise<OpenStorage> {
  if (config.s3) return { storage: createS3Storage(config.s3), disk: null, close: async () => {} };
  // An in-memory database keeps its files in a temporary folder, removed when the app stops.
  const temporary = !config.filesDir && config.dataDir.startsWith("memory://");
  const dir =
    config.filesDir ?? (temporary ? await mkdtemp(join(tmpdir(), "xim-files-")) : join(config.dataDir, "files"));
  const disk = new DiskStorage(dir, fileSigningKey(serverSecret), config.publicUrl ?? "");
  return {
    storage: disk,
    disk,
    close: async () => {
      if (temporary) await rm(dir, { recursive: true, force: true });
    },
  };
}
