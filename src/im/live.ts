// The live event stream of one user: the topics of every chat they belong to, kept in step with
// joins and leaves, merged with the user's own topic. A chat left is dropped at once.
import { Repeater } from "@repeaterjs/repeater";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { type ChatEvent, type PubSub, subscribeChat, subscribeUser, type UserEvent } from "../pubsub.ts";

export type LiveEvent = { source: "chat"; event: ChatEvent } | { source: "user"; event: UserEvent };

export function viewerEvents(
  prisma: PrismaClient,
  pubsub: PubSub,
  userId: number,
  onlyChatId: number | null,
  onReady: () => void = () => {},
): Repeater<LiveEvent> {
  return new Repeater<LiveEvent>(async (push, stop) => {
    const chatStreams = new Map<number, AsyncIterator<ChatEvent>>();
    let stopped = false;

    const follow = (chatId: number) => {
      if (stopped || chatStreams.has(chatId) || (onlyChatId !== null && chatId !== onlyChatId)) return;
      const it = subscribeChat(pubsub, chatId)[Symbol.asyncIterator]();
      chatStreams.set(chatId, it);
      void (async () => {
        for (let r = await it.next(); !r.done && chatStreams.get(chatId) === it; r = await it.next()) {
          if (r.value.kind === "dissolved") drop(chatId);
          await push({ source: "chat", event: r.value });
        }
      })();
    };
    const drop = (chatId: number) => {
      const it = chatStreams.get(chatId);
      chatStreams.delete(chatId);
      void it?.return?.();
    };

    const userStream = subscribeUser(pubsub, userId)[Symbol.asyncIterator]();
    void (async () => {
      for (let r = await userStream.next(); !r.done; r = await userStream.next()) {
        const e = r.value;
        if (e.kind === "joined") follow(e.chatId);
        if (e.kind === "left") drop(e.chatId);
        await push({ source: "user", event: e });
      }
    })();
    const memberships = await prisma.chatMember.findMany({
      where: { userId, ...(onlyChatId === null ? {} : { chatId: onlyChatId }), chat: { isDeleted: false } },
      select: { chatId: true },
    });
    for (const m of memberships) follow(m.chatId);
    await pubsub.settled().catch(() => {});
    onReady();

    await stop;
    stopped = true;
    await userStream.return?.();
    for (const id of [...chatStreams.keys()]) drop(id);
  });
}
