// Chats and membership: the device chat, direct chats, and looking up (or locking) a membership.
// The rules of who may do what are roles.ts's.
import type { Config } from "../config.ts";
import { badInput, isUniqueViolation, notFound } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { MemberRole } from "../generated/prisma/enums.ts";
import type { Membership } from "./roles.ts";

// The speak rule lives in roles.ts; re-exported for the modules that still import it from here.
export { assertMaySpeak, speakRefusal } from "./roles.ts";

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

/** Finds or creates the one DIRECT chat of a pair; `created` tells whether this call made it. */
export async function openDirectChat(prisma: PrismaClient, me: number, other: number) {
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
            { userId: other, entry: { create: { peerId: me } } },
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

/** A membership locked by `lockMembers`: the member's row and their chat's. */
export type LockedMember = Membership & { userId: number; role: MemberRole };

type LockedRow = {
  user_id: number;
  role: MemberRole;
  muted: boolean;
  type: string;
  chat_muted: boolean;
  is_deleted: boolean;
};

/**
 * The memberships of `userIds` in a chat (those that exist), locked until the transaction ends: a
 * concurrent demotion or removal either commits first, and this reads its outcome, or waits until
 * the caller's transaction ends. Locked in user id order, so two callers cannot deadlock.
 */
export async function lockMembers(tx: Tx, chatId: number, userIds: number[]): Promise<Map<number, LockedMember>> {
  const rows = await tx.$queryRaw<LockedRow[]>`
    SELECT cm.user_id, cm.role::text AS role, cm.muted, c.type::text AS type, c.muted AS chat_muted, c.is_deleted
    FROM chat_members cm JOIN chats c ON c.id = cm.chat_id
    WHERE cm.chat_id = ${chatId} AND cm.user_id = ANY(${userIds}::int[])
    ORDER BY cm.user_id
    FOR UPDATE OF cm`;
  return new Map(
    rows.map((r) => [
      r.user_id,
      {
        userId: r.user_id,
        role: r.role,
        muted: r.muted,
        chat: { type: r.type, muted: r.chat_muted, isDeleted: r.is_deleted },
      },
    ]),
  );
}
