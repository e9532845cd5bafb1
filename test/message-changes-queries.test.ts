// Reactions, mentions and replies cost the same number of SQL statements for a page of 5 messages
// as for 40; unreadMentionCount the same for 5 chats as for 40: batched, no N+1.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  AddReactionDocument,
  ChangedMessagesDocument,
  MentionCountsDocument,
  MessageUpdatedDocument,
  OpenDirectChatDocument,
  type SendMessageInput,
  SendRichDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle } from "./helpers/client.ts";

let t: TestApp;
let statements: string[] = [];

beforeAll(async () => {
  t = await startTestApp({}, (sql) => statements.push(sql));
});
afterAll(() => t?.close());

async function counted<T>(run: () => Promise<T>): Promise<{ count: number; result: T }> {
  statements = [];
  const result = await run();
  return { count: statements.length, result };
}

it("reads a page of messages with reactions, mentions and replies in a constant number of statements", async () => {
  const [a, b] = [await t.signUp("A"), await t.signUp("B")];
  const chatId = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
  let previous: string | null = null;
  for (let i = 0; i < 40; i++) {
    const input: SendMessageInput = { chatId, type: "TEXT", text: `m${i}`, replyToId: previous, mentionIds: [b.id] };
    const { sendMessage } = await a.http.run(SendRichDocument, { input });
    await b.http.run(AddReactionDocument, { messageId: sendMessage.id, emoji: i % 2 ? "👍" : "🎉" });
    await a.http.run(AddReactionDocument, { messageId: sendMessage.id, emoji: "👍" });
    previous = sendMessage.id;
  }
  const small = await counted(() => b.http.run(ChangedMessagesDocument, { chatId, last: 5 }));
  const large = await counted(() => b.http.run(ChangedMessagesDocument, { chatId, last: 40 }));
  expect(small.result.messages.edges).toHaveLength(5);
  expect(large.result.messages.edges).toHaveLength(40);
  const node = large.result.messages.edges[39]?.node;
  expect(node?.mentions).toEqual([{ id: b.id }]);
  expect(node?.replyTo?.id).toBe(large.result.messages.edges[38]?.node.id);
  expect(node?.reactions).toEqual([{ emoji: "👍", count: 2, reactedByMe: true }]);
  expect(large.count).toBe(small.count);
});

async function mentionedIn(n: number): Promise<TestUser> {
  const me = await t.signUp("Me");
  for (let i = 0; i < n; i++) {
    const peer = await t.signUp(`Peer ${i}`);
    const chatId = (await peer.http.run(OpenDirectChatDocument, { userId: me.id })).openDirectChat.chat.id;
    await peer.http.run(SendRichDocument, { input: { chatId, type: "TEXT", text: "@me", mentionIds: [me.id] } });
  }
  return me;
}

it("counts unread mentions for 5 and 40 chats with the same number of statements", { timeout: 120_000 }, async () => {
  const [five, forty] = [await mentionedIn(5), await mentionedIn(40)];
  const small = await counted(() => five.http.run(MentionCountsDocument));
  const large = await counted(() => forty.http.run(MentionCountsDocument));
  const mentions = (r: typeof small.result) => r.recentChats.edges.map((e) => e.node.unreadMentionCount);
  expect(mentions(small.result).sort()).toEqual([0, ...Array(5).fill(1)]); // and the device chat
  expect(mentions(large.result)).toHaveLength(41);
  expect(large.count).toBe(small.count);
  expect(small.count).toBeLessThanOrEqual(4);
});

it("reads a message's reactions once per change for all of an instance's subscribers", async () => {
  const [a, b] = [await t.signUp("A"), await t.signUp("B")];
  const chatId = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
  const { sendMessage } = await a.http.run(SendRichDocument, { input: { chatId, type: "TEXT", text: "react" } });
  const subscribers = [a, b, b, a].map((u) => new Recorder(t.ws(u), MessageUpdatedDocument, { chatId }));
  await settle();
  statements = [];
  await a.http.run(AddReactionDocument, { messageId: sendMessage.id, emoji: "🔥" });
  const seen = await Promise.all(subscribers.map(async (r) => (await r.waitFor(1))[0]?.messageUpdated.reactions));
  expect(seen).toEqual([true, false, false, true].map((reactedByMe) => [{ emoji: "🔥", count: 1, reactedByMe }]));
  expect(statements.filter((s) => s.includes("array_agg(user_id)"))).toHaveLength(1);
  expect(statements.filter((s) => s.includes("message_id = ANY"))).toHaveLength(1); // the mutation's answer
});
