// An upload streams to storage: the server's memory does not grow with the file's size.
import { statSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { filesIn } from "./helpers/files.ts";
import { wavHeader } from "./helpers/media.ts";
import { uploadStreamed } from "./helpers/upload.ts";

const MB = 1024 * 1024;
const SIZE = 120 * MB;
let t: TestApp;
let dir: string;
let alice: TestUser;

beforeAll(async () => {
  t = await startTestApp({ UPLOAD_MAX_VOICE_BYTES: String(SIZE + MB) });
  dir = t.filesDir;
  alice = await t.signUp("Alice");
});
afterAll(() => t?.close());

it("stores a 120 MB voice note with less memory than the file takes (client and server in this process)", async () => {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  // Halfway, the client waits until the server has written part of the file: a server that read
  // the whole body before storing it would never get there.
  let storedMidway = 0;
  const midway = async () => {
    for (let i = 0; i < 200 && storedMidway < 10 * MB; i++) {
      await new Promise((r) => setTimeout(r, 50));
      storedMidway = Math.max(0, ...filesIn(dir).map((f) => statSync(f).size));
    }
  };
  const r = await uploadStreamed(t.url, alice, wavHeader(SIZE - 44), SIZE, "long.wav", midway);
  clearInterval(sampler);
  expect(r.errors).toBeUndefined();
  expect(r.data?.uploadFile).toMatchObject({ mimeType: "audio/wav", size: SIZE });
  const files = filesIn(dir);
  expect(files.map((f) => statSync(f).size)).toEqual([SIZE]);
  expect(storedMidway).toBeGreaterThanOrEqual(10 * MB);
  // RSS also counts garbage not yet collected (peaks of 20 to 80 MB were seen, whatever the file's
  // size): a loose bound, below what holding the file whole would take.
  expect(peak - base).toBeLessThan(SIZE);
}, 120_000);

it("keeps nothing of an upload whose client goes away halfway", async () => {
  const rows = await t.app.services.prisma.attachment.count();
  const before = filesIn(dir);
  const gone = async () => {
    // Wait until the server is writing the file, then drop the connection.
    for (let i = 0; i < 200 && filesIn(dir).length === before.length; i++) await new Promise((r) => setTimeout(r, 25));
    throw new Error("client gone");
  };
  await expect(uploadStreamed(t.url, alice, wavHeader(8 * MB - 44), 8 * MB, "cut.wav", gone)).rejects.toThrow();
  for (let i = 0; i < 200 && filesIn(dir).length !== before.length; i++) await new Promise((r) => setTimeout(r, 25));
  expect(filesIn(dir)).toEqual(before);
  expect(await t.app.services.prisma.attachment.count()).toBe(rows);
});
