// Friends (two rows, both directions) and followers (one row, follower -> followed).
import { badInput, conflict, notFound } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { pairKey } from "./chats.ts";
import { optionalText } from "./validate.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export async function requireUser(db: Db, userId: number, field = "userId") {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw notFound(field === "userId" ? "user" : field);
  return user;
}

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

export async function follow(prisma: PrismaClient, me: number, other: number) {
  notSelf(me, other);
  await requireUser(prisma, other);
  const existing = await prisma.friend.findUnique({ where: { userId_friendId: { userId: me, friendId: other } } });
  if (existing?.type === "FRIEND") throw conflict("already friends");
  if (existing) return existing;
  return prisma.friend.create({ data: { userId: me, friendId: other, type: "FOLLOWER" } });
}

export async function unfollow(prisma: PrismaClient, me: number, other: number): Promise<boolean> {
  const { count } = await prisma.friend.deleteMany({ where: { userId: me, friendId: other, type: "FOLLOWER" } });
  return count > 0;
}

export async function removeFriend(prisma: PrismaClient, me: number, other: number): Promise<boolean> {
  const { count } = await prisma.friend.deleteMany({
    where: {
      type: "FRIEND",
      OR: [
        { userId: me, friendId: other },
        { userId: other, friendId: me },
      ],
    },
  });
  return count > 0;
}

/** The caller's remark for a friend (or a user they follow); shown as the direct chat's title. */
export async function setRemark(prisma: PrismaClient, me: number, other: number, remark: string) {
  const value = optionalText(remark, "remark", 64) ?? null;
  const row = await prisma.friend.findUnique({ where: { userId_friendId: { userId: me, friendId: other } } });
  if (!row) throw notFound("friend");
  return prisma.friend.update({ where: { userId_friendId: { userId: me, friendId: other } }, data: { remark: value } });
}

/** The DIRECT chat of a pair, if there is one (its title shows the remark). */
export async function directChatId(prisma: PrismaClient, a: number, b: number): Promise<number | null> {
  return (await prisma.chat.findUnique({ where: { pairKey: pairKey(a, b) }, select: { id: true } }))?.id ?? null;
}
