// An outbox row as its sinks get it: `{ type, timestamp, data }`. Most events store their data
// whole; a sent message stores its id (the send statement stays cheap) and is rendered here, with
// `pushTo` computed from presence now, when it is relayed.
import type { EventData, StoredData } from "../domain/events.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { getOrSet } from "./get-or-set.ts";
import type { RawSql } from "./sql.ts";

export type OutboxRow = { id: bigint | string; type: string; data: unknown; createdAt: Date | string };
/** Who of these users is online (User.online): pushTo leaves them out. */
export type OnlineUsers = (userIds: number[]) => Promise<Set<number>>;

type MessageRow = {
  id: bigint | string;
  chatId: number;
  seq: number;
  senderId: number;
  senderExternalId: string | null;
  type: EventData<"message.created">["message"]["type"];
  text: string;
  fileId: string | null;
  createdAt: Date;
  chatType: EventData<"message.created">["chat"]["type"];
  chatName: string;
  mentionsAll: boolean;
  /** The users the message mentions by name. */
  mentioned: number[];
};
type MemberRow = { chatId: number; userId: number; externalId: string | null; doNotDisturb: boolean };

export async function renderEvents(sql: RawSql, rows: OutboxRow[], online: OnlineUsers): Promise<string[]> {
  const messageIds = rows
    .filter((r) => r.type === "message.created" || r.type === "chat.created")
    .map((r) => BigInt((r.data as StoredData["message.created"]).messageId));
  const messages = messageIds.length ? await loadMessages(sql, messageIds) : new Map<string, MessageRow>();
  const members = messages.size ? await loadMembers(sql, [...messages.values()]) : [];
  const offline = await offlineAmong(members, online);
  // By chat, once: a pass renders up to thousands of rows of as many chats.
  const byChat = new Map<number, MemberRow[]>();
  for (const m of members) getOrSet(byChat, m.chatId, () => []).push(m);
  return rows.map((row) => {
    const timestamp = new Date(row.createdAt).toISOString();
    return JSON.stringify({ type: row.type, timestamp, data: render(row, messages, byChat, offline) });
  });
}

function render(
  row: OutboxRow,
  messages: Map<string, MessageRow>,
  members: Map<number, MemberRow[]>,
  offline: Set<number>,
) {
  if (row.type !== "message.created" && row.type !== "chat.created") return row.data;
  const m = messages.get((row.data as StoredData["message.created"]).messageId);
  // A message is never removed (deletion is soft); its chat may be, with the whole chat's rows.
  if (!m) return row.data;
  const chat = { id: String(m.chatId), type: m.chatType, name: m.chatName };
  const inChat = members.get(m.chatId) ?? [];
  if (row.type === "chat.created")
    return { chat, memberIds: inChat.map((x) => String(x.userId)), messageId: String(m.id) };
  const data: EventData<"message.created"> = {
    message: {
      id: String(m.id),
      chatId: String(m.chatId),
      seq: m.seq,
      senderId: String(m.senderId),
      senderExternalId: m.senderExternalId,
      type: m.type,
      text: m.text,
      fileId: m.fileId,
      createdAt: new Date(m.createdAt).toISOString(),
    },
    chat,
    pushTo: inChat
      // Do-not-disturb holds back a push, except for a message that mentions the member (or everyone).
      .filter(
        (x) =>
          x.userId !== m.senderId &&
          offline.has(x.userId) &&
          (!x.doNotDisturb || m.mentionsAll || m.mentioned.includes(x.userId)),
      )
      .map((x) => ({ id: String(x.userId), externalId: x.externalId })),
  };
  return data;
}

async function loadMessages(sql: RawSql, ids: bigint[]): Promise<Map<string, MessageRow>> {
  const rows = await sql<MessageRow>(Prisma.sql`
    SELECT m.id, m.chat_id AS "chatId", m.seq, m.sender_id AS "senderId", u.external_id AS "senderExternalId",
           m.type::text AS type, m.text, m.file_id AS "fileId", m.created_at AS "createdAt",
           c.type::text AS "chatType", c.name AS "chatName", m.mentions_all AS "mentionsAll",
           coalesce((SELECT array_agg(mm.user_id) FROM message_mentions mm WHERE mm.message_id = m.id), '{}') AS mentioned
    FROM messages m JOIN chats c ON c.id = m.chat_id JOIN users u ON u.id = m.sender_id WHERE m.id = ANY(${ids})`);
  return new Map(rows.map((r) => [String(r.id), r]));
}

async function loadMembers(sql: RawSql, messages: MessageRow[]): Promise<MemberRow[]> {
  const chatIds = [...new Set(messages.map((m) => m.chatId))];
  return sql<MemberRow>(Prisma.sql`
    SELECT cm.chat_id AS "chatId", cm.user_id AS "userId", u.external_id AS "externalId",
           cm.do_not_disturb AS "doNotDisturb"
    FROM chat_members cm JOIN users u ON u.id = cm.user_id WHERE cm.chat_id = ANY(${chatIds})`);
}

async function offlineAmong(members: MemberRow[], online: OnlineUsers): Promise<Set<number>> {
  const ids = [...new Set(members.map((m) => m.userId))];
  if (ids.length === 0) return new Set();
  const on = await online(ids);
  return new Set(ids.filter((id) => !on.has(id)));
}
