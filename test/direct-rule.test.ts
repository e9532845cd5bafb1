// The direct-chat rule has two forms: `directRefusal` in TypeScript and the send statements' guard
// in SQL (`directGuard`). In every state (the peer blocked the sender or not, the sender blocked the
// peer or not, friends or not, each policy, direct chat or group) the statements store a message
// exactly when TypeScript lets the sender message the peer, and a group is never affected.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type DirectPolicy, directRefusal } from "../src/domain/direct-rule.ts";
import type { ChatType } from "../src/generated/prisma/enums.ts";
import { type NewMessage, sendBatchStatement, sendStatement } from "../src/runtime/send-path.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

type State = { type: ChatType; peerBlocked: boolean; senderBlocked: boolean; friends: boolean };
const flags = [false, true];
const states: State[] = (["DIRECT", "GROUP"] as const).flatMap((type) =>
  flags.flatMap((peerBlocked) =>
    flags.flatMap((senderBlocked) => flags.map((friends) => ({ type, peerBlocked, senderBlocked, friends }))),
  ),
);

/** The rule as the issue states it. */
const stated = (s: State, policy: DirectPolicy) =>
  s.type !== "DIRECT" || (!s.peerBlocked && (policy === "everyone" || s.friends));

const message = (chatId: number, senderId: number, text: string): NewMessage => ({
  ...{ chatId, senderId, senderDeviceId: null, type: "TEXT", text, fileId: null, latitude: null },
  ...{ longitude: null, cityCode: null, address: null, clientMessageId: null, clientRequestHash: null },
});

it("the send statements store a message exactly when directRefusal lets the sender message the peer", async () => {
  const prisma = t.app.services.prisma;
  const cases: { s: State; chatId: number; sender: number; peer: number }[] = [];
  for (const s of states) {
    const [sender, peer] = [Number((await t.signUp()).id), Number((await t.signUp()).id)];
    const chat = await prisma.chat.create({
      data: {
        type: s.type,
        members: { create: [sender, peer].map((userId) => ({ userId, entry: { create: {} } })) },
      },
    });
    if (s.peerBlocked) await prisma.block.create({ data: { blockerId: peer, blockedId: sender } });
    if (s.senderBlocked) await prisma.block.create({ data: { blockerId: sender, blockedId: peer } });
    if (s.friends)
      await prisma.friend.createMany({
        data: [
          { userId: sender, friendId: peer, type: "FRIEND" },
          { userId: peer, friendId: sender, type: "FRIEND" },
        ],
      });
    cases.push({ s, chatId: chat.id, sender, peer });
  }
  expect(states).toHaveLength(16);
  for (const policy of ["everyone", "friends"] as const) {
    const label = (c: (typeof cases)[number], ok: boolean) =>
      `${policy} ${JSON.stringify(c.s)}: ${ok ? "sends" : "refused"}`;
    const expected: string[] = [];
    for (const c of cases) {
      const ts = c.s.type !== "DIRECT" || (await directRefusal(prisma, policy, c.sender, c.peer)) === null;
      expected.push(label(c, ts));
    }
    expect(cases.map((c) => label(c, stated(c.s, policy)))).toEqual(expected);
    const one: string[] = [];
    for (const c of cases) {
      const rows = await prisma.$queryRaw<unknown[]>(
        sendStatement(message(c.chatId, c.sender, "one"), new Date(), { policy, sinks: null }),
      );
      one.push(label(c, rows.length === 1));
    }
    expect(one).toEqual(expected);
    const batch = await prisma.$queryRaw<{ ord: bigint | number }[]>(
      sendBatchStatement(
        cases.map((c) => message(c.chatId, c.sender, "batch")),
        new Date(),
        { policy, sinks: null },
      ),
    );
    const stored = new Set(batch.map((r) => Number(r.ord) - 1));
    expect(cases.map((c, i) => label(c, stored.has(i)))).toEqual(expected);
  }
});
