// Size limits per kind (and for avatars and thumbnails), enforced early: by Content-Length, and
// while the body streams when there is none; the upload rate limit. Nothing refused is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateGroupDocument, SetAvatarDocument, SetGroupThumbDocument, UserAvatarDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { fetchFile, stored } from "./helpers/files.ts";
import { png } from "./helpers/media.ts";
import { upload, uploadStreamed } from "./helpers/upload.ts";

let t: TestApp;
let dir: string;
let alice: TestUser;
const KB = 1024;

beforeAll(async () => {
  t = await startTestApp({
    UPLOAD_MAX_IMAGE_BYTES: String(64 * KB),
    UPLOAD_MAX_VOICE_BYTES: String(64 * KB),
    UPLOAD_MAX_VIDEO_BYTES: String(128 * KB),
    UPLOAD_MAX_AVATAR_BYTES: String(KB),
    RATE_LIMIT_UPLOAD_PER_MINUTE: "5",
  });
  dir = t.filesDir;
  alice = await t.signUp("Alice");
});
afterAll(() => t?.close());

async function refused(run: () => Promise<{ status: number; errors?: { extensions?: { code?: string } }[] }>) {
  const before = await stored(t, dir);
  const r = await run();
  expect(await stored(t, dir)).toEqual(before);
  return { status: r.status, code: r.errors?.[0]?.extensions?.code };
}

describe("size limits", () => {
  it("refuses a body whose Content-Length is over any limit before reading it (413)", async () => {
    const big = png(700, 700, true); // ~1.4 MB: over the largest limit and the room for the fields
    expect(big.length).toBeGreaterThan(128 * KB + 1024 * KB);
    expect(await refused(() => upload(t.url, alice, big, "big.png"))).toEqual({ status: 413, code: "BAD_USER_INPUT" });
  });

  it("refuses an image over the image limit, with a Content-Length under the largest limit", async () => {
    const image = png(150, 150, true); // ~67 KB
    expect(image.length).toBeGreaterThan(64 * KB);
    expect((await refused(() => upload(t.url, alice, image, "i.png"))).code).toBe("BAD_USER_INPUT");
  });

  it("refuses a file over the limit sent without a Content-Length, while it streams", async () => {
    const head = png(16, 16);
    expect((await refused(() => uploadStreamed(t.url, alice, head, 3 * 1024 * KB, "s.png"))).code).toBe(
      "BAD_USER_INPUT",
    );
  });

  it("takes an image as an avatar or a thumbnail only up to the avatar limit", async () => {
    const big = await upload(t.url, alice, png(40, 30, true), "big.png");
    const id = big.data?.uploadFile.id ?? "";
    expect(big.data?.uploadFile.size).toBeGreaterThan(KB);
    const r = await alice.http.raw(SetAvatarDocument, { avatarFileId: id });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "avatarFileId" });
    expect((await alice.http.run(UserAvatarDocument, { id: alice.id })).user?.avatarUrl).toBeNull();
    const g = await alice.http.raw(CreateGroupDocument, { input: { name: "G", memberIds: [], thumbFileId: id } });
    expect(g.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "thumbFileId" });
  });

  it("gives a group's thumbnail a URL", async () => {
    const small = await upload(t.url, alice, png(2, 2), "t.png");
    const { createGroup } = await alice.http.run(CreateGroupDocument, { input: { name: "G", memberIds: [] } });
    const { updateGroup } = await alice.http.run(SetGroupThumbDocument, {
      chatId: createGroup.chat.id,
      input: { thumbFileId: small.data?.uploadFile.id },
    });
    expect((await fetchFile(t, updateGroup.thumbUrl ?? "")).status).toBe(200);
  });
});

describe("rate limit", () => {
  it("refuses uploads past RATE_LIMIT_UPLOAD_PER_MINUTE with RATE_LIMITED", async () => {
    const bob = await t.signUp("Bob");
    for (let i = 0; i < 5; i++) expect((await upload(t.url, bob, png(2, 2), "p.png")).data?.uploadFile.id).toBeTruthy();
    expect((await refused(() => upload(t.url, bob, png(2, 2), "p.png"))).code).toBe("RATE_LIMITED");
  });
});
