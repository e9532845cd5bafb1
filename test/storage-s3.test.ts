// The S3 driver against a real S3 protocol server (s3rver, on disk in a temp dir), not a mock.
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { contentDisposition, createS3Storage, s3ConfigFrom } from "../src/runtime/storage/s3.ts";
import { FileTooLargeError, type Storage } from "../src/runtime/storage/types.ts";
import { type S3Server, startS3 } from "./helpers/s3.ts";

const MiB = 1024 * 1024;
const BUCKET = "xim-test";
let s3: S3Server;
let storage: Storage;

/** Deterministic bytes, so a read can be compared with what was put. */
function bytes(size: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** A stream of `data` in 64 KiB chunks, generated as it is read (no Content-Length known). */
function streamOf(data: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < data.length; at += 64 * 1024) yield data.subarray(at, at + 64 * 1024);
    })(),
  );
}

const key = (name: string) => `u/test/${name}-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  s3 = await startS3(BUCKET);
  storage = createS3Storage({ bucket: BUCKET, endpoint: s3.endpoint, region: "us-east-1" });
});

afterAll(() => s3?.close());

describe("S3 storage driver", () => {
  const big = bytes(12 * MiB + 12345);
  let bigKey: string;

  it("streams a multi-part body in and reads it back byte for byte", async () => {
    bigKey = key("big");
    expect(await storage.put(bigKey, streamOf(big), 20 * MiB)).toEqual({ size: big.length });
    expect((await buffer(await storage.read(bigKey))).equals(big)).toBe(true);
  });

  it("reads an inclusive range, across a part boundary", async () => {
    const range = { start: 5 * MiB - 10, end: 5 * MiB + 9 };
    const got = await buffer(await storage.read(bigKey, range));
    expect(got.equals(big.subarray(range.start, range.end + 1))).toBe(true);
  });

  it("takes a body of exactly maxBytes, and an empty one", async () => {
    const k = key("exact");
    expect(await storage.put(k, streamOf(bytes(1000)), 1000)).toEqual({ size: 1000 });
    const empty = key("empty");
    expect(await storage.put(empty, Readable.from([]), 1000)).toEqual({ size: 0 });
    expect((await buffer(await storage.read(empty))).length).toBe(0);
  });

  it.each([
    ["a single-request body", 2000, 1000],
    ["a multi-part body (parts already sent when the limit is hit)", 13 * MiB, 11 * MiB],
  ])("refuses %s past maxBytes and stores nothing under the key", async (_, size, maxBytes) => {
    const k = key("too-large");
    const body = streamOf(bytes(size, 7));
    const err = await storage.put(k, body, maxBytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileTooLargeError);
    expect((err as FileTooLargeError).maxBytes).toBe(maxBytes);
    expect(body.destroyed).toBe(true);
    await expect(storage.read(k)).rejects.toMatchObject({ name: "NoSuchKey" });
  });

  it("passes on an error of the body and stores nothing", async () => {
    const k = key("broken");
    const body = new Readable({ read() {} });
    body.push(bytes(1000));
    setTimeout(() => body.destroy(new Error("client went away")), 20);
    await expect(storage.put(k, body, MiB)).rejects.toThrow("client went away");
    await expect(storage.read(k)).rejects.toMatchObject({ name: "NoSuchKey" });
  });

  it("passes on an error of S3 and releases the body", async () => {
    const noBucket = createS3Storage({ bucket: "no-such-bucket", endpoint: s3.endpoint, region: "us-east-1" });
    const body = streamOf(big);
    await expect(noBucket.put(key("nowhere"), body, 40 * MiB)).rejects.toMatchObject({ name: "NoSuchBucket" });
    expect(body.destroyed).toBe(true);
  });

  it("deletes, and deleting again is not an error", async () => {
    const k = key("gone");
    await storage.put(k, streamOf(bytes(10)), 100);
    await storage.delete(k);
    await storage.delete(k);
    await expect(storage.read(k)).rejects.toMatchObject({ name: "NoSuchKey" });
  });
});

describe("S3 presigned URLs", () => {
  const data = bytes(300_000, 3);
  let k: string;
  const hour = () => Date.now() + 3600_000;

  beforeAll(async () => {
    k = key("photo");
    await storage.put(k, streamOf(data), MiB);
  });

  it("serve the bytes with the type and an attachment disposition, to a plain fetch", async () => {
    const url = await storage.url(k, {
      contentType: "application/pdf",
      fileName: "Résumé 2026.pdf",
      inline: false,
      expiresAt: hour(),
    });
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="R_sum_ 2026.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%202026.pdf`,
    );
    expect(res.headers.get("cache-control")).toMatch(/^private, max-age=(3599|3600)$/);
    expect(Buffer.from(await res.arrayBuffer()).equals(data)).toBe(true);
  });

  it("serve inline media, and Range requests with 206", async () => {
    const url = await storage.url(k, {
      contentType: "video/mp4",
      fileName: "clip.mp4",
      inline: true,
      expiresAt: hour(),
    });
    const res = await fetch(url, { headers: { Range: "bytes=1000-1999" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-type")).toBe("video/mp4");
    expect(res.headers.get("content-disposition")).toBe('inline; filename="clip.mp4"');
    expect(res.headers.get("content-range")).toBe(`bytes 1000-1999/${data.length}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(data.subarray(1000, 2000))).toBe(true);
  });

  it("live at most 7 days, the longest S3 allows", async () => {
    const url = new URL(
      await storage.url(k, {
        contentType: "image/png",
        fileName: "a.png",
        inline: true,
        expiresAt: Date.now() + 30 * 86400_000,
      }),
    );
    expect(url.searchParams.get("X-Amz-Expires")).toBe("604800");
    expect((await fetch(url)).status).toBe(200);
  });

  it("are refused once expired", async () => {
    const url = await storage.url(k, {
      contentType: "image/png",
      fileName: "a.png",
      inline: true,
      expiresAt: Date.now() + 1000,
    });
    await new Promise((r) => setTimeout(r, 2100));
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Request has expired");
  });

  it("are refused with a credential that is not the signer's (s3rver does not check SigV4 signatures)", async () => {
    const url = new URL(
      await storage.url(k, { contentType: "image/png", fileName: "a.png", inline: true, expiresAt: hour() }),
    );
    url.searchParams.set(
      "X-Amz-Credential",
      url.searchParams.get("X-Amz-Credential")?.replace(/^S3RVER/, "OTHER") ?? "",
    );
    expect((await fetch(url)).status).toBe(403);
  });
});

describe("S3 configuration", () => {
  it("uses S3 only with S3_BUCKET, path-style by default with an endpoint", () => {
    expect(s3ConfigFrom(loadConfig({}))).toBeNull();
    expect(s3ConfigFrom(loadConfig({ S3_BUCKET: "media" }))).toEqual({
      bucket: "media",
      endpoint: undefined,
      region: "us-east-1",
      forcePathStyle: false,
    });
    expect(
      s3ConfigFrom(loadConfig({ S3_BUCKET: "media", S3_ENDPOINT: "http://127.0.0.1:9000", S3_REGION: "auto" })),
    ).toEqual({
      bucket: "media",
      endpoint: "http://127.0.0.1:9000",
      region: "auto",
      forcePathStyle: true,
    });
    const virtualHosted = loadConfig({
      S3_BUCKET: "media",
      S3_ENDPOINT: "https://s3.example.com",
      S3_FORCE_PATH_STYLE: "false",
    });
    expect(virtualHosted.s3?.forcePathStyle).toBe(false);
  });

  it("refuses bad values with a line naming the variable", () => {
    expect(() => loadConfig({ S3_ENDPOINT: "http://127.0.0.1:9000" })).toThrow(/S3_BUCKET is required/);
    expect(() => loadConfig({ S3_BUCKET: "Bad_Bucket" })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ S3_BUCKET: "media", S3_ENDPOINT: "minio:9000" })).toThrow(/S3_ENDPOINT/);
    expect(() => loadConfig({ S3_BUCKET: "media", S3_FORCE_PATH_STYLE: "yes" })).toThrow(/S3_FORCE_PATH_STYLE/);
  });

  it("writes Content-Disposition safely for any file name", () => {
    expect(contentDisposition("attachment", "report.pdf")).toBe('attachment; filename="report.pdf"');
    expect(contentDisposition("attachment", 'a"b\\c.txt')).toBe(
      `attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`,
    );
    expect(contentDisposition("inline", "照片(1).jpg")).toBe(
      `inline; filename="__(1).jpg"; filename*=UTF-8''%E7%85%A7%E7%89%87%281%29.jpg`,
    );
    expect(contentDisposition("attachment", "a\r\nSet-Cookie: x\u0000")).toBe('attachment; filename="aSet-Cookie: x"');
    expect(contentDisposition("attachment", "\u200b")).toBe('attachment; filename="file"');
  });
});
