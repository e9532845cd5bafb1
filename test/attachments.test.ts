// Uploads: what a file is comes from its content; bad files and bad references are refused with a
// code and leave nothing behind; an IMAGE, VOICE or VIDEO message takes the sender's own upload.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FileMessageAddedDocument,
  MessageAttachmentsDocument,
  OpenDirectChatDocument,
  SendFileMessageDocument,
  SetAvatarDocument,
  UserAvatarDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle } from "./helpers/client.ts";
import { fetchFile, stored } from "./helpers/files.ts";
import { mp4Video, png, wav, webm } from "./helpers/media.ts";
import { upload } from "./helpers/upload.ts";

let t: TestApp;
let dir: string;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let chatId: string;

beforeAll(async () => {
  t = await startTestApp();
  dir = t.filesDir;
  [alice, bob, carol] = [await t.signUp("Alice"), await t.signUp("Bob"), await t.signUp("Carol")];
  chatId = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
});
afterAll(() => t?.close());

const send = (user: TestUser, type: "IMAGE" | "VOICE" | "VIDEO", fileId: string) =>
  user.http.raw(SendFileMessageDocument, { input: { chatId, type, fileId } });

async function uploaded(user: TestUser, bytes: Buffer, name: string) {
  const r = await upload(t.url, user, bytes, name);
  if (!r.data?.uploadFile) throw new Error(`upload failed: ${JSON.stringify(r.errors)}`);
  return r.data.uploadFile;
}

describe("detection from the content", () => {
  it("reads an image's type and pixel size, whatever the name and header say", async () => {
    const a = await uploaded(alice, png(3, 2), "holiday.gif");
    expect(a).toMatchObject({ name: "holiday.gif", mimeType: "image/png", width: 3, height: 2, durationMs: null });
    expect(a.size).toBe(png(3, 2).length);
  });

  it("tells a voice note from a video by the container's tracks (audio-only WebM is VOICE)", async () => {
    expect(await uploaded(alice, webm("audio", 2500), "note.webm")).toMatchObject({
      mimeType: "audio/webm",
      durationMs: 2500,
    });
    expect(await uploaded(alice, webm("video", 3000), "clip.webm")).toMatchObject({
      mimeType: "video/webm",
      durationMs: 3000,
    });
    expect(await uploaded(alice, wav(1500), "note.wav")).toMatchObject({ mimeType: "audio/wav", durationMs: 1500 });
    const mp4 = await uploaded(alice, mp4Video(2000), "clip.mp4");
    expect(mp4).toMatchObject({ mimeType: "video/mp4", durationMs: 2000 });
    const voice = await uploaded(alice, webm("audio", 1000), "n.webm");
    const video = await uploaded(alice, mp4Video(1000), "c.mp4");
    expect((await send(alice, "VOICE", voice.id)).data?.sendMessage.attachment?.id).toBe(voice.id);
    expect((await send(alice, "VIDEO", video.id)).data?.sendMessage.attachment?.id).toBe(video.id);
    expect((await send(alice, "VIDEO", voice.id)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("bad files are refused with a code and leave nothing stored", () => {
  const cases: [string, () => Buffer, string][] = [
    ["a text file named .png", () => Buffer.from("just some text, not a picture\n".repeat(20)), "photo.png"],
    ["a truncated image", () => png(64, 64, true).subarray(0, -20), "cut.png"],
    ["zero bytes", () => Buffer.alloc(0), "empty.png"],
    ["an undetectable binary", () => Buffer.alloc(5000, 0xab), "blob.bin"],
  ];
  for (const [what, bytes, name] of cases)
    it(what, async () => {
      const before = await stored(t, dir);
      const r = await upload(t.url, alice, bytes(), name, "image/png");
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "file" });
      expect(r.data?.uploadFile ?? null).toBeNull();
      expect(await stored(t, dir)).toEqual(before);
    });

  it("logs nothing for them: they are the client's mistakes", () => {
    expect(t.loggedErrors).toEqual([]);
  });

  it("refuses an upload from a caller who is not signed in", async () => {
    const before = await stored(t, dir);
    const r = await upload(t.url, null, png(2, 2), "a.png");
    expect(r.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(await stored(t, dir)).toEqual(before);
  });
});

describe("a message takes the sender's own upload of its kind", () => {
  it("sends an IMAGE the other member can fetch, with the right headers", async () => {
    const bytes = png(5, 4);
    const a = await uploaded(alice, bytes, "dot.png");
    const sent = await send(alice, "IMAGE", a.id);
    expect(sent.data?.sendMessage.attachment).toMatchObject({ id: a.id, width: 5, height: 4 });
    const { messages } = await bob.http.run(MessageAttachmentsDocument, { chatId });
    const seen = messages.edges.find((e) => e.node.id === sent.data?.sendMessage.id)?.node.attachment;
    expect(seen?.id).toBe(a.id);
    const res = await fetchFile(t, seen?.url ?? "");
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("content-disposition")).toMatch(/^inline; filename="dot.png"/);
    expect(res.headers.get("etag")).toBeTruthy();
    const maxAge = Number(/private, max-age=(\d+)/.exec(res.headers.get("cache-control") ?? "")?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(3600 - 60);
    expect(maxAge).toBeLessThanOrEqual(7200);
  });

  it("refuses another user's file id, an unknown id and a file of another kind, storing nothing", async () => {
    const mine = await uploaded(alice, png(2, 2), "a.png");
    const voice = await uploaded(bob, wav(200), "v.wav");
    const count = () => t.app.services.prisma.message.count({ where: { chatId: Number(chatId) } });
    const before = await count();
    for (const [user, type, id] of [
      [bob, "IMAGE", mine.id],
      [bob, "IMAGE", "no-such-upload"],
      [bob, "IMAGE", voice.id],
    ] as const) {
      const r = await send(user, type, id);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "fileId" });
    }
    expect(await count()).toBe(before);
  });

  it("delivers the attachment live to a member's subscription", async () => {
    const live = new Recorder(t.ws(bob), FileMessageAddedDocument, { chatId });
    await settle();
    const a = await uploaded(alice, png(6, 6), "live.png");
    await send(alice, "IMAGE", a.id);
    const [event] = await live.waitFor(1);
    expect(event?.messageAdded.attachment?.id).toBe(a.id);
    expect((await fetchFile(t, event?.messageAdded.attachment?.url ?? "")).status).toBe(200);
    live.stop();
  });

  it("gives no URL to a non-member: the chat's messages are not found for them", async () => {
    const r = await carol.http.raw(MessageAttachmentsDocument, { chatId });
    expect(r.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("avatars", () => {
  it("takes the caller's own image, and gives any signed-in user its URL", async () => {
    const a = await uploaded(alice, png(8, 8), "me.png");
    const { updateProfile } = await alice.http.run(SetAvatarDocument, { avatarFileId: a.id });
    expect(updateProfile.avatarUrl).toBeTruthy();
    const { user } = await carol.http.run(UserAvatarDocument, { id: alice.id });
    const res = await fetchFile(t, user?.avatarUrl ?? "");
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(png(8, 8));
  });

  it("refuses someone else's upload and a voice note as an avatar", async () => {
    const theirs = await uploaded(alice, png(8, 8), "x.png");
    const voice = await uploaded(carol, wav(100), "v.wav");
    for (const id of [theirs.id, voice.id]) {
      const r = await carol.http.raw(SetAvatarDocument, { avatarFileId: id });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "avatarFileId" });
    }
    expect((await carol.http.run(UserAvatarDocument, { id: carol.id })).user?.avatarUrl).toBeNull();
  });
});
