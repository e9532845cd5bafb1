// messageAdded with catch-up: the stored messages after the seq a client last saw, then the live
// ones, with no gap and no duplicate at the seam. Live delivery starts first (held back); the store
// is read once the live subscriptions are confirmed, so nothing committed in between is missed.
// Everything missed is replayed, in pages, whatever the backlog; each page reads all the chats
// asked for in one statement, and membership of all of them is checked in one.
//
// The stream keeps each chat's last delivered seq (from `after`, else the chat's last seq when it
// started), and goes back to the store through the same seam whenever live delivery may have
// missed something: when the instance's subscriptions are live again after Redis was away
// (`resumed`), and when a live message skips seqs (its predecessor's publish was lost, or is late).

import { Repeater } from "@repeaterjs/repeater";
import { parseSeq } from "../domain/validate.ts";
import { badInput, notFound } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { type ChatEvent, messageEvent, type PubSub } from "../pubsub.ts";
import { type LiveEvent, listenViewer } from "./live.ts";

export type MessageEvent = Extract<ChatEvent, { kind: "message" }>;

/** What the stream acts on: a new message, or a chat it no longer follows. */
type Live = MessageEvent | { kind: "gone"; chatId: number };

const liveOf = (e: LiveEvent): Live | null => {
  if (e.source === "chat") {
    if (e.event.kind === "message") return e.event;
    return e.event.kind === "dissolved" ? { kind: "gone", chatId: e.event.chatId } : null;
  }
  return e.event.kind === "left" ? { kind: "gone", chatId: e.event.chatId } : null;
};

/** How long a stream waits for skipped seqs to arrive live before it reads them from the store. */
const GAP_GRACE_MS = 50;

/** Stored messages read per statement while replaying (live events wait in a buffer meanwhile). */
export const REPLAY_PAGE = 500;

export function messageStream(
  prisma: PrismaClient,
  pubsub: PubSub,
  userId: number,
  onlyChatId: number | null,
  after: Map<number, number>,
): AsyncIterable<MessageEvent> {
  return new Repeater<MessageEvent>(async (push, stop) => {
    let stopped = false;
    /** Each chat's last delivered seq: from `after`, else the chat's last seq when the stream started. */
    const lastSeq = new Map(after);
    const waiting: Live[] = [];
    /** Chats to replay before the next live event; null: none. */
    let replayWanted: Set<number> | null = after.size > 0 ? new Set(after.keys()) : null;
    let holding = true;
    let draining = false;

    const deliver = async (e: MessageEvent) => {
      const seen = lastSeq.get(e.chatId);
      if (seen !== undefined && e.seq <= seen) return; // already delivered
      lastSeq.set(e.chatId, e.seq);
      await push(e);
    };
    const replay = async (chats: Set<number>, checked: boolean) => {
      const from = new Map<number, number>();
      for (const chatId of chats) {
        const seq = lastSeq.get(chatId);
        if (seq !== undefined) from.set(chatId, seq);
      }
      // A removal while Redis was away was not heard: replay only the chats the user is still in.
      if (!checked) for (const chatId of await notMemberOf(prisma, userId, [...from.keys()])) from.delete(chatId);
      for await (const page of storedAfter(prisma, from)) for (const m of page) await deliver(messageEvent(m));
    };
    // Seqs skipped: usually a publish from another instance that comes a moment later; if it does
    // not, its publish was lost, and the store has it.
    const fillGap = async (e: MessageEvent, seen: number) => {
      await new Promise((r) => setTimeout(r, GAP_GRACE_MS));
      const late: MessageEvent[] = [];
      for (let i = waiting.length - 1; i >= 0; i--) {
        const w = waiting[i] as Live;
        if (w.kind === "message" && w.chatId === e.chatId && w.seq < e.seq) {
          late.push(w);
          waiting.splice(i, 1);
        }
      }
      late.sort((x, y) => x.seq - y.seq);
      let next = seen + 1;
      for (const l of late) if (l.seq === next) next++;
      if (next < e.seq) return replay(new Set([e.chatId]), true);
      for (const l of late) await deliver(l);
    };
    // One event at a time, in arrival order; a replay runs between two of them.
    const drain = async () => {
      if (draining || holding) return;
      draining = true;
      try {
        while (!stopped && (replayWanted || waiting.length > 0)) {
          if (replayWanted) {
            const chats = replayWanted;
            replayWanted = null;
            await replay(chats, false);
            continue;
          }
          const e = waiting.shift() as Live;
          if (e.kind === "gone") {
            lastSeq.delete(e.chatId);
            continue;
          }
          const seen = lastSeq.get(e.chatId);
          if (seen !== undefined && e.seq > seen + 1) await fillGap(e, seen);
          await deliver(e);
        }
      } catch (err) {
        stop(err);
      } finally {
        draining = false;
      }
    };

    const viewer = listenViewer(
      prisma,
      pubsub,
      userId,
      onlyChatId,
      (e) => {
        const live = liveOf(e);
        if (live === null || stopped) return;
        // The common case, the next seq with nothing queued: delivered at once, as it comes.
        if (!draining && !holding && !replayWanted && waiting.length === 0 && live.kind === "message") {
          const seen = lastSeq.get(live.chatId);
          if (seen !== undefined && live.seq <= seen) return; // a repeat
          if (seen === undefined || live.seq === seen + 1) {
            lastSeq.set(live.chatId, live.seq);
            return void push(live);
          }
        }
        waiting.push(live);
        void drain();
      },
      true,
    );
    const offResumed = pubsub.resumed(() => {
      replayWanted = new Set([...(replayWanted ?? []), ...lastSeq.keys()]);
      void drain();
    });
    // Not `await stop`: an idle subscription holds no suspended function, only its listeners.
    // (`off` alone, not `viewer`, whose `live` holds the start's map of every chat's seq.)
    const offViewer = viewer.off;
    void stop.then(() => {
      stopped = true;
      offResumed();
      offViewer();
    });
    try {
      const started = await viewer.live;
      await requireMemberOfAll(prisma, userId, [...after.keys()]);
      for (const [chatId, seq] of started) if (!after.has(chatId)) lastSeq.set(chatId, seq);
      // What was committed while the listeners were being set up: replayed from where each chat was.
      for (const [chatId, seq] of await lastSeqs(prisma, userId, onlyChatId)) {
        if (!after.has(chatId) && seq > (lastSeq.get(chatId) ?? seq))
          replayWanted = new Set([...(replayWanted ?? []), chatId]);
      }
      // The chats asked for were checked just now: the first replay reads them straight away.
      if (replayWanted) {
        const chats = replayWanted;
        replayWanted = null;
        await replay(chats, true);
      }
      holding = false;
      await drain();
    } catch (err) {
      stop(err);
    }
  });
}

/** The last seq of each of the user's chats (or only `onlyChatId`). */
async function lastSeqs(prisma: PrismaClient, userId: number, onlyChatId: number | null): Promise<Map<number, number>> {
  const rows = await prisma.chatMember.findMany({
    where: { userId, ...(onlyChatId === null ? {} : { chatId: onlyChatId }), chat: { isDeleted: false } },
    select: { chatId: true, chat: { select: { lastSeq: true } } },
  });
  return new Map(rows.map((r) => [r.chatId, r.chat.lastSeq]));
}

/** The chats of `chatIds` the user is no longer a member of (or that were dissolved). */
async function notMemberOf(prisma: PrismaClient, userId: number, chatIds: number[]): Promise<number[]> {
  if (chatIds.length === 0) return [];
  const rows = await prisma.chatMember.findMany({
    where: { userId, chatId: { in: chatIds }, chat: { isDeleted: false } },
    select: { chatId: true },
  });
  const members = new Set(rows.map((r) => r.chatId));
  return chatIds.filter((id) => !members.has(id));
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
