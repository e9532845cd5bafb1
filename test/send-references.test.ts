// The send statements store a message's reply, @all flag and mention rows in the same statement,
// alone and in a group-commit batch: each message gets its own, and a refused one leaves none.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type NewMessage, SendBatcher, sendStatement } from "../src/runtime/send-path.ts";
import { prismaRunner } from "../src/runtime/sql.ts";
import { OpenDirectChatDocument, SendRichDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";

let t: TestApp;
let statements: string[] = [];

beforeAll(async () => {
  t = await startTestApp({}, (sql) => statements.push(sql));
});
afterAll(() => t?.close());

it("stores replies and mentions with each message, one statement per batch", async () => {
  const [a, b, c] = [await t.signUp("A"), await t.signUp("B"), await t.signUp("C")];
  const ab = Number((await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id);
  const first = (await a.http.run(SendRichDocument, { input: { chatId: String(ab), type: "TEXT", text: "first" } }))
    .sendMessage;
  const db = t.app.services.prisma;
  const batcher = new SendBatcher(prismaRunner(db));
  const message = (senderId: string, text: string, extra: Partial<NewMessage> = {}): NewMessage => ({
    ...{ chatId: ab, senderId: Number(senderId), senderDeviceId: null, type: "TEXT", text },
    ...{ fileId: null, latitude: null, longitude: null, cityCode: null, address: null },
    ...{ clientMessageId: null, clientRequestHash: null, ...extra },
  });
  const replyToId = BigInt(first.id);
  const queued = [
    message(a.id, "1", { mentionIds: [Number(b.id)] }),
    message(b.id, "2", { mentionIds: [Number(a.id)] }),
    message(a.id, "3", { replyToId, mentionIds: [Number(a.id), Number(b.id)] }), // these wait, then go together
    message(c.id, "refused", { mentionIds: [Number(a.id)], replyToId }),
    message(b.id, "4", { mentionsAll: true }),
    message(b.id, "5"),
  ];
  statements = [];
  const stored = await Promise.all(queued.map((m) => batcher.insert(m)));
  expect(statements.filter((s) => s.includes("WITH ORDINALITY"))).toHaveLength(1);
  expect(stored.map((m) => m?.text ?? null)).toEqual(["1", "2", "3", null, "4", "5"]);

  const rows = await db.message.findMany({
    where: { chatId: ab, seq: { gt: first.seq } },
    orderBy: { seq: "asc" },
    include: { mentions: { orderBy: { userId: "asc" } } },
  });
  const view = rows.map((r) => ({
    text: r.text,
    replyTo: r.replyToId,
    all: r.mentionsAll,
    mentions: r.mentions.map((x) => [x.userId, x.chatId, x.seq, x.messageId === r.id]),
  }));
  const at = (text: string) => rows.find((r) => r.text === text)?.seq;
  expect(view.sort((x, y) => x.text.localeCompare(y.text))).toEqual([
    { text: "1", replyTo: null, all: false, mentions: [[Number(b.id), ab, at("1"), true]] },
    { text: "2", replyTo: null, all: false, mentions: [[Number(a.id), ab, at("2"), true]] },
    {
      text: "3",
      replyTo: replyToId,
      all: false,
      mentions: [
        [Number(a.id), ab, at("3"), true],
        [Number(b.id), ab, at("3"), true],
      ],
    },
    { text: "4", replyTo: null, all: true, mentions: [] },
    { text: "5", replyTo: null, all: false, mentions: [] },
  ]);
  // The one-message statement stores the same.
  const [one] = await db.$queryRaw<{ id: bigint }[]>(
    sendStatement(message(a.id, "6", { replyToId, mentionIds: [Number(b.id)], mentionsAll: true }), new Date()),
  );
  const six = await db.message.findUniqueOrThrow({ where: { id: BigInt(one?.id ?? 0) }, include: { mentions: true } });
  expect([six.replyToId, six.mentionsAll, six.mentions.map((x) => x.userId)]).toEqual([
    replyToId,
    true,
    [Number(b.id)],
  ]);
});
