// Friends (two rows, both directions) and followers (one row, follower -> followed).

import type { Services, Viewer } from "../context.ts";
import { badInput, conflict, notFound } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { publishEntryChanged } from "../pubsub.ts";
import { assertNotBlockedBy } from "./blocks.ts";
import { pairKey } from "./chats.ts";
import { recordEvent, userKey, withEvents } from "./events.ts";
import { requireUser } from "./users.ts";
import { optionalText } from "./validate.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export function notSelf(me: number, other: number, field = "userId") {
  if (me === other) throw badInput(field, "cannot be yourself");
}

export async function areFriends(db: Db, a: number, b: number): Promise<boolean> {
  const row = await db.friend.findUnique({
    where: { userId_friendId: { userId: a, friendId: b } },
    select: { type: true },
  });
  return row?.type === "FRIEND";
}

/** Makes two users friends (both rows), replacing any follow between them. */
export async function befriend(tx: Prisma.TransactionClient, a: number, b: number) {
  for (const [userId, friendId] of [
    [a, b],
    [b, a],
  ] as const) {
    await tx.friend.upsert({
      where: { userId_friendId: { userId, friendId } },
      create: { userId, friendId, type: "FRIEND" },
      update: { type: "FRIEND" },
    });
  }
}

/** Follows a user (rate limited per caller: it answers the user of any id); not one who blocked the caller. */
export async function follow(
  { prisma, limiter, config }: Pick<Services, "prisma" | "limiter" | "config">,
  me: number,
  other: number,
) {
  notSelf(me, other);
  await limiter.hit(`lookup:${me}`, config.userLookupPerMinute);
  await requireUser(prisma, other);
  await assertNotBlockedBy(prisma, other, me);
  const existing = await prisma.friend.findUnique({ where: { userId_friendId: { userId: me, friendId: other } } });
  if (existing?.type === "FRIEND") throw conflict("already friends");
  if (existing) return existing;
  return prisma.friend.create({ data: { userId: me, friendId: other, type: "FOLLOWER" } });
}

export async function unfollow({ prisma }: Pick<Services, "prisma">, me: number, other: number): Promise<boolean> {
  const { count } = await prisma.friend.deleteMany({ where: { userId: me, friendId: other, type: "FOLLOWER" } });
  return count > 0;
}

export async function removeFriend(svc: Services, me: number, other: number): Promise<boolean> {
  const count = await withEvents(svc.prisma, svc.config.events, async (tx) => {
    const { count } = await tx.friend.deleteMany({
      where: {
        type: "FRIEND",
        OR: [
          { userId: me, friendId: other },
          { userId: other, friendId: me },
        ],
      },
    });
    if (count > 0)
      await recordEvent(tx, svc.config.events, "friendship.removed", userKey(Math.min(me, other)), {
        userId: String(me),
        friendId: String(other),
      });
    return count;
  });
  if (count > 0) svc.outbox?.kick();
  return count > 0;
}

/**
 * The caller's remark for a friend (or a user they follow); shown as the title of their direct chat,
 * whose list entry the caller's other devices are told of.
 */
export async function setRemark(svc: Services, viewer: Viewer, other: number, remark: string) {
  const { prisma } = svc;
  const me = viewer.userId;
  const value = optionalText(remark, "remark", 64) ?? null;
  const row = await prisma.friend.findUnique({ where: { userId_friendId: { userId: me, friendId: other } } });
  if (!row) throw notFound("friend");
  await prisma.friend.update({ where: { userId_friendId: { userId: me, friendId: other } }, data: { remark: value } });
  const chat = await prisma.chat.findUnique({ where: { pairKey: pairKey(me, other) }, select: { id: true } });
  if (chat) publishEntryChanged(svc.pubsub, me, chat.id, viewer.deviceId);
}
