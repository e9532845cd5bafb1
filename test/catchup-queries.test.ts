// Catch-up over many chats costs the same number of SQL statements for 3 chats as for 30.
import { afterAll, beforeAll, expect, it } from "vitest";
import { MessageCatchUpDocument, OpenDirectChatDocument, SendMessageDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle } from "./helpers/client.ts";

let t: TestApp;
let statements: string[] = [];

beforeAll(async () => {
  t = await startTestApp({}, (sql) => statements.push(sql));
});
afterAll(() => t?.close());

/** A user with `n` direct chats, each holding two messages. */
async function userWithChats(n: number): Promise<{ me: TestUser; chats: string[] }> {
  const me = await t.signUp("Me");
  const chats: string[] = [];
  for (let i = 0; i < n; i++) {
    const peer = await t.signUp(`Peer ${i}`);
    const chatId = (await peer.http.run(OpenDirectChatDocument, { userId: me.id })).openDirectChat.chat.id;
    for (const text of ["one", "two"])
      await peer.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } });
    chats.push(chatId);
  }
  return { me, chats };
}

async function statementsToCatchUp({ me, chats }: { me: TestUser; chats: string[] }) {
  await settle();
  statements = [];
  const sub = new Recorder(t.ws(me), MessageCatchUpDocument, { after: chats.map((chatId) => ({ chatId, seq: 0 })) });
  const got = await sub.waitFor(chats.length * 2);
  await settle();
  sub.stop();
  return { count: statements.length, messages: got.length };
}

it("checks membership and reads history for 3 and 30 chats in the same number of statements", {
  timeout: 120_000,
}, async () => {
  const small = await statementsToCatchUp(await userWithChats(3));
  const large = await statementsToCatchUp(await userWithChats(30));
  expect(small.messages).toBe(6);
  expect(large.messages).toBe(60);
  expect(large.count).toBe(small.count);
});
