// Many sends at once are stored together (group commit) with the same rules and results as one
// at a time: per-chat seqs without gap or duplicate, refusals per message, idempotent retries.
import { afterAll, beforeAll, expect, it } from "vitest";
import { SendBatcher } from "../src/runtime/send-path.ts";
import { prismaRunner } from "../src/runtime/sql.ts";
import {
  ChatDocument,
  MessagesDocument,
  OpenDirectChatDocument,
  SendMessageDocument,
  type SendMessageInput,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { befriend, castGroup } from "./helpers/social.ts";

let t: TestApp;
let statements: string[] = [];

beforeAll(async () => {
  t = await startTestApp({}, (sql) => statements.push(sql));
});
afterAll(() => t?.close());

const send = (u: TestUser, input: SendMessageInput) => u.http.raw(SendMessageDocument, { input });
const batches = () => statements.filter((s) => s.includes("WITH ORDINALITY")).length;

it("stores a burst of sends to several chats with contiguous seqs and per-message refusals", async () => {
  const [owner, admin, member, muted, removed, target, peer, outsider] = await Promise.all(
    ["owner", "admin", "member", "muted", "removed", "target", "peer", "outsider"].map((n) => t.signUp(n)),
  );
  const everyone = [admin, member, muted, removed, target] as TestUser[];
  for (const u of everyone) await befriend(owner as TestUser, u);
  const group = await castGroup({ owner, admin, member, muted, removed, target } as never);
  const direct = (await (owner as TestUser).http.run(OpenDirectChatDocument, { userId: (peer as TestUser).id }))
    .openDirectChat.chat.id;

  const plan: [TestUser, string, string | null][] = [];
  for (let i = 0; i < 12; i++) {
    plan.push([owner as TestUser, group, null], [member as TestUser, group, null]);
    plan.push([owner as TestUser, direct, null], [peer as TestUser, direct, null]);
    plan.push([muted as TestUser, group, "FORBIDDEN"], [removed as TestUser, group, "NOT_FOUND"]);
    plan.push([outsider as TestUser, direct, "NOT_FOUND"]);
  }
  statements = [];
  const answers = await Promise.all(
    plan.map(([u, chatId], i) => send(u, { chatId, type: "TEXT", text: `burst ${i}` })),
  );
  answers.forEach((a, i) => {
    const code = plan[i]?.[2];
    if (code) expect(a.errors?.[0]?.extensions?.code).toBe(code);
    else expect(a.errors).toBeUndefined();
  });

  for (const [chatId, reader] of [
    [group, admin],
    [direct, peer],
  ] as const) {
    const stored = answers.filter((_, i) => plan[i]?.[1] === chatId && !plan[i]?.[2]).map((a) => a.data?.sendMessage);
    const seqs = stored.map((m) => m?.seq as number).sort((a, b) => a - b);
    const first = seqs[0] as number;
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => first + i));
    const { messages } = await (reader as TestUser).http.run(MessagesDocument, { chatId, last: 30 });
    const bySeq = new Map(stored.map((m) => [m?.seq, m?.text]));
    const tail = messages.edges.slice(-24).map((e) => e.node);
    expect(tail.map((m) => m.seq)).toEqual(seqs);
    for (const m of tail) expect(m.text).toBe(bySeq.get(m.seq));
    const { chat } = await (reader as TestUser).http.run(ChatDocument, { id: chatId });
    expect(chat?.lastMessage?.seq).toBe(seqs.at(-1));
  }
  // Each sender has read up to their own newest message; what came after is unread.
  const own = answers
    .filter((_, i) => plan[i]?.[0] === owner && plan[i]?.[1] === direct)
    .map((a) => a.data?.sendMessage)
    .sort((x, y) => (x?.seq ?? 0) - (y?.seq ?? 0))
    .at(-1);
  const { chat: ownersView } = await (owner as TestUser).http.run(ChatDocument, { id: direct });
  expect(ownersView?.readUpTo).toBe(own?.id);
  expect(ownersView?.unreadCount).toBe((ownersView?.lastMessage?.seq ?? 0) - (own?.seq ?? 0));
});

it("stores queued sends in one statement, each with the answer it would get alone", async () => {
  const [a, b, c] = await Promise.all([t.signUp("A"), t.signUp("B"), t.signUp("C")]);
  const ab = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
  const bc = (await b.http.run(OpenDirectChatDocument, { userId: c.id })).openDirectChat.chat.id;
  const batcher = new SendBatcher(prismaRunner(t.app.services.prisma));
  const message = (senderId: string, chatId: string, text: string) => ({
    ...{
      fileId: null,
      latitude: null,
      longitude: null,
      cityCode: null,
      address: null,
      clientMessageId: null,
      clientRequestHash: null,
    },
    ...{ chatId: Number(chatId), senderId: Number(senderId), senderDeviceId: null, type: "TEXT" as const, text },
  });
  const queued = [
    message(a.id, ab, "1"),
    message(b.id, bc, "2"),
    message(a.id, ab, "3"), // the rest wait for the first two, then go together
    message(c.id, ab, "not a member"),
    message(b.id, ab, "4"),
    message(c.id, bc, "5"),
    message(a.id, ab, "6"),
  ];
  statements = [];
  const stored = await Promise.all(queued.map((m) => batcher.insert(m)));
  expect(batches()).toBe(1);
  // In chat ab, "1" ran alone and the rest together, in arrival order; "1" and the batch ran
  // as separate statements, so whichever locked the chat first took the lower seqs (on a busy
  // machine the batch can start while "1" is still on its way). Likewise "2" and "5" in chat bc.
  expect(stored.map((m) => m?.text ?? null)).toEqual(["1", "2", "3", null, "4", "5", "6"]);
  const batch = [2, 4, 6].map((i) => stored[i]?.seq as number);
  expect(batch).toEqual([batch[0], (batch[0] as number) + 1, (batch[0] as number) + 2]);
  expect([stored[0]?.seq, ...batch].sort()).toEqual([1, 2, 3, 4]);
  expect([stored[1]?.seq, stored[5]?.seq].sort()).toEqual([1, 2]);
  const { messages } = await b.http.run(MessagesDocument, { chatId: ab, first: 10 });
  const inAb = [0, 2, 4, 6].map((i) => stored[i]).sort((x, y) => (x?.seq as number) - (y?.seq as number));
  expect(messages.edges.map((e) => [e.node.text, e.node.seq, e.node.sender.id])).toEqual(
    inAb.map((m) => [m?.text, m?.seq, m?.text === "4" ? b.id : a.id]),
  );
  const { chat } = await b.http.run(ChatDocument, { id: ab });
  // B's watermark is their own "4"; what A sent after it is unread.
  const last = inAb.at(-1);
  const unread = inAb.filter((m) => (m?.seq as number) > (stored[4]?.seq as number)).length;
  expect([chat?.lastMessage?.text, chat?.readUpTo, chat?.unreadCount]).toEqual([
    last?.text,
    String(stored[4]?.id),
    unread,
  ]);
});

it("answers concurrent retries of one clientMessageId with one stored message", async () => {
  const [a, b] = await Promise.all([t.signUp("A"), t.signUp("B")]);
  const chatId = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
  const answers = await Promise.all([
    ...Array.from({ length: 6 }, () => send(a, { chatId, type: "TEXT", text: "once", clientMessageId: "c-1" })),
    ...Array.from({ length: 6 }, (_, i) => send(a, { chatId, type: "TEXT", text: `other ${i}` })),
  ]);
  for (const r of answers) expect(r.errors).toBeUndefined();
  const ids = new Set(answers.slice(0, 6).map((r) => r.data?.sendMessage.id));
  expect(ids.size).toBe(1);
  const { messages } = await b.http.run(MessagesDocument, { chatId, last: 20 });
  expect(messages.edges.filter((e) => e.node.text === "once")).toHaveLength(1);
  expect(messages.edges.map((e) => e.node.seq)).toEqual(Array.from({ length: 7 }, (_, i) => i + 1));
});
