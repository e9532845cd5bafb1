// The send path's one statement: it takes the chat's next seq, inserts the message, points the chat
// at it and moves the sender's watermark, in one round trip; the chat row's lock orders concurrent
// sends. Its guard is the send rule of chats.ts (`sendRefusal`) in SQL: a member of a live chat,
// and in a group not muted, and the group not muted unless owner or admin. When it refuses, the
// caller asks `sendRefusal` why, for the error. The bench's baselines run this same statement.
import { type Message, Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { MessageType } from "../generated/prisma/enums.ts";

export type NewMessage = {
  chatId: number;
  senderId: number;
  senderDeviceId: number | null;
  type: MessageType;
  text: string;
  fileId: string | null;
  latitude: number | null;
  longitude: number | null;
  cityCode: number | null;
  address: string | null;
  clientMessageId: string | null;
};

export type StoredMessage = Message;

/** The statement; it returns the new message's id and seq, or no row when refused. */
export function sendStatement(m: NewMessage, now: Date): Prisma.Sql {
  return Prisma.sql`
    WITH next AS (SELECT nextval(pg_get_serial_sequence('messages', 'id')) AS id),
    chat AS (
      UPDATE chats SET last_seq = last_seq + 1, last_activity_at = ${now}, last_message_id = (SELECT id FROM next)
      WHERE id = ${m.chatId} AND NOT is_deleted
        AND EXISTS (
          SELECT 1 FROM chat_members cm WHERE cm.chat_id = ${m.chatId} AND cm.user_id = ${m.senderId}
            AND (chats.type <> 'GROUP' OR (NOT cm.muted AND (NOT chats.muted OR cm.role IN ('OWNER', 'ADMIN')))))
      RETURNING last_seq, last_message_id
    ),
    message AS (
      INSERT INTO messages (id, chat_id, seq, sender_id, sender_device_id, type, text, file_id,
                            latitude, longitude, city_code, address, client_message_id, created_at)
      SELECT chat.last_message_id, ${m.chatId}, chat.last_seq, ${m.senderId}, ${m.senderDeviceId}::int,
             ${m.type}::message_type, ${m.text}, ${m.fileId}, ${m.latitude}::float8, ${m.longitude}::float8,
             ${m.cityCode}::int, ${m.address}, ${m.clientMessageId}, ${now}
      FROM chat
      RETURNING id, seq
    ),
    watermark AS (
      UPDATE chat_entries SET read_seq = message.seq, read_message_id = message.id
      FROM message WHERE user_id = ${m.senderId} AND chat_id = ${m.chatId} AND read_seq < message.seq
    )
    SELECT id, seq FROM message`;
}

/** Null when the sender may not send to the chat (see the guard above). */
export async function insertMessage(prisma: PrismaClient, m: NewMessage): Promise<StoredMessage | null> {
  const now = new Date();
  const rows = await prisma.$queryRaw<{ id: bigint; seq: number }[]>(sendStatement(m, now));
  const row = rows[0];
  return row ? { ...m, id: row.id, seq: row.seq, isDeleted: false, createdAt: now } : null;
}
