// The disk driver leaves nothing behind when a put is refused, however early the refusal comes
// (before its temporary file is even open).
import { readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DiskStorage, fileSigningKey } from "../src/runtime/storage/disk.ts";
import { FileTooLargeError } from "../src/runtime/storage/types.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "xim-disk-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const files = () => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

it("removes the temporary file of a refused put, even one refused before the file opened", async () => {
  const disk = new DiskStorage(dir, fileSigningKey("x".repeat(40)), "");
  for (let i = 0; i < 30; i++) {
    const refused = new Readable({
      read() {
        this.destroy(new Error("refused by the probe"));
      },
    });
    await expect(disk.put(`u/1/early-${i}`, refused, 1000)).rejects.toThrow("refused by the probe");
    const tooBig = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    await expect(disk.put(`u/1/big-${i}`, tooBig, 1000)).rejects.toBeInstanceOf(FileTooLargeError);
  }
  expect(files().map((f) => f.name)).toEqual([]);
});
