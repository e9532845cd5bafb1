// Every pub/sub topic, typed, in one place. Payloads carry ids; subscribers re-read with their
// selection. The one exception is a new message: it cannot change before it is delivered (a soft
// delete publishes `changed` after it), so its event carries the stored row and a subscriber whose
// selection needs no relation is answered without reading it back.
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub } from "graphql-yoga";
import type { Message } from "./generated/prisma/client.ts";
import type { RedisClients } from "./redis.ts";

/** A message row as JSON carries it: the id as a decimal string, the time as ISO 8601. */
export type MessageSnapshot = Omit<Message, "id" | "createdAt"> & { id: string; createdAt: string };

/** Published on `chat:<id>`: something every member of the chat may see. */
export type ChatEvent =
  | { kind: "message"; chatId: number; messageId: string; seq: number; senderId: number; message: MessageSnapshot }
  | { kind: "changed"; chatId: number }
  /** A message was deleted; `last` when it is the chat's last message (the recent list shows it). */
  | { kind: "messageDeleted"; chatId: number; messageId: string; last: boolean }
  | { kind: "dissolved"; chatId: number };

/** Published on `user:<id>`: something that concerns one user on all their devices. */
export type UserEvent =
  | { kind: "entry"; chatId: number; fromDeviceId: number | null }
  /** `unlisted`: the chat is not in the user's list yet (a direct chat before its first message). */
  | { kind: "joined"; chatId: number; unlisted?: boolean }
  | { kind: "left"; chatId: number }
  | { kind: "joinRequest"; requestId: number };

/**
 * Published on `revocations` to every instance: a user's tokens up to `version` are void, or one
 * of their devices is removed. Each instance closes the sockets it holds for them.
 */
export type Revocation =
  | { kind: "signedOut"; userId: number; version: number }
  | { kind: "deviceRemoved"; userId: number; deviceId: number };

type Topics = {
  chat: [chatId: number, event: ChatEvent];
  user: [userId: number, event: UserEvent];
  revocations: [Revocation];
};

type Listener<K extends keyof Topics> = (payload: Topics[K][1]) => void;

export type PubSub = ReturnType<typeof createPubSub<Topics>> & {
  /** Resolves once every subscription made so far is live (Redis has confirmed it). */
  settled(): Promise<void>;
  /** A plain callback on one topic (no stream object per topic); returns the unsubscribe. */
  listen<K extends "chat" | "user">(key: K, id: Topics[K][0], listener: Listener<K>): () => void;
  /** A listener on a topic without an id (instance-wide). */
  listenAll<K extends "revocations">(key: K, listener: (payload: Topics[K][0]) => void): () => void;
};

function on<T>(target: EventTarget, topic: string, listener: (payload: T) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<T>).detail);
  target.addEventListener(topic, handler);
  return () => target.removeEventListener(topic, handler);
}

function withListen(
  pubsub: ReturnType<typeof createPubSub<Topics>>,
  target: EventTarget,
  settled: () => Promise<void>,
): PubSub {
  return Object.assign(pubsub, {
    settled,
    // The topic names of graphql-yoga's createPubSub: `<routing key>:<id>`, or the key alone.
    listen<K extends "chat" | "user">(key: K, id: Topics[K][0], listener: Listener<K>) {
      return on(target, `${key}:${id}`, listener);
    },
    listenAll<K extends "revocations">(key: K, listener: (payload: Topics[K][0]) => void) {
      return on(target, key, listener);
    },
  });
}

export function createXimPubSub(redis?: RedisClients, onError: (err: unknown) => void = () => {}): PubSub {
  if (!redis) {
    const target = new EventTarget();
    return withListen(createPubSub<Topics>({ eventTarget: target }), target, async () => {});
  }
  // Publishing must never throw or reject unhandled: with Redis away, a message is still stored and
  // answered, and subscribers catch up by seq when they come back.
  const { prefix, pub, sub } = redis;
  const publishClient = {
    publish: (channel: string, message: string) => pub.publish(prefix + channel, message).catch(onError),
  };
  const subscribeClient = {
    subscribe: (channel: string) => sub.subscribe(prefix + channel).catch(onError),
    unsubscribe: (channel: string) => sub.unsubscribe(prefix + channel).catch(onError),
    on: (_event: "message", listener: (channel: string, message: string) => void) =>
      sub.on("message", (channel: string, message: string) => {
        if (channel.startsWith(prefix)) listener(channel.slice(prefix.length), message);
      }),
  };
  const target = createRedisEventTarget({
    publishClient: publishClient as unknown as typeof pub,
    subscribeClient: subscribeClient as unknown as typeof sub,
  }) as unknown as EventTarget;
  // Redis answers a connection's commands in order: PING's reply follows the SUBSCRIBEs before it.
  return withListen(createPubSub<Topics>({ eventTarget: target as never }), target, () =>
    redis.sub.ping().then(() => undefined),
  );
}

export function messageEvent(m: Message): Extract<ChatEvent, { kind: "message" }> {
  const message = { ...m, id: m.id.toString(), createdAt: m.createdAt.toISOString() };
  return { kind: "message", chatId: m.chatId, messageId: message.id, seq: m.seq, senderId: m.senderId, message };
}

/** The stored row back from an event. */
export function messageOfEvent(s: MessageSnapshot): Message {
  return { ...s, id: BigInt(s.id), createdAt: new Date(s.createdAt) };
}

export function publishMessageAdded(pubsub: PubSub, m: Message): void {
  pubsub.publish("chat", m.chatId, messageEvent(m));
}

export function publishChatChanged(pubsub: PubSub, chatId: number): void {
  pubsub.publish("chat", chatId, { kind: "changed", chatId });
}

export function publishMessageDeleted(pubsub: PubSub, m: { chatId: number; id: bigint }, last: boolean): void {
  pubsub.publish("chat", m.chatId, { kind: "messageDeleted", chatId: m.chatId, messageId: m.id.toString(), last });
}

export function publishChatDissolved(pubsub: PubSub, chatId: number): void {
  pubsub.publish("chat", chatId, { kind: "dissolved", chatId });
}

export function publishEntryChanged(pubsub: PubSub, userId: number, chatId: number, fromDeviceId: number | null): void {
  pubsub.publish("user", userId, { kind: "entry", chatId, fromDeviceId });
}

export function publishMembership(pubsub: PubSub, userIds: number[], chatId: number, joined: boolean): void {
  for (const userId of userIds) pubsub.publish("user", userId, { kind: joined ? "joined" : "left", chatId });
}

/** The user is in a chat their list does not show yet: their live streams follow it, the list is not pushed. */
export function publishJoinedUnlisted(pubsub: PubSub, userId: number, chatId: number): void {
  pubsub.publish("user", userId, { kind: "joined", chatId, unlisted: true });
}

export function publishJoinRequest(pubsub: PubSub, userIds: Iterable<number>, requestId: number): void {
  for (const userId of new Set(userIds)) pubsub.publish("user", userId, { kind: "joinRequest", requestId });
}

/** Every instance forgets the user's old tokens; their open sockets are closed. */
export function publishSignedOut(pubsub: PubSub, userId: number, version: number): void {
  pubsub.publish("revocations", { kind: "signedOut", userId, version });
}

/** A removed device's open sockets are closed on every instance. */
export function publishDeviceRemoved(pubsub: PubSub, userId: number, deviceId: number): void {
  pubsub.publish("revocations", { kind: "deviceRemoved", userId, deviceId });
}
