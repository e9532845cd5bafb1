// messageAdded with catch-up: the stored messages after the seq a client last saw, then the live
// ones, with no gap and no duplicate at the seam. Live delivery starts first (buffered); the store
// is read once the live subscriptions are confirmed, so nothing committed in between is missed.
// Everything missed is replayed, in pages, whatever the backlog; each page reads all the chats
// asked for in one statement, and membership of all of them is checked in one.

import { Repeater } from "@repeaterjs/repeater";
import { parseSeq } from "../domain/validate.ts";
import { badInput, notFound } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { type ChatEvent, messageEvent, type PubSub } from "../pubsub.ts";
import { type LiveEvent, viewerEvents } from "./live.ts";

export type MessageEvent = Extract<ChatEvent, { kind: "message" }>;

const messageOf = (e: LiveEvent): MessageEvent | null =>
  e.source === "chat" && e.event.kind === "message" ? e.event : null;

/** Stored messages read per statement while replaying (live events wait in a buffer meanwhile). */
export const REPLAY_PAGE = 500;

export function messageStream(
  prisma: PrismaClient,
  pubsub: PubSub,
  userId: number,
  onlyChatId: number | null,
  after: Map<number, number>,
): AsyncIterable<MessageEvent> {
  // Nothing to replay: the live stream alone (one subscription holds less memory).
  if (after.size === 0) return viewerEvents(prisma, pubsub, userId, onlyChatId, { select: messageOf });
  return new Repeater<MessageEvent>(async (push, stop) => {
    const lastSeq = new Map(after);
    let replaying = true;
    const buffer: MessageEvent[] = [];
    const deliver = async (e: MessageEvent) => {
      if (e.seq <= (lastSeq.get(e.chatId) ?? 0)) return; // already replayed
      lastSeq.set(e.chatId, Math.max(e.seq, lastSeq.get(e.chatId) ?? 0));
      await push(e);
    };

    let ready!: () => void;
    const live = viewerEvents(prisma, pubsub, userId, onlyChatId, { onReady: () => ready(), select: messageOf });
    const liveReady = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const pumping = (async () => {
      for await (const e of live) {
        if (replaying) buffer.push(e);
        else await deliver(e);
      }
    })().catch(stop);
    await Promise.race([liveReady, stop]);

    try {
      await requireMemberOfAll(prisma, userId, [...after.keys()]);
      for await (const page of storedAfter(prisma, after)) for (const m of page) await deliver(messageEvent(m));
      replaying = false;
      for (const e of buffer.splice(0)) await deliver(e);
    } catch (err) {
      stop(err);
    }
    await stop;
    await live.return();
    await pumping;
  });
}

/** NOT_FOUND unless the user is a member of every one of the live chats. */
async function requireMemberOfAll(prisma: PrismaClient, userId: number, chatIds: number[]): Promise<void> {
  const members = await prisma.chatMember.count({
    where: { userId, chatId: { in: chatIds }, chat: { isDeleted: false } },
  });
  if (members !== chatIds.length) throw notFound("chat");
}

/**
 * The stored messages after each chat's seq, chat by chat in seq order, a page per statement. After
 * a page, the chats before its last one are done, and that one goes on after its last seq.
 */
async function* storedAfter(prisma: PrismaClient, after: Map<number, number>) {
  const from = new Map(after);
  while (from.size > 0) {
    const page = await prisma.message.findMany({
      where: { OR: [...from].map(([chatId, seq]) => ({ chatId, seq: { gt: seq } })) },
      orderBy: [{ chatId: "asc" }, { seq: "asc" }],
      take: REPLAY_PAGE,
    });
    yield page;
    const last = page.at(-1);
    if (!last || page.length < REPLAY_PAGE) return;
    for (const chatId of from.keys()) if (chatId < last.chatId) from.delete(chatId);
    from.set(last.chatId, last.seq);
  }
}

/** The replay positions a subscription asked for: `afterSeq` with `chatId`, or a per-chat list. */
export function replayPositions(
  chatId: number | null,
  afterSeq: number | null | undefined,
  list: { chatId: number; seq: number }[] | null | undefined,
): Map<number, number> {
  const positions = new Map<number, number>();
  if (afterSeq !== null && afterSeq !== undefined) {
    if (chatId === null) throw badInput("afterSeq", "needs chatId; use `after` for several chats");
    positions.set(chatId, parseSeq(afterSeq, "afterSeq"));
  }
  for (const p of list ?? []) {
    parseSeq(p.seq, "after.seq");
    if (chatId !== null && p.chatId !== chatId) throw badInput("after.chatId", "not the chat subscribed to");
    positions.set(p.chatId, p.seq);
  }
  if (positions.size > 500) throw badInput("after", "at most 500 chats");
  return positions;
}
