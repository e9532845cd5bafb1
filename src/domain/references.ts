// What a new message points at: the message it replies to and the users it mentions. Checked
// before the send statement, which stores them with the message (send-path.ts).
import { badInput, forbidden } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { blockersAmong } from "./blocks.ts";
import { requireMember } from "./chats.ts";
import { assertMaySpeak, mayMentionAll } from "./roles.ts";

export const MAX_MENTIONS = 100;

export type ReferencesInput = { replyToId?: bigint | null; mentionIds?: number[] | null; mentionAll?: boolean | null };
export type References = { replyToId: bigint | null; mentionIds: number[]; mentionsAll: boolean };

const NONE: References = { replyToId: null, mentionIds: [], mentionsAll: false };

/** The references as asked (ids deduplicated and sorted): what the idempotency hash covers. */
export function requestedReferences(input: ReferencesInput): References {
  const mentionIds = [...new Set(input.mentionIds ?? [])].sort((a, b) => a - b);
  if (mentionIds.length > MAX_MENTIONS) throw badInput("mentionIds", `at most ${MAX_MENTIONS} users`);
  return { replyToId: input.replyToId ?? null, mentionIds, mentionsAll: input.mentionAll === true };
}

export const hasReferences = (r: References) => r.replyToId !== null || r.mentionIds.length > 0 || r.mentionsAll;

/**
 * Checks the references: the reply a message of the same chat, not deleted; the mentioned users
 * members of the chat; @all by the owner or an admin of a group. The sender's membership is
 * checked first, so an outsider learns nothing of the chat's messages or members (NOT_FOUND).
 */
export async function resolveReferences(
  prisma: PrismaClient,
  chatId: number,
  senderId: number,
  asked: References,
): Promise<References> {
  if (!hasReferences(asked)) return NONE;
  const sender = await requireMember(prisma, chatId, senderId);
  assertMaySpeak(sender);
  if (asked.mentionsAll && !mayMentionAll(sender))
    throw forbidden("only the owner or an admin of a group may mention everyone");
  if (asked.replyToId !== null) {
    const target = await prisma.message.findFirst({
      where: { id: asked.replyToId, chatId, isDeleted: false },
      select: { id: true },
    });
    if (!target) throw badInput("replyToId", "not a message of this chat");
  }
  if (asked.mentionIds.length > 0) {
    const members = await prisma.chatMember.count({ where: { chatId, userId: { in: asked.mentionIds } } });
    if (members !== asked.mentionIds.length) throw badInput("mentionIds", "must be members of the chat");
  }
  return { ...asked, mentionIds: await mentioned(prisma, senderId, asked.mentionIds) };
}

/**
 * The one place the stored mention list is decided from the validated one: a member who blocked
 * the sender is not mentioned by them (the message itself is sent; the mention is dropped silently).
 */
async function mentioned(prisma: PrismaClient, senderId: number, memberIds: number[]): Promise<number[]> {
  if (memberIds.length === 0) return memberIds;
  const blockers = await blockersAmong(prisma, memberIds, senderId);
  return blockers.size ? memberIds.filter((id) => !blockers.has(id)) : memberIds;
}
