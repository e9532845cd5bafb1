// Reactions: one emoji per user per message per emoji, at most MAX_REACTION_EMOJIS distinct emojis
// on a message. Adding twice or removing what is not there changes nothing and publishes nothing.
import type { Services } from "../context.ts";
import { badInput, conflict, notFound } from "../errors.ts";
import type { Message, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { publishMessageUpdated } from "../pubsub.ts";
import { MEMBER_COLUMNS, type MemberRow, memberFromRow } from "./chats.ts";
import { recordMessageUpdated, withEvents } from "./events.ts";
import { assertMaySpeak } from "./roles.ts";

export const MAX_REACTION_EMOJIS = 20;

// One fully-qualified emoji as Unicode recommends it (RGI): skin tones, flags, keycaps and ZWJ
// sequences are one; letters, digits and two emojis are not. (The v flag: a string property.)
// biome-ignore lint/complexity/useRegexLiterals: TypeScript takes the v flag in a literal only from ES2024; Node 20 has it.
const ONE_EMOJI = new RegExp("^\\p{RGI_Emoji}$", "v");
// Compiled at start (~45 ms): V8 compiles this pattern (thousands of sequences) over its first
// three uses, which took 20-40 ms of a request's time and stalled every other request meanwhile.
for (const warm of ["👍", "a", "🎉"]) ONE_EMOJI.test(warm);

export function parseEmoji(value: string): string {
  if (value.length > 32 || !ONE_EMOJI.test(value)) throw badInput("emoji", "must be a single emoji");
  return value;
}

type MessageRow = MemberRow & { [K in keyof Message as `m_${K}`]: Message[K] };

/** The message, for a member of its live chat (one query); NOT_FOUND otherwise (outsiders learn nothing). */
async function visibleMessage(db: Pick<PrismaClient, "$queryRaw">, userId: number, id: bigint) {
  const [row] = await db.$queryRaw<MessageRow[]>`
    SELECT ${MEMBER_COLUMNS},
           m.id AS m_id, m.chat_id AS "m_chatId", m.seq AS m_seq, m.sender_id AS "m_senderId",
           m.sender_device_id AS "m_senderDeviceId", m.type::text AS m_type, m.text AS m_text,
           m.file_id AS "m_fileId", m.latitude AS m_latitude, m.longitude AS m_longitude,
           m.city_code AS "m_cityCode", m.address AS m_address, m.client_message_id AS "m_clientMessageId",
           m.client_request_hash AS "m_clientRequestHash", m.is_deleted AS "m_isDeleted",
           m.created_at AS "m_createdAt", m.edited_at AS "m_editedAt", m.reply_to_id AS "m_replyToId",
           m.mentions_all AS "m_mentionsAll"
    FROM messages m JOIN chats c ON c.id = m.chat_id
    JOIN chat_members cm ON cm.chat_id = m.chat_id AND cm.user_id = ${userId}
    WHERE m.id = ${id}`;
  if (!row || row.c_isDeleted) throw notFound("message");
  const message: Message = {
    id: BigInt(row.m_id),
    chatId: row.m_chatId,
    seq: row.m_seq,
    senderId: row.m_senderId,
    senderDeviceId: row.m_senderDeviceId,
    type: row.m_type,
    text: row.m_text,
    fileId: row.m_fileId,
    latitude: row.m_latitude,
    longitude: row.m_longitude,
    cityCode: row.m_cityCode,
    address: row.m_address,
    clientMessageId: row.m_clientMessageId,
    clientRequestHash: row.m_clientRequestHash,
    isDeleted: row.m_isDeleted,
    createdAt: row.m_createdAt,
    editedAt: row.m_editedAt,
    replyToId: row.m_replyToId === null ? null : BigInt(row.m_replyToId),
    mentionsAll: row.m_mentionsAll,
  };
  return { message, member: memberFromRow(row) };
}

/**
 * Adds the caller's reaction. Who may react is checked first; then one statement inserts the row
 * unless the message was deleted or already has the limit of other emojis. Two first uses of new
 * emojis at the same moment may both pass that check: the one that finds the message over the
 * limit afterwards takes its row back (CONFLICT), so the limit holds without holding a lock.
 */
export async function addReaction(svc: Services, userId: number, messageId: bigint, emoji: string) {
  await svc.limiter.hit(`send:${userId}`, svc.config.sendPerMinute);
  const e = parseEmoji(emoji);
  const { message, member } = await visibleMessage(svc.prisma, userId, messageId);
  if (message.isDeleted) throw conflict("the message was deleted");
  assertMaySpeak(member);
  const tooMany = () => conflict(`a message has at most ${MAX_REACTION_EMOJIS} different reactions`);
  const changed = await withEvents(svc.prisma, svc.config.events, async (db) => {
    const [row] = await db.$queryRaw<{ inserted: number; n: number; has: boolean }[]>`
      WITH used AS (SELECT DISTINCT emoji FROM message_reactions WHERE message_id = ${messageId}),
      ins AS (
        INSERT INTO message_reactions (message_id, emoji, user_id)
        SELECT ${messageId}, ${e}, ${userId} FROM messages m
        WHERE m.id = ${messageId} AND NOT m.is_deleted
          AND (${e} IN (SELECT emoji FROM used) OR (SELECT count(*) FROM used) < ${MAX_REACTION_EMOJIS})
        ON CONFLICT (message_id, emoji, user_id) DO NOTHING
        RETURNING 1)
      SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM used)::int AS n,
             ${e} IN (SELECT emoji FROM used) AS has`;
    if (!row?.inserted) {
      if ((row?.n ?? 0) >= MAX_REACTION_EMOJIS && !(await hasEmoji(db, messageId, e))) throw tooMany();
      return false;
    }
    // Only a new emoji can take the message past the limit (with others added at the same moment).
    const [after] = !row.has
      ? await db.$queryRaw<{ n: number }[]>`
          SELECT count(DISTINCT emoji)::int AS n FROM message_reactions WHERE message_id = ${messageId}`
      : [];
    if ((after?.n ?? 0) > MAX_REACTION_EMOJIS) {
      await db.messageReaction.deleteMany({ where: { messageId, emoji: e, userId } });
      throw tooMany();
    }
    await recordMessageUpdated(db, svc.config.events, message, "reactions");
    return true;
  });
  if (changed) {
    publishMessageUpdated(svc.pubsub, message, false);
    svc.outbox?.kick();
  }
  return message;
}

const hasEmoji = async (db: Prisma.TransactionClient, messageId: bigint, emoji: string) =>
  (await db.messageReaction.findFirst({ where: { messageId, emoji }, select: { id: true } })) !== null;

export async function removeReaction(svc: Services, userId: number, messageId: bigint, emoji: string) {
  await svc.limiter.hit(`send:${userId}`, svc.config.sendPerMinute);
  const e = parseEmoji(emoji);
  const { message } = await visibleMessage(svc.prisma, userId, messageId);
  const count = await withEvents(svc.prisma, svc.config.events, async (tx) => {
    const { count } = await tx.messageReaction.deleteMany({ where: { messageId, emoji: e, userId } });
    if (count > 0) await recordMessageUpdated(tx, svc.config.events, message, "reactions");
    return count;
  });
  if (count > 0) {
    publishMessageUpdated(svc.pubsub, message, false);
    svc.outbox?.kick();
  }
  return message;
}
