// Serving /files/ (the disk driver): signed, expiring URLs; Range for seeking; caching headers; a
// deleted message's file and an unreferenced upload are no longer served.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepUnreferencedUploads } from "../src/domain/attachments.ts";
import { DeleteMessageDocument, OpenDirectChatDocument, SendFileMessageDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { fetchFile } from "./helpers/files.ts";
import { png } from "./helpers/media.ts";
import { upload } from "./helpers/upload.ts";

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let chatId: string;
const bytes = png(40, 30, true);
let url: string;

async function uploaded(bytes: Buffer, name = "p.png") {
  const r = await upload(t.url, alice, bytes, name);
  if (!r.data?.uploadFile) throw new Error(`upload failed: ${JSON.stringify(r.errors)}`);
  return r.data.uploadFile;
}

beforeAll(async () => {
  t = await startTestApp();
  alice = await t.signUp("Alice");
  bob = await t.signUp("Bob");
  chatId = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
  url = (await uploaded(bytes)).url;
});
afterAll(() => t?.close());

describe("ranges and caching", () => {
  it("answers a Range with 206 and just those bytes", async () => {
    const res = await fetchFile(t, url, { headers: { range: "bytes=10-29" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 10-29/${bytes.length}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes.subarray(10, 30));
    const tail = await fetchFile(t, url, { headers: { range: "bytes=-5" } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(-5));
  });

  it("answers a Range past the end with 416 and the size", async () => {
    const res = await fetchFile(t, url, { headers: { range: `bytes=${bytes.length}-` } });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
  });

  it("answers HEAD with the headers alone, and a matching If-None-Match with 304", async () => {
    const head = await fetchFile(t, url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(bytes.length));
    expect(head.headers.get("accept-ranges")).toBe("bytes");
    const etag = head.headers.get("etag") ?? "";
    expect((await fetchFile(t, url, { headers: { "if-none-match": etag } })).status).toBe(304);
  });
});

describe("signatures", () => {
  const tamper = (u: string, param: string, value: (v: string) => string) => {
    const parsed = new URL(u, t.url);
    parsed.searchParams.set(param, value(parsed.searchParams.get(param) ?? ""));
    return parsed.toString();
  };

  it("refuses a tampered signature, a later expiry, another type or another key with 403", async () => {
    const flipped = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    for (const bad of [
      tamper(url, "sig", flipped),
      tamper(url, "exp", (e) => String(Number(e) + 3600)),
      tamper(url, "ct", () => "text/html"),
      tamper(url, "dl", () => "1"),
      new URL(url, t.url).toString().replace(/\/files\/u\/(\d+)\//, (_m, id) => `/files/u/${Number(id) + 1}/`),
    ]) {
      const res = await fetch(bad);
      expect(res.status).toBe(403);
      expect((await res.arrayBuffer()).byteLength).toBeLessThan(10);
    }
  });

  it("refuses an expired URL with 403", async () => {
    const key = /\/files\/([^?]+)/.exec(url)?.[1] ?? "";
    const expired = await t.app.services.storage.url(key, {
      contentType: "image/png",
      fileName: "p.png",
      inline: true,
      expiresAt: Date.now() - 1000,
    });
    expect((await fetchFile(t, expired)).status).toBe(403);
  });
});

describe("removal", () => {
  it("no longer serves the file of a deleted message", async () => {
    const a = await uploaded(png(3, 3), "gone.png");
    const input = { chatId, type: "IMAGE" as const, fileId: a.id, clientMessageId: "img-gone" };
    const sent = await alice.http.run(SendFileMessageDocument, { input });
    const link = sent.sendMessage.attachment?.url ?? "";
    expect((await fetchFile(t, link)).status).toBe(200);
    const { deleteMessage } = await alice.http.run(DeleteMessageDocument, { id: sent.sendMessage.id });
    expect(deleteMessage.deleted).toBe(true);
    expect((await fetchFile(t, link)).status).toBe(404);
    expect(await t.app.services.prisma.attachment.findUnique({ where: { id: a.id } })).toBeNull();
    // A retry of that send still answers the first message, though its file is gone.
    const retry = await alice.http.run(SendFileMessageDocument, { input });
    expect(retry.sendMessage).toMatchObject({ id: sent.sendMessage.id, attachment: null });
  });

  it("removes uploads nothing referenced within the TTL, and keeps referenced ones", async () => {
    const orphan = await uploaded(png(2, 2), "orphan.png");
    const kept = await uploaded(png(4, 4), "kept.png");
    await alice.http.run(SendFileMessageDocument, { input: { chatId, type: "IMAGE", fileId: kept.id } });
    expect(await sweepUnreferencedUploads(t.app.services, 60_000)).toBe(0); // younger than the TTL
    expect(await sweepUnreferencedUploads(t.app.services, 0)).toBeGreaterThanOrEqual(1);
    expect((await fetchFile(t, orphan.url)).status).toBe(404);
    expect((await fetchFile(t, kept.url)).status).toBe(200);
    const ids = (await t.app.services.prisma.attachment.findMany({ select: { id: true } })).map((r) => r.id);
    expect(ids).toContain(kept.id);
    expect(ids).not.toContain(orphan.id);
  });
});
