// messageAdded with catch-up: the stored messages after the seq a client last saw, then the live
// ones, with no gap and no duplicate at the seam. Live delivery starts first (buffered); the store
// is read once the live subscriptions are confirmed, so nothing committed in between is missed.

import { Repeater } from "@repeaterjs/repeater";
import { requireMember } from "../domain/chats.ts";
import { badInput } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { type ChatEvent, messageEvent, type PubSub } from "../pubsub.ts";
import { type LiveEvent, viewerEvents } from "./live.ts";

export type MessageEvent = Extract<ChatEvent, { kind: "message" }>;

const messageOf = (e: LiveEvent): MessageEvent | null =>
  e.source === "chat" && e.event.kind === "message" ? e.event : null;

/** At most this many stored messages are replayed per chat; older ones are paged with messages(after:). */
export const MAX_REPLAY = 1000;

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
      for (const [chatId, seq] of after) {
        await requireMember(prisma, chatId, userId);
        const stored = await prisma.message.findMany({
          where: { chatId, seq: { gt: seq } },
          orderBy: { seq: "asc" },
          take: MAX_REPLAY,
        });
        for (const m of stored) await deliver(messageEvent(m));
      }
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

/** The replay positions a subscription asked for: `afterSeq` with `chatId`, or a per-chat list. */
export function replayPositions(
  chatId: number | null,
  afterSeq: number | null | undefined,
  list: { chatId: number; seq: number }[] | null | undefined,
): Map<number, number> {
  const positions = new Map<number, number>();
  if (afterSeq !== null && afterSeq !== undefined) {
    if (chatId === null) throw badInput("afterSeq", "needs chatId; use `after` for several chats");
    if (afterSeq < 0) throw badInput("afterSeq", "must not be negative");
    positions.set(chatId, afterSeq);
  }
  for (const p of list ?? []) {
    if (p.seq < 0) throw badInput("after.seq", "must not be negative");
    if (chatId !== null && p.chatId !== chatId) throw badInput("after.chatId", "not the chat subscribed to");
    positions.set(p.chatId, p.seq);
  }
  if (positions.size > 500) throw badInput("after", "at most 500 chats");
  return positions;
}
