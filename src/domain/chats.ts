// Chats and membership: the device chat, direct chats, and who may see or write to a chat.
import type { Config } from "../config.ts";
import type { Services } from "../context.ts";
import { badInput, forbidden, isUniqueViolation, notFound } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { publishEntryChanged, publishJoinedUnlisted, publishMembership } from "../pubsub.ts";

type Tx = Prisma.TransactionClient;

export async function createDeviceChat(tx: Tx, userId: number, config: Config) {
  return tx.chat.create({
    data: {
      type: "DEVICES",
      name: config.deviceChatName,
      thumbFileId: config.deviceChatThumb ?? null,
      ownerId: userId,
      pairKey: `d:${userId}`,
      memberCount: 1,
      members: { create: { userId, role: "OWNER", entry: { create: {} } } },
    },
  });
}

/** The key of the one DIRECT chat of a pair. */
export const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/**
 * Finds or creates the one DIRECT chat of a pair (rate limited per caller) and shows it in the
 * caller's list. The other user's list shows it with its first message, not before: their entry
 * starts hidden at seq 0, and their live streams follow the chat without a list push.
 */
export async function openDirectChat(svc: Services, me: number, other: number): Promise<number> {
  await svc.limiter.hit(`direct-chat:${me}`, svc.config.directChatPerMinute);
  const { chatId, created } = await findOrCreateDirectChat(svc.prisma, me, other);
  if (created) {
    publishMembership(svc.pubsub, [me], chatId, true);
    publishJoinedUnlisted(svc.pubsub, other, chatId);
    return chatId;
  }
  const shown = await svc.prisma.chatEntry.updateMany({
    where: { userId: me, chatId, hiddenSeq: { not: null } },
    data: { hiddenSeq: null },
  });
  if (shown.count > 0) publishEntryChanged(svc.pubsub, me, chatId, null);
  return chatId;
}

async function findOrCreateDirectChat(prisma: PrismaClient, me: number, other: number) {
  if (me === other) throw badInput("userId", "a direct chat needs another user; use your device chat");
  const key = pairKey(me, other);
  const existing = await prisma.chat.findUnique({ where: { pairKey: key }, select: { id: true } });
  if (existing) return { chatId: existing.id, created: false };
  const peer = await prisma.user.findUnique({ where: { id: other }, select: { id: true } });
  if (!peer) throw notFound("user");
  try {
    const chat = await prisma.chat.create({
      data: {
        type: "DIRECT",
        pairKey: key,
        memberCount: 2,
        members: {
          create: [
            { userId: me, entry: { create: { peerId: other } } },
            { userId: other, entry: { create: { peerId: me, hiddenSeq: 0 } } },
          ],
        },
      },
      select: { id: true },
    });
    return { chatId: chat.id, created: true };
  } catch (err) {
    // Both users opened it at once: the other call made it.
    if (!isUniqueViolation(err)) throw err;
    const chat = await prisma.chat.findUniqueOrThrow({ where: { pairKey: key }, select: { id: true } });
    return { chatId: chat.id, created: false };
  }
}

/** The caller's membership of a live chat; NOT_FOUND when they are not in it (its existence is not told). */
export async function requireMember(db: Tx | PrismaClient, chatId: number, userId: number) {
  const member = await db.chatMember.findUnique({
    where: { chatId_userId: { chatId, userId } },
    include: { chat: true },
  });
  if (!member || member.chat.isDeleted) throw notFound("chat");
  return member;
}

type MemberView = { role: string; muted: boolean; chat: { type: string; muted: boolean; isDeleted: boolean } };

export function isManager(m: { role: string }): boolean {
  return m.role === "OWNER" || m.role === "ADMIN";
}

/**
 * Why the member may not speak, or null when they may. Speaking is anything other members see:
 * messages, invitations, a group nickname. A member who may not speak still reads and marks read.
 */
export function speakRefusal(m: MemberView): string | null {
  if (m.chat.isDeleted) return "the group was dissolved";
  if (m.chat.type !== "GROUP") return null;
  if (m.muted) return "you are muted in this group";
  if (m.chat.muted && !isManager(m)) return "the group is muted: only the owner and admins may speak";
  return null;
}

export function assertMaySpeak(m: MemberView): void {
  const why = speakRefusal(m);
  if (why) throw forbidden(why);
}
