// Every pub/sub topic, typed, in one place, and the one function that names them. Payloads carry
// ids; subscribers re-read with their selection. The one exception is a new message: it cannot
// change before it is delivered (a soft delete publishes `changed` after it), so its event carries
// the stored row and a subscriber whose selection needs no relation is answered without reading it.
import { randomUUID } from "node:crypto";
import type { Message } from "./generated/prisma/client.ts";
import type { RedisClients } from "./redis.ts";
import { type Listener, memoryBus, redisBus } from "./runtime/event-bus.ts";
import { shardedBus } from "./runtime/sharded-bus.ts";

/** A message row as JSON carries it: ids as decimal strings, times as ISO 8601. */
export type MessageSnapshot = Omit<Message, "id" | "createdAt" | "editedAt" | "replyToId"> & {
  id: string;
  createdAt: string;
  editedAt: string | null;
  replyToId: string | null;
};

/** Published on `chat:<id>`: something every member of the chat may see. */
export type ChatEvent =
  | { kind: "message"; chatId: number; messageId: string; seq: number; senderId: number; message: MessageSnapshot }
  | { kind: "changed"; chatId: number }
  /**
   * A message was edited, deleted, or its reactions changed; `last` when the change shows in the
   * recent list (an edit or deletion of the chat's last message). `change` names this change:
   * subscribers on an instance share the reads made for it.
   */
  | { kind: "messageUpdated"; chatId: number; messageId: string; last: boolean; change: string }
  | { kind: "dissolved"; chatId: number }
  /** A member's read watermark moved (markChatRead). Published only where receipts are live (receipts.ts). */
  | { kind: "read"; chatId: number; userId: number; readSeq: number }
  /** A member started or stopped typing. Never stored. `hiddenFrom`: users who blocked the typer. */
  | { kind: "typing"; chatId: number; userId: number; typing: boolean; hiddenFrom?: number[] };

/** Published on `user:<id>`: something that concerns one user on all their devices. */
export type UserEvent =
  | { kind: "entry"; chatId: number; fromDeviceId: number | null }
  /** `unlisted`: the chat is not in the user's list yet (a direct chat before its first message). */
  | { kind: "joined"; chatId: number; unlisted?: boolean }
  | { kind: "left"; chatId: number }
  | { kind: "joinRequest"; requestId: number }
  /** A friend of the user came online or went offline. */
  | { kind: "presence"; userId: number; online: boolean };

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

/** Topics with an id (`chat:<id>`), and topics of the whole deployment (`revocations`). */
type KeyedTopic = { [K in keyof Topics]: Topics[K] extends [number, unknown] ? K : never }[keyof Topics];
type GlobalTopic = Exclude<keyof Topics, KeyedTopic>;

/** The name of a topic, for publishing and listening alike (and the Redis channel, after the prefix). */
function topicName(key: keyof Topics, id?: number): string {
  return id === undefined ? key : `${key}:${id}`;
}

export type PubSub = {
  /**
   * Never throws: with Redis away the event is lost, and subscribers catch up by seq (a new
   * message is kept and sent again once Redis is back).
   */
  publish<K extends keyof Topics>(key: K, ...args: Topics[K]): void;
  /** Resolves once every subscription made so far is live (Redis has confirmed it). */
  settled(): Promise<void>;
  /**
   * Calls `listener` each time this instance's subscriptions are live again after its connection to
   * Redis was lost, so that streams replay from the store what they missed; never in memory.
   */
  resumed(listener: () => void): () => void;
  /** A plain callback on one topic (no stream object per topic); returns the unsubscribe. */
  listen<K extends KeyedTopic>(key: K, id: Topics[K][0], listener: (payload: Topics[K][1]) => void): () => void;
  /** A listener on a topic without an id (instance-wide). */
  listenAll<K extends GlobalTopic>(key: K, listener: (payload: Topics[K][0]) => void): () => void;
};

/**
 * In memory (one instance), or over Redis or a Redis Cluster (every instance). `onPublishFailed`
 * hears each event Redis did not take (`onError` otherwise); `onError`, listener and subscription
 * failures.
 */
export function createXimPubSub(
  redis?: RedisClients,
  onError: (err: unknown) => void = () => {},
  onPublishFailed: (err: unknown) => void = onError,
): PubSub {
  const bus = !redis
    ? memoryBus(onError)
    : redis.kind === "cluster"
      ? shardedBus(redis, onError, onPublishFailed)
      : redisBus(redis, onError, onPublishFailed);
  return {
    // A new message that Redis could not take is sent again when it is back: subscribers tell a
    // repeat by its seq, and it reaches the other instances' streams, which cannot know they missed it.
    publish: (key, ...args) =>
      args.length === 2
        ? bus.send(topicName(key, args[0]), args[1], (args[1] as { kind?: string }).kind === "message")
        : bus.send(topicName(key), args[0]),
    settled: () => bus.settled(),
    resumed: (listener) => bus.resumed(listener),
    // A topic's name fixes its payload's type (Topics): a listener gets what was published there.
    listen: (key, id, listener) => bus.add(topicName(key, id), listener as Listener),
    listenAll: (key, listener) => bus.add(topicName(key), listener as Listener),
  };
}

export function messageEvent(m: Message): Extract<ChatEvent, { kind: "message" }> {
  const message = {
    ...m,
    id: m.id.toString(),
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt?.toISOString() ?? null,
    replyToId: m.replyToId?.toString() ?? null,
  };
  return { kind: "message", chatId: m.chatId, messageId: message.id, seq: m.seq, senderId: m.senderId, message };
}

/** The stored row back from an event. */
export function messageOfEvent(s: MessageSnapshot): Message {
  return {
    ...s,
    id: BigInt(s.id),
    createdAt: new Date(s.createdAt),
    editedAt: s.editedAt === null ? null : new Date(s.editedAt),
    replyToId: s.replyToId === null ? null : BigInt(s.replyToId),
  };
}

export function publishMessageAdded(pubsub: PubSub, m: Message): void {
  pubsub.publish("chat", m.chatId, messageEvent(m));
}

export function publishChatChanged(pubsub: PubSub, chatId: number): void {
  pubsub.publish("chat", chatId, { kind: "changed", chatId });
}

/** `last`: the change shows in the chat's list entry (see ChatEvent). */
export function publishMessageUpdated(pubsub: PubSub, m: { chatId: number; id: bigint }, last: boolean): void {
  const event = { chatId: m.chatId, messageId: m.id.toString(), last, change: randomUUID() };
  pubsub.publish("chat", m.chatId, { kind: "messageUpdated", ...event });
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

/** A member's read watermark moved: the chat's other members' readReceipt streams hear of it. */
export function publishReadReceipt(pubsub: PubSub, chatId: number, userId: number, readSeq: number): void {
  pubsub.publish("chat", chatId, { kind: "read", chatId, userId, readSeq });
}

export function publishTyping(
  pubsub: PubSub,
  chatId: number,
  userId: number,
  typing: boolean,
  hiddenFrom: number[] = [],
): void {
  pubsub.publish("chat", chatId, {
    kind: "typing",
    chatId,
    userId,
    typing,
    ...(hiddenFrom.length ? { hiddenFrom } : {}),
  });
}

/** A user came online or went offline: told to each user in `audience` (their friends). */
export function publishPresence(pubsub: PubSub, audience: Iterable<number>, userId: number, online: boolean): void {
  for (const to of new Set(audience)) pubsub.publish("user", to, { kind: "presence", userId, online });
}
