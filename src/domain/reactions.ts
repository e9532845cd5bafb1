// Reactions: one emoji per user per message per emoji, at most MAX_REACTION_EMOJIS distinct emojis
// on a message. Adding twice or removing what is not there changes nothing and publishes nothing.
import type { Services } from "../context.ts";
import { badInput, conflict, notFound } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { publishMessageUpdated } from "../pubsub.ts";
import { requireMember } from "./chats.ts";
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

/** The message, for a member of its chat; NOT_FOUND otherwise (outsiders learn nothing). */
async function visibleMessage(db: Prisma.TransactionClient, userId: number, id: bigint) {
  const message = await db.message.findUnique({ where: { id } });
  if (!message) throw notFound("message");
  const member = await requireMember(db, message.chatId, userId).catch(() => {
    throw notFound("message");
  });
  return { message, member };
}

/**
 * Adds the caller's reaction. The message row is locked, so concurrent first uses of new emojis
 * cannot together pass the limit.
 */
export async function addReaction(svc: Services, userId: number, messageId: bigint, emoji: string) {
  await svc.limiter.hit(`send:${userId}`, svc.config.sendPerMinute);
  const e = parseEmoji(emoji);
  const result = await svc.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM messages WHERE id = ${messageId} FOR UPDATE`;
    const { message, member } = await visibleMessage(tx, userId, messageId);
    if (message.isDeleted) throw conflict("the message was deleted");
    assertMaySpeak(member);
    const where = { messageId, emoji: e };
    if (await tx.messageReaction.findUnique({ where: { messageId_emoji_userId: { ...where, userId } } }))
      return { message, changed: false };
    if (!(await tx.messageReaction.findFirst({ where, select: { id: true } }))) {
      const used = await tx.messageReaction.groupBy({ by: ["emoji"], where: { messageId } });
      if (used.length >= MAX_REACTION_EMOJIS)
        throw conflict(`a message has at most ${MAX_REACTION_EMOJIS} different reactions`);
    }
    await tx.messageReaction.create({ data: { ...where, userId } });
    await recordMessageUpdated(tx, svc.config.events, message, "reactions");
    return { message, changed: true };
  });
  if (result.changed) {
    publishMessageUpdated(svc.pubsub, result.message, false);
    svc.outbox?.kick();
  }
  return result.message;
}

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
