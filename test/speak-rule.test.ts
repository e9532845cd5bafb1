// The speak rule has one definition (roles.ts) and two forms: `speakRefusal` in TypeScript and the
// guard of the send statements in SQL. In every state of a chat and a sender, the statements store a
// message exactly when TypeScript says the sender may speak.
import { afterAll, beforeAll, expect, it } from "vitest";
import { speakRefusal } from "../src/domain/roles.ts";
import type { ChatType, MemberRole } from "../src/generated/prisma/enums.ts";
import { type NewMessage, sendBatchStatement, sendStatement } from "../src/runtime/send-path.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

type State = {
  type: ChatType;
  dissolved: boolean;
  groupMuted: boolean;
  /** null: the sender is not a member (then there is no role nor mute to vary). */
  member: { role: MemberRole; muted: boolean } | null;
};

const flags = [false, true];
const states: State[] = (["GROUP", "DIRECT", "DEVICES"] as const).flatMap((type) =>
  flags.flatMap((dissolved) =>
    flags.flatMap((groupMuted) =>
      [null, ...(["OWNER", "ADMIN", "MEMBER"] as const).flatMap((role) => flags.map((muted) => ({ role, muted })))].map(
        (member) => ({ type, dissolved, groupMuted, member }),
      ),
    ),
  ),
);

/** The rule as the issue states it: a member of a live chat, and in a group not muted, and the group not muted unless owner or admin. */
const stated = (s: State) =>
  s.member !== null &&
  !s.dissolved &&
  (s.type !== "GROUP" || (!s.member.muted && (!s.groupMuted || s.member.role !== "MEMBER")));

it("the send statements store a message exactly when speakRefusal lets the sender speak", async () => {
  const prisma = t.app.services.prisma;
  const senderId = Number((await t.signUp("sender")).id);
  const cases: { s: State; chatId: number; mayTs: boolean }[] = [];
  for (const s of states) {
    const chat = await prisma.chat.create({
      data: {
        type: s.type,
        isDeleted: s.dissolved,
        muted: s.groupMuted,
        members: s.member ? { create: { userId: senderId, ...s.member, entry: { create: {} } } } : undefined,
      },
    });
    const membership = await prisma.chatMember.findUnique({
      where: { chatId_userId: { chatId: chat.id, userId: senderId } },
      include: { chat: true },
    });
    const mayTs = membership !== null && speakRefusal(membership) === null;
    cases.push({ s, chatId: chat.id, mayTs });
  }
  expect(states).toHaveLength(3 * 2 * 2 * 7);
  // Each outcome labelled with its state, so a disagreement names the state.
  const outcomes = (may: (c: (typeof cases)[number], i: number) => boolean) =>
    cases.map((c, i) => `${JSON.stringify(c.s)}: ${may(c, i) ? "sends" : "refused"}`);
  const expected = outcomes((c) => c.mayTs);
  expect(outcomes((c) => stated(c.s))).toEqual(expected);

  const message = (chatId: number, text: string): NewMessage => ({
    ...{ chatId, senderId, senderDeviceId: null, type: "TEXT", text },
    ...{
      fileId: null,
      latitude: null,
      longitude: null,
      cityCode: null,
      address: null,
      clientMessageId: null,
      clientRequestHash: null,
    },
  });
  const one: boolean[] = [];
  for (const c of cases) {
    const rows = await prisma.$queryRaw<unknown[]>(sendStatement(message(c.chatId, "one"), new Date()));
    one.push(rows.length === 1);
  }
  expect(outcomes((_, i) => one[i] === true)).toEqual(expected);

  const batch = await prisma.$queryRaw<{ ord: bigint | number }[]>(
    sendBatchStatement(
      cases.map((c) => message(c.chatId, "batch")),
      new Date(),
    ),
  );
  const stored = new Set(batch.map((r) => Number(r.ord) - 1));
  expect(outcomes((_, i) => stored.has(i))).toEqual(expected);
});
