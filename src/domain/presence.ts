// Who sees whom online. The truth of a user's presence is for the user and their friends; everyone
// else sees them offline (fail closed). Both directions of that rule live here, and nowhere else:
// `presenceVisible` (whose presence a viewer sees) and `presenceAudience` (who is told when a user
// comes online or goes offline).
import type { Services } from "../context.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { publishPresence } from "../pubsub.ts";
import { blockedAmong, blockersAmong } from "./blocks.ts";

/** Of `userIds`, those whose presence `viewerId` may see: themself and their friends. */
export async function presenceVisible(prisma: PrismaClient, viewerId: number, userIds: number[]): Promise<Set<number>> {
  const others = userIds.filter((id) => id !== viewerId);
  const visible = new Set(userIds.includes(viewerId) ? [viewerId] : []);
  if (!others.length) return visible;
  const friends = await prisma.friend.findMany({
    where: { userId: viewerId, friendId: { in: others }, type: "FRIEND" },
    select: { friendId: true },
  });
  // A user who blocked the viewer shows offline to them, friends or not.
  const blockers = friends.length
    ? await blockersAmong(
        prisma,
        friends.map((f) => f.friendId),
        viewerId,
      )
    : new Set();
  for (const f of friends) if (!blockers.has(f.friendId)) visible.add(f.friendId);
  return visible;
}

/** Who is told that `userId` came online or went offline: their friends, but not those they blocked. */
export async function presenceAudience(prisma: PrismaClient, userId: number): Promise<number[]> {
  const rows = await prisma.friend.findMany({
    where: { friendId: userId, type: "FRIEND" },
    select: { userId: true },
  });
  const blocked = rows.length
    ? await blockedAmong(
        prisma,
        userId,
        rows.map((r) => r.userId),
      )
    : new Set();
  return rows.map((r) => r.userId).filter((id) => !blocked.has(id));
}

/** Of `userIds`, those `viewerId` sees online: online, and visible to them. */
export async function onlineAsSeenBy(svc: Services, viewerId: number, userIds: number[]): Promise<Set<number>> {
  const visible = [...(await presenceVisible(svc.prisma, viewerId, userIds))];
  return svc.userPresence.online(visible);
}

/** Tells a user's audience that they came online or went offline (user-presence.ts decides when). */
export async function announcePresence(svc: Services, userId: number, online: boolean): Promise<void> {
  publishPresence(svc.pubsub, await presenceAudience(svc.prisma, userId), userId, online);
}
