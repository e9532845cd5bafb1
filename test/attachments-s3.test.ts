// Attachments end to end on the S3 driver (S3_BUCKET), against a real S3 protocol server (s3rver):
// an upload streams into the bucket, a member gets a presigned URL that serves the bytes, an
// outsider gets none, and a deleted message's file leaves the bucket. Both backends.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  DeleteMessageDocument,
  MessageAttachmentsDocument,
  OpenDirectChatDocument,
  SendFileMessageDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";
import { png } from "./helpers/media.ts";
import { type S3Server, startS3 } from "./helpers/s3.ts";
import { uploaded } from "./helpers/upload.ts";

const BUCKET = "xim-e2e";
let s3: S3Server;
let t: TestApp;

beforeAll(async () => {
  s3 = await startS3(BUCKET);
  t = await startTestApp({ S3_BUCKET: BUCKET, S3_ENDPOINT: s3.endpoint });
});

afterAll(async () => {
  await t?.close();
  await s3?.close();
});

it("stores an upload in the bucket and serves it to members by a presigned URL", async () => {
  const [alice, bob, eve] = [await t.signUp("Alice"), await t.signUp("Bob"), await t.signUp("Eve")];
  const chatId = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
  const image = png(4, 3, true);
  const file = await uploaded(t.url, alice, image, "photo.png");
  expect(file).toMatchObject({ mimeType: "image/png", width: 4, height: 3, size: image.length });
  const { sendMessage } = await alice.http.run(SendFileMessageDocument, {
    input: { chatId, type: "IMAGE", fileId: file.id },
  });
  const seen = await bob.http.run(MessageAttachmentsDocument, { chatId });
  const url = seen.messages.edges.at(-1)?.node.attachment?.url as string;
  expect(url).toMatch(new RegExp(`/${BUCKET}/`));
  expect(url).toContain("X-Amz-Signature=");
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/png");
  expect(Buffer.from(await res.arrayBuffer()).equals(image)).toBe(true);
  // An outsider sees neither the chat nor its file.
  expect(await eve.http.code(MessageAttachmentsDocument, { chatId })).toBe("NOT_FOUND");
  // Deleted: the file leaves the bucket.
  await alice.http.run(DeleteMessageDocument, { id: sendMessage.id });
  expect((await fetch(url)).status).toBe(404);
});
