// ATTACHMENTS=external: file ids belong to the host application's file service, as in the seed.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  MessageAttachmentsDocument,
  OpenDirectChatDocument,
  SendFileMessageDocument,
  SetAvatarDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { png } from "./helpers/media.ts";
import { upload } from "./helpers/upload.ts";

let t: TestApp;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  t = await startTestApp({ ATTACHMENTS: "external" });
  alice = await t.signUp("Alice");
  bob = await t.signUp("Bob");
});
afterAll(() => t?.close());

it("answers uploadFile with FORBIDDEN and stores nothing", async () => {
  const r = await upload(t.url, alice, png(4, 4), "a.png");
  expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  expect(await t.app.services.prisma.attachment.count()).toBe(0);
});

it("takes any well-formed file id, unchecked, and gives no attachment or avatar URL", async () => {
  const chatId = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
  const { sendMessage } = await alice.http.run(SendFileMessageDocument, {
    input: { chatId, type: "IMAGE", fileId: "host:files/42.png" },
  });
  expect(sendMessage).toMatchObject({ fileId: "host:files/42.png", attachment: null });
  const { messages } = await bob.http.run(MessageAttachmentsDocument, { chatId });
  expect(messages.edges.map((e) => e.node.attachment)).toEqual([null]);
  const { updateProfile } = await alice.http.run(SetAvatarDocument, { avatarFileId: "host:avatars/7" });
  expect(updateProfile).toMatchObject({ avatarFileId: "host:avatars/7", avatarUrl: null });
});
