// Events that leave xim (webhooks, a Redis stream): their catalog, each body's schema (the JSON
// Schemas in docs/events/ are generated from these: npm run events:schemas), and how a change
// records one in its own transaction (the outbox). Live pub/sub is src/pubsub.ts; this is the
// at-least-once promise to other services.
import { z } from "zod";
import type { EventsConfig } from "../config.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

const id = z.string().describe("An id, as the GraphQL API gives it");
const userRef = z.object({ id, externalId: z.string().nullable() });
const chat = z.object({ id, type: z.enum(["DEVICES", "DIRECT", "GROUP"]), name: z.string() });
const request = z.object({
  id,
  type: z.enum(["FRIEND", "GROUP", "INVITE"]),
  status: z.enum(["PENDING", "APPROVED", "REJECTED", "IGNORED"]),
  requesterId: id,
  targetUserId: id.nullable(),
  chatId: id.nullable(),
  reviewerId: id.nullable(),
});

/** Every event type and the schema of its `data`. */
export const EVENT_DATA = {
  "message.created": z.object({
    message: z.object({
      id,
      chatId: id,
      seq: z.number().int(),
      senderId: id,
      senderExternalId: z.string().nullable(),
      type: z.enum(["TEXT", "IMAGE", "VOICE", "VIDEO", "LOCATION"]),
      text: z.string(),
      fileId: z.string().nullable(),
      createdAt: z.iso.datetime(),
    }),
    chat,
    pushTo: z
      .array(userRef)
      .describe("Members other than the sender who are offline and not on do-not-disturb (mentioned ones even then)"),
  }),
  "message.updated": z.object({
    message: z.object({ id, chatId: id, seq: z.number().int() }),
    change: z.enum(["edited", "reactions"]),
  }),
  "message.deleted": z.object({ message: z.object({ id, chatId: id, seq: z.number().int() }), deletedBy: id }),
  "chat.read": z.object({ chatId: id, userId: id, readSeq: z.number().int() }),
  "chat.created": z.object({ chat, memberIds: z.array(id), messageId: id }),
  "member.joined": z.object({ chatId: id, userId: id }),
  "member.left": z.object({ chatId: id, userId: id, reason: z.enum(["left", "removed", "dissolved"]) }),
  "join_request.created": z.object({ request }),
  "join_request.reviewed": z.object({ request }),
  "friendship.created": z.object({ userId: id, friendId: id }),
  "friendship.removed": z.object({ userId: id, friendId: id }),
  "user.created": z.object({
    user: z.object({ id, username: z.string(), nickname: z.string(), externalId: z.string().nullable() }),
  }),
} as const;

export type EventType = keyof typeof EVENT_DATA;
export type EventData<T extends EventType> = z.infer<(typeof EVENT_DATA)[T]>;

/** The body every sink gets. */
export const eventBody = <T extends EventType>(type: T) =>
  z.object({ type: z.literal(type), timestamp: z.iso.datetime(), data: EVENT_DATA[type] });

/**
 * What a few types store until relayed: the relay renders the rest from the database then (the
 * send statement stays cheap, and pushTo is computed from presence at relay time).
 */
export type StoredData = { "message.created": { messageId: string }; "chat.created": { messageId: string } };

type Db = PrismaClient | Prisma.TransactionClient;
type Recordable = Exclude<EventType, keyof StoredData>;

/** Order keys: a chat's events reach a webhook in order; a user's events (no chat) in theirs. */
export const chatKey = (chatId: number) => `chat:${chatId}`;
export const userKey = (userId: number) => `user:${userId}`;

/** Records events in the caller's transaction; nothing when no sink is configured. */
export async function recordEvents<T extends Recordable>(
  db: Db,
  cfg: EventsConfig | null,
  type: T,
  rows: { orderKey: string; data: EventData<T> }[],
): Promise<void> {
  if (!cfg || rows.length === 0) return;
  await db.outboxEvent.createMany({
    data: rows.map((r) => ({
      type,
      orderKey: r.orderKey,
      data: r.data,
      webhookPending: cfg.webhook !== null,
      streamPending: cfg.stream !== null,
    })),
  });
}

export const recordEvent = <T extends Recordable>(
  db: Db,
  cfg: EventsConfig | null,
  type: T,
  orderKey: string,
  data: EventData<T>,
) => recordEvents(db, cfg, type, [{ orderKey, data }]);

type RequestRow = {
  id: number;
  type: "FRIEND" | "GROUP" | "INVITE";
  status: "PENDING" | "APPROVED" | "REJECTED" | "IGNORED";
  requesterId: number;
  targetUserId: number | null;
  chatId: number | null;
  reviewerId: number | null;
};

/** A join request's event, in its group's order (a friend request: in its target's). */
export function recordRequest(
  db: Db,
  cfg: EventsConfig | null,
  type: "join_request.created" | "join_request.reviewed",
  r: RequestRow,
) {
  const orderKey = r.chatId ? chatKey(r.chatId) : userKey(r.targetUserId ?? r.requesterId);
  const ref = (v: number | null) => (v === null ? null : String(v));
  return recordEvent(db, cfg, type, orderKey, {
    request: {
      id: String(r.id),
      type: r.type,
      status: r.status,
      requesterId: String(r.requesterId),
      targetUserId: ref(r.targetUserId),
      chatId: ref(r.chatId),
      reviewerId: ref(r.reviewerId),
    },
  });
}

/** Members joined a chat, one event each, in the chat's order. */
export const recordJoined = (db: Db, cfg: EventsConfig | null, chatId: number, userIds: number[]) =>
  recordEvents(
    db,
    cfg,
    "member.joined",
    userIds.map((u) => ({ orderKey: chatKey(chatId), data: { chatId: String(chatId), userId: String(u) } })),
  );

/** Members left a chat (left, removed, or the group was dissolved), one event each, in the chat's order. */
export const recordLeft = (
  db: Db,
  cfg: EventsConfig | null,
  chatId: number,
  userIds: number[],
  reason: "left" | "removed" | "dissolved",
) =>
  recordEvents(
    db,
    cfg,
    "member.left",
    userIds.map((u) => ({ orderKey: chatKey(chatId), data: { chatId: String(chatId), userId: String(u), reason } })),
  );

/** A message was edited or its reactions changed (message.updated), in its chat's order. */
export function recordMessageUpdated(
  db: Db,
  cfg: EventsConfig | null,
  m: { id: bigint; chatId: number; seq: number },
  change: "edited" | "reactions",
) {
  const message = { id: String(m.id), chatId: String(m.chatId), seq: m.seq };
  return recordEvent(db, cfg, "message.updated", chatKey(m.chatId), { message, change });
}

/**
 * Runs `work` in a transaction when events are recorded (the change and its event commit
 * together); without sinks there is nothing to record, and `work` runs on the client as it is.
 */
export function withEvents<T>(
  prisma: PrismaClient,
  cfg: EventsConfig | null,
  work: (db: Prisma.TransactionClient | PrismaClient) => Promise<T>,
): Promise<T> {
  return cfg ? prisma.$transaction((tx) => work(tx)) : work(prisma);
}
