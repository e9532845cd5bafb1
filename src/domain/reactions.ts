// Reactions: one emoji per user per message per emoji, at most MAX_REACTION_EMOJIS distinct emojis
// on a message. Adding twice or removing what is not there changes nothing and publishes nothing.
import type { Services } from "../context.ts";
import { badInput, conflict, notFound } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { publishMessageUpdated } from "../pubsub.ts";
import { recordMessageUpdated, withEvents } from "./events.ts";
import { assertMaySpeak } from "./roles.ts";

export const MAX_REACTION_EMOJIS = 20;

// One fully-qualified emoji as Unicode recommends it (RGI): skin tones, flags, keycaps and ZWJ
// sequences are one; letters, digits and two emojis are not. (The v flag: a string property.)
// biome-ignore lint/complexity/useRegexLiterals: TypeScript takes the v flag in a literal only from ES2024; Node 20 has it.
const ONE_EMOJI = new RegExp("^\\p{RGI_Emoji}$", "v");

export function parseEmoji(value: string): string {
  if (value.length > 32 || !ONE_EMOJI.test(value)) throw badInput("emoji", "must be a single emoji");
  return value;
}

/** The message, for a member of its live chat (one query); NOT_FOUND otherwise (outsiders learn nothing). */
async function visibleMessage(db: Prisma.TransactionClient, userId: number, id: bigint) {
  const found = await db.message.findUnique({
    where: { id },
    include: { chat: { include: { members: { where: { userId }, take: 1 } } } },
  });
  const row = found?.chat.members[0];
  if (!found || !row || found.chat.isDeleted) throw notFound("message");
  const { chat, ...message } = found;
  const { members: _members, ...chatRow } = chat;
  return { message, member: { ...row, chat: chatRow } };
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
