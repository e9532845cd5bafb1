// The live event stream of one user: the topics of every chat they belong to, kept in step with
// joins and leaves, merged with the user's own topic. A chat left is dropped at once.
import { Repeater } from "@repeaterjs/repeater";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { ChatEvent, PubSub, UserEvent } from "../pubsub.ts";

export type LiveEvent = { source: "chat"; event: ChatEvent } | { source: "user"; event: UserEvent };

/**
 * `select` maps each event to what the subscriber wants, or null to skip it: filtering here, not
 * in further operators, keeps one stream object per subscription (memory per idle socket). A
 * select that must look something up returns a promise; the stream keeps the events' order.
 */
export function viewerEvents<T>(
  prisma: PrismaClient,
  pubsub: PubSub,
  userId: number,
  onlyChatId: number | null,
  options: { onReady?: () => void; select: (e: LiveEvent) => T | null | Promise<T | null> },
): Repeater<T> {
  const { select } = options;
  return new Repeater<T>(async (push, stop) => {
    // Listeners are synchronous: events keep their order; the repeater queues them for the reader.
    // Behind a pending lookup, later events wait their turn.
    let pending: Promise<unknown> | null = null;
    let stopped = false;
    const deliver = (e: LiveEvent) => {
      const out = select(e);
      if (out === null) return;
      if (!(out instanceof Promise) && pending === null) return void push(out);
      const turn: Promise<unknown> = (pending ?? Promise.resolve())
        .then(() => out)
        .then((v) => {
          if (v !== null && !stopped) void push(v);
        })
        .catch(() => {})
        .finally(() => {
          if (pending === turn) pending = null;
        });
      pending = turn;
    };
    const viewer = listenViewer(prisma, pubsub, userId, onlyChatId, deliver);
    // Not `await stop`: an idle subscription holds no suspended function, only its listeners.
    void stop.then(() => {
      stopped = true;
      viewer.off();
    });
    await viewer.live;
    options.onReady?.();
  });
}

/**
 * Listens to the user's own topic and to the topics of every chat they belong to (or only
 * `onlyChatId`), following joins and dropping leaves, and hands each event to `onEvent`. `live`
 * resolves once the listeners are live, with each chat's last seq as read just before listening
 * to it (if `seqs`); `off` removes them all.
 */
export function listenViewer(
  prisma: PrismaClient,
  pubsub: PubSub,
  userId: number,
  onlyChatId: number | null,
  onEvent: (e: LiveEvent) => void,
  seqs = false,
): { live: Promise<Map<number, number>>; off(): void } {
  const chats = new Map<number, () => void>();
  let stopped = false;
  const follow = (chatId: number) => {
    if (stopped || chats.has(chatId) || (onlyChatId !== null && chatId !== onlyChatId)) return;
    const off = pubsub.listen("chat", chatId, (event) => {
      if (event.kind === "dissolved") drop(chatId);
      onEvent({ source: "chat", event });
    });
    chats.set(chatId, off);
  };
  const drop = (chatId: number) => {
    chats.get(chatId)?.();
    chats.delete(chatId);
  };
  const offUser = pubsub.listen("user", userId, (event) => {
    if (event.kind === "joined") follow(event.chatId);
    if (event.kind === "left") drop(event.chatId);
    onEvent({ source: "user", event });
  });
  const live = (async () => {
    const memberships = await prisma.chatMember.findMany({
      where: { userId, ...(onlyChatId === null ? {} : { chatId: onlyChatId }), chat: { isDeleted: false } },
      select: { chatId: true, ...(seqs ? { chat: { select: { lastSeq: true } } } : {}) },
    });
    for (const m of memberships) follow(m.chatId);
    await pubsub.settled().catch(() => {});
    return new Map(memberships.map((m) => [m.chatId, "chat" in m ? m.chat.lastSeq : 0]));
  })();
  return {
    live,
    off: () => {
      stopped = true;
      offUser();
      for (const id of [...chats.keys()]) drop(id);
    },
  };
}

/** One user's own topic, each event mapped by `select` (null skips it): one stream, one listener. */
export function userEvents<T>(pubsub: PubSub, userId: number, select: (e: UserEvent) => T | null): Repeater<T> {
  return new Repeater<T>((push, stop) => {
    const off = pubsub.listen("user", userId, (e) => {
      const out = select(e);
      if (out !== null) void push(out);
    });
    void stop.then(off);
  });
}
