// Blocking. A blocked user cannot open a direct chat with the blocker, send in their direct chat,
// ask them for friendship, invite them to a group or follow them, and does not find them with
// findUser. Blocking ends the friendship and the follows between the two, and voids what the
// blocked user had pending for the blocker; the direct chat, its history and shared groups stay.
// The refusal says "not allowed" and nothing more. The batched checks below are what other
// domains ask (mentions, typing, presence: `blockersAmong`).
import type { Services } from "../context.ts";
import { badInput, forbidden } from "../errors.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { recordEvent, userKey } from "./events.ts";
import { OPEN } from "./join-voids.ts";
import { requireUser } from "./users.ts";

type Db = PrismaClient | Prisma.TransactionClient;

/** What a blocked user is told: no hint of why. */
export const notAllowed = () => forbidden("not allowed");

/** Has `blockerId` blocked `blockedId`? */
export async function hasBlocked(db: Db, blockerId: number, blockedId: number): Promise<boolean> {
  const row = await db.block.findUnique({
    where: { blockerId_blockedId: { blockerId, blockedId } },
    select: { blockerId: true },
  });
  return row !== null;
}

/** Refuses `actorId` acting on `targetId` when the target blocked them. */
export async function assertNotBlockedBy(db: Db, targetId: number, actorId: number): Promise<void> {
  if (await hasBlocked(db, targetId, actorId)) throw notAllowed();
}

/** Those of `candidateIds` who blocked `actorId` (one query): whom the actor may not reach. */
export async function blockersAmong(db: Db, candidateIds: Iterable<number>, actorId: number): Promise<Set<number>> {
  const ids = [...new Set(candidateIds)];
  if (ids.length === 0) return new Set();
  const rows = await db.block.findMany({
    where: { blockedId: actorId, blockerId: { in: ids } },
    select: { blockerId: true },
  });
  return new Set(rows.map((r) => r.blockerId));
}

/** Everyone who blocked `userId` (one query on the blocked side's index; few, in practice). */
export async function blockersOf(db: Db, userId: number): Promise<number[]> {
  const rows = await db.block.findMany({ where: { blockedId: userId }, select: { blockerId: true }, take: 10_000 });
  return rows.map((r) => r.blockerId);
}

/** Those of `candidateIds` whom `blockerId` blocked (one query). */
export async function blockedAmong(db: Db, blockerId: number, candidateIds: Iterable<number>): Promise<Set<number>> {
  const ids = [...new Set(candidateIds)];
  if (ids.length === 0) return new Set();
  const rows = await db.block.findMany({
    where: { blockerId, blockedId: { in: ids } },
    select: { blockedId: true },
  });
  return new Set(rows.map((r) => r.blockedId));
}

/**
 * SQL: another member of the chat `chat` (an alias or a column) blocked `sender`. In a direct chat,
 * the other member is the peer: the send statements' guard uses it.
 */
export function blockedInChatSql(chat: string, sender: string): Prisma.Sql {
  return Prisma.raw(
    `EXISTS (SELECT 1 FROM chat_members peer JOIN blocks b ON b.blocker_id = peer.user_id ` +
      `WHERE peer.chat_id = ${chat} AND peer.user_id <> ${sender} AND b.blocked_id = ${sender})`,
  );
}

export async function blockUser(svc: Services, me: number, other: number): Promise<boolean> {
  if (me === other) throw badInput("userId", "cannot be yourself");
  await requireUser(svc.prisma, other);
  const ended = await svc.prisma.$transaction(async (tx) => {
    await tx.block.createMany({ data: [{ blockerId: me, blockedId: other }], skipDuplicates: true });
    const between = [
      { userId: me, friendId: other },
      { userId: other, friendId: me },
    ];
    const friends = await tx.friend.deleteMany({ where: { type: "FRIEND", OR: between } });
    await tx.friend.deleteMany({ where: { OR: between } });
    if (friends.count > 0)
      await recordEvent(tx, svc.config.events, "friendship.removed", userKey(Math.min(me, other)), {
        userId: String(me),
        friendId: String(other),
      });
    // What the blocked user asked of the blocker leaves the blocker's lists.
    await tx.joinRequest.updateMany({
      where: { requesterId: other, targetUserId: me, type: { in: ["FRIEND", "INVITE"] }, ...OPEN },
      data: { voidedAt: new Date() },
    });
    return friends.count > 0;
  });
  if (ended) svc.outbox?.kick();
  return true;
}

/** Lifts a block; friendship, if wanted, is asked for anew. False when there was none. */
export async function unblockUser(svc: Pick<Services, "prisma">, me: number, other: number): Promise<boolean> {
  const { count } = await svc.prisma.block.deleteMany({ where: { blockerId: me, blockedId: other } });
  return count > 0;
}
