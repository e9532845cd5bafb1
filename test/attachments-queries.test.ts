// A page of file messages costs the same number of SQL statements for 2 files as for 12: no N+1.
import { afterAll, beforeAll, expect, it } from "vitest";
import { MessageAttachmentsDocument, OpenDirectChatDocument, SendFileMessageDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { png } from "./helpers/media.ts";
import { uploaded } from "./helpers/upload.ts";

let t: TestApp;
let statements: string[] = [];

beforeAll(async () => {
  t = await startTestApp({}, (sql) => statements.push(sql));
});
afterAll(() => t?.close());

async function chatWithImages(n: number): Promise<{ reader: TestUser; chatId: string }> {
  const [sender, reader] = [await t.signUp("Sender"), await t.signUp("Reader")];
  const chatId = (await sender.http.run(OpenDirectChatDocument, { userId: reader.id })).openDirectChat.chat.id;
  for (let i = 0; i < n; i++) {
    const fileId = (await uploaded(t.url, sender, png(2 + i, 2), `${i}.png`)).id;
    await sender.http.run(SendFileMessageDocument, { input: { chatId, type: "IMAGE", fileId } });
  }
  return { reader, chatId };
}

async function count({ reader, chatId }: { reader: TestUser; chatId: string }) {
  statements = [];
  const { messages } = await reader.http.run(MessageAttachmentsDocument, { chatId });
  return { count: statements.length, files: messages.edges.filter((e) => e.node.attachment?.url).length };
}

it("loads a page's attachments in one batch", { timeout: 120_000 }, async () => {
  const small = await count(await chatWithImages(2));
  const large = await count(await chatWithImages(12));
  expect([small.files, large.files]).toEqual([2, 12]);
  expect(large.count).toBe(small.count);
});
