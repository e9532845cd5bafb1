// Chats and membership: the device chat, direct chats, and looking up (or locking) a membership.
// The rules of who may do what are roles.ts's.
import type { Config } from "../config.ts";
import type { Services } from "../context.ts";
import { badInput, isUniqueViolation, notFound } from "../errors.ts";
import { type Chat, type ChatMember, Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import type { MemberRole } from "../generated/prisma/enums.ts";
import { publishEntryChanged, publishJoinedUnlisted, publishMembership } from "../pubsub.ts";
import { assertMayMessage } from "./direct-rule.ts";
import type { Membership } from "./roles.ts";

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
 * starts hidden at seq 0, and their live streams follow the chat without a list push. Refused
 * (FORBIDDEN) to whom the other user blocked, and under DIRECT_CHAT_POLICY=friends to non-friends.
 */
export async function openDirectChat(svc: Services, me: number, other: number): Promise<number> {
  await svc.limiter.hit(`direct-chat:${me}`, svc.config.directChatPerMinute);
  if (me !== other) await assertMayMessage(svc.prisma, svc.config.directChatPolicy, me, other);
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

/** A membership and its chat as requireMember's join returns them (chat columns prefixed c_). */
export type MemberRow = ChatMember & { [K in keyof Chat as `c_${K}`]: Chat[K] };

/** The select list of MemberRow, over `chat_members cm JOIN chats c`. */
export const MEMBER_COLUMNS = Prisma.sql`
  cm.chat_id AS "chatId", cm.user_id AS "userId", cm.role::text AS role, cm.nickname, cm.remark,
  cm.do_not_disturb AS "doNotDisturb", cm.folded, cm.show_in_contacts AS "showInContacts",
  cm.muted, cm.joined_at AS "joinedAt",
  c.id AS c_id, c.type::text AS c_type, c.name AS c_name, c.announcement AS c_announcement,
  c.thumb_file_id AS "c_thumbFileId", c.owner_id AS "c_ownerId", c.muted AS c_muted,
  c.member_count AS "c_memberCount", c.pair_key AS "c_pairKey", c.last_seq AS "c_lastSeq",
  c.last_message_id AS "c_lastMessageId", c.last_activity_at AS "c_lastActivityAt",
  c.is_deleted AS "c_isDeleted", c.created_at AS "c_createdAt"`;

/** A MemberRow as the ORM's `chatMember` with `include: { chat: true }` has it. */
export const memberFromRow = (row: MemberRow): ChatMember & { chat: Chat } => ({
  chatId: row.chatId,
  userId: row.userId,
  role: row.role,
  nickname: row.nickname,
  remark: row.remark,
  doNotDisturb: row.doNotDisturb,
  folded: row.folded,
  showInContacts: row.showInContacts,
  muted: row.muted,
  joinedAt: row.joinedAt,
  chat: {
    id: row.c_id,
    type: row.c_type,
    name: row.c_name,
    announcement: row.c_announcement,
    thumbFileId: row.c_thumbFileId,
    ownerId: row.c_ownerId,
    muted: row.c_muted,
    memberCount: row.c_memberCount,
    pairKey: row.c_pairKey,
    lastSeq: row.c_lastSeq,
    lastMessageId: row.c_lastMessageId === null ? null : BigInt(row.c_lastMessageId),
    lastActivityAt: row.c_lastActivityAt,
    isDeleted: row.c_isDeleted,
    createdAt: row.c_createdAt,
  },
});

/**
 * The caller's membership of a live chat; NOT_FOUND when they are not in it (its existence is not
 * told). One plain join (on every mutation of a chat's members and messages: the ORM's nested
 * include cost about twice its CPU).
 */
export async function requireMember(
  db: Pick<PrismaClient, "$queryRaw">,
  chatId: number,
  userId: number,
): Promise<ChatMember & { chat: Chat }> {
  const [row] = await db.$queryRaw<MemberRow[]>`
    SELECT ${MEMBER_COLUMNS} FROM chat_members cm JOIN chats c ON c.id = cm.chat_id
    WHERE cm.chat_id = ${chatId} AND cm.user_id = ${userId}`;
  if (!row || row.c_isDeleted) throw notFound("chat");
  return memberFromRow(row);
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
