// recentChats costs the same number of SQL statements for 5 chats as for 50: no N+1.
import { afterAll, beforeAll, expect, it } from "vitest";
import { OpenDirectChatDocument, RecentChatsDocument, SendMessageDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";

let t: TestApp;
let statements: string[] = [];

beforeAll(async () => {
  t = await startTestApp({}, (sql) => statements.push(sql));
});
afterAll(() => t?.close());

async function userWithChats(n: number): Promise<TestUser> {
  const me = await t.signUp("Me");
  for (let i = 0; i < n; i++) {
    const peer = await t.signUp(`Peer ${i}`);
    const { openDirectChat } = await peer.http.run(OpenDirectChatDocument, { userId: me.id });
    await peer.http.run(SendMessageDocument, {
      input: { chatId: openDirectChat.chat.id, type: "TEXT", text: `hi ${i}` },
    });
  }
  return me;
}

async function countRecentChats(user: TestUser): Promise<{ count: number; chats: number }> {
  statements = [];
  const { recentChats } = await user.http.run(RecentChatsDocument, { first: 100 });
  const count = statements.length;
  return { count, chats: recentChats.edges.length };
}

it("lists 5 and 50 chats with the same number of queries", { timeout: 120_000 }, async () => {
  const small = await countRecentChats(await userWithChats(5));
  const large = await countRecentChats(await userWithChats(50));
  expect(small.chats).toBe(6); // 5 direct chats and the device chat
  expect(large.chats).toBe(51);
  expect(large.count).toBe(small.count);
  expect(small.count).toBeLessThanOrEqual(3);
});

it("answers a send's columns from the stored row, and reads a selected relation in one statement", async () => {
  const me = await t.signUp("Columns");
  const peer = await t.signUp("Columns peer");
  const { openDirectChat } = await me.http.run(OpenDirectChatDocument, { userId: peer.id });
  const query = (selection: string) =>
    `mutation($input: SendMessageInput!, $s: Boolean!) { sendMessage(input: $input) { id seq @include(if: $s) ${selection} } }`;
  type Sent = { sendMessage: { id: string; seq: number; sender?: { id: string } } };
  // The fewest statements of three sends: work in the background (presence) adds to some.
  const count = async (selection: string, s: boolean) => {
    const counts: number[] = [];
    let last: Sent | undefined;
    for (let i = 0; i < 3; i++) {
      statements = [];
      const doc = { toString: () => query(selection) } as unknown as typeof SendMessageDocument;
      last = (await me.http.run(doc, {
        input: { chatId: openDirectChat.chat.id, type: "TEXT", text: `columns ${i}` },
        s,
      } as never)) as unknown as Sent;
      counts.push(statements.length);
    }
    return { count: Math.min(...counts), sent: last };
  };
  const columns = await count("clientMessageId", true);
  const skipped = await count("sender @include(if: $s) { id }", false);
  // (With $s false, seq goes too: the selection is id alone.)
  const related = await count("sender @include(if: $s) { id nickname }", true);
  expect(skipped.count).toBe(columns.count);
  expect(skipped.sent?.sendMessage.sender).toBeUndefined();
  expect(related.count).toBe(columns.count + 1);
  expect(related.sent?.sendMessage.sender).toEqual({ id: me.id, nickname: "Columns" });
});
