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
): AsyncIterableIterator<MessageEvent> {
  return new MessageStream(prisma, pubsub, userId, onlyChatId, after);
}

type Pull = { resolve(r: IteratorResult<MessageEvent>): void; reject(err: unknown): void };

/**
 * The stream itself: an async iterator with its state in fields and its steps as methods, so an
 * idle subscription holds one object, its map of seqs and its two listeners (no closures per step,
 * no suspended function). It starts when first asked for a value; ending it (the client's
 * `return`, or a failure) takes its listeners off.
 */
class MessageStream implements AsyncIterableIterator<MessageEvent> {
  /** Each chat's last delivered seq: from `after`, else the chat's last seq when the stream started. */
  readonly #lastSeq: Map<number, number>;
  /** Live events waiting behind a replay, a gap or the start. */
  readonly #waiting: Live[] = [];
  /** Delivered, not yet taken by the consumer. */
  readonly #ready: MessageEvent[] = [];
  /** Chats to replay before the next live event; null: none. */
  #replayWanted: Set<number> | null;
  #pull: Pull | null = null;
  /** A replay waiting for the consumer to take what was delivered (see #allTaken). */
  #taken: { promise: Promise<void>; resolve: () => void } | null = null;
  #state: "new" | "holding" | "live" | "ended" = "new";
  #draining = false;
  #failure: { err: unknown } | null = null;
  #offViewer: (() => void) | null = null;
  #offResumed: (() => void) | null = null;
  // Asked for at the start only (kept until then).
  #after: Map<number, number> | null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: PubSub,
    private readonly userId: number,
    private readonly onlyChatId: number | null,
    after: Map<number, number>,
  ) {
    this.#lastSeq = new Map(after);
    this.#after = after;
    this.#replayWanted = after.size > 0 ? new Set(after.keys()) : null;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<MessageEvent>> {
    if (this.#state === "new") void this.#start();
    const value = this.#ready.shift();
    if (value !== undefined) {
      if (this.#ready.length === 0) this.#release();
      return Promise.resolve({ done: false, value });
    }
    if (this.#failure) {
      const { err } = this.#failure;
      this.#failure = null;
      return Promise.reject(err);
    }
    if (this.#state === "ended") return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.#pull = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<MessageEvent>> {
    this.#end();
    this.#ready.length = 0;
    this.#failure = null;
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(err?: unknown): Promise<IteratorResult<MessageEvent>> {
    this.#end();
    return Promise.reject(err);
  }

  /** Hands `e` to the consumer, or queues it. */
  #push(e: MessageEvent) {
    if (this.#state === "ended") return;
    const pull = this.#pull;
    if (pull) {
      this.#pull = null;
      pull.resolve({ done: false, value: e });
    } else this.#ready.push(e);
  }

  /** Resolves once the consumer has taken everything queued (undefined: nothing is). */
  #allTaken(): Promise<void> | undefined {
    if (this.#ready.length === 0 || this.#state === "ended") return;
    if (!this.#taken) {
      let resolve = () => {};
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      this.#taken = { promise, resolve };
    }
    return this.#taken.promise;
  }

  #release() {
    const taken = this.#taken;
    this.#taken = null;
    taken?.resolve();
  }

  /** Ends the stream: listeners off, a waiting consumer told (with `err` after what is queued). */
  #end(err?: unknown) {
    if (this.#state === "ended") return;
    this.#state = "ended";
    this.#offResumed?.();
    this.#offViewer?.();
    this.#offResumed = this.#offViewer = null;
    this.#after = null;
    this.#waiting.length = 0;
    this.#release();
    const pull = this.#pull;
    this.#pull = null;
    if (err !== undefined) {
      if (pull) pull.reject(err);
      else this.#failure = { err };
    } else pull?.resolve({ done: true, value: undefined });
  }

  /** (A method: after an await, the state may have moved whatever the code before it set.) */
  #ended() {
    return this.#state === "ended";
  }

  async #deliver(e: MessageEvent) {
    const seen = this.#lastSeq.get(e.chatId);
    if (seen !== undefined && e.seq <= seen) return; // already delivered
    this.#lastSeq.set(e.chatId, e.seq);
    this.#push(e);
    await this.#allTaken();
  }

  async #replay(chats: Set<number>, checked: boolean) {
    const from = new Map<number, number>();
    for (const chatId of chats) {
      const seq = this.#lastSeq.get(chatId);
      if (seq !== undefined) from.set(chatId, seq);
    }
    // A removal while Redis was away was not heard: replay only the chats the user is still in.
    if (!checked)
      for (const chatId of await notMemberOf(this.prisma, this.userId, [...from.keys()])) from.delete(chatId);
    for await (const page of storedAfter(this.prisma, from)) {
      for (const m of page) {
        if (this.#state === "ended") return;
        await this.#deliver(messageEvent(m));
      }
    }
  }

  // Seqs skipped: usually a publish from another instance that comes a moment later; if it does
  // not, its publish was lost, and the store has it.
  async #fillGap(e: MessageEvent, seen: number) {
    await new Promise((r) => setTimeout(r, GAP_GRACE_MS));
    const waiting = this.#waiting;
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
    if (next < e.seq) return this.#replay(new Set([e.chatId]), true);
    for (const l of late) await this.#deliver(l);
  }

  // One event at a time, in arrival order; a replay runs between two of them.
  async #drain() {
    if (this.#draining || this.#state !== "live") return;
    this.#draining = true;
    try {
      while (this.#state === "live" && (this.#replayWanted || this.#waiting.length > 0)) {
        if (this.#replayWanted) {
          const chats = this.#replayWanted;
          this.#replayWanted = null;
          await this.#replay(chats, false);
          continue;
        }
        const e = this.#waiting.shift() as Live;
        if (e.kind === "gone") {
          this.#lastSeq.delete(e.chatId);
          continue;
        }
        const seen = this.#lastSeq.get(e.chatId);
        if (seen !== undefined && e.seq > seen + 1) await this.#fillGap(e, seen);
        await this.#deliver(e);
      }
    } catch (err) {
      this.#end(err);
    } finally {
      this.#draining = false;
    }
  }

  #onLive(e: LiveEvent) {
    const live = liveOf(e);
    if (live === null || this.#state === "ended") return;
    // The common case, the next seq with nothing queued: delivered at once, as it comes.
    if (
      !this.#draining &&
      this.#state === "live" &&
      !this.#replayWanted &&
      this.#waiting.length === 0 &&
      live.kind === "message"
    ) {
      const seen = this.#lastSeq.get(live.chatId);
      if (seen !== undefined && live.seq <= seen) return; // a repeat
      if (seen === undefined || live.seq === seen + 1) {
        this.#lastSeq.set(live.chatId, live.seq);
        return this.#push(live);
      }
    }
    this.#waiting.push(live);
    void this.#drain();
  }

  async #start() {
    this.#state = "holding";
    const viewer = listenViewer(this.prisma, this.pubsub, this.userId, this.onlyChatId, (e) => this.#onLive(e), true);
    this.#offViewer = viewer.off;
    this.#offResumed = this.pubsub.resumed(() => {
      this.#replayWanted = new Set([...(this.#replayWanted ?? []), ...this.#lastSeq.keys()]);
      void this.#drain();
    });
    const after = this.#after ?? new Map<number, number>();
    try {
      const started = await viewer.live;
      await requireMemberOfAll(this.prisma, this.userId, [...after.keys()]);
      if (this.#ended()) return;
      for (const [chatId, seq] of started) if (!after.has(chatId)) this.#lastSeq.set(chatId, seq);
      // What was committed while the listeners were being set up: replayed from where each chat was.
      for (const [chatId, seq] of await lastSeqs(this.prisma, this.userId, this.onlyChatId)) {
        if (!after.has(chatId) && seq > (this.#lastSeq.get(chatId) ?? seq))
          this.#replayWanted = new Set([...(this.#replayWanted ?? []), chatId]);
      }
      this.#after = null;
      // The chats asked for were checked just now: the first replay reads them straight away.
      if (this.#replayWanted) {
        const chats = this.#replayWanted;
        this.#replayWanted = null;
        await this.#replay(chats, true);
      }
      if (this.#ended()) return;
      this.#state = "live";
      await this.#drain();
    } catch (err) {
      this.#end(err);
    }
  }
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
