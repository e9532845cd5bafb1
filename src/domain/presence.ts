// Who sees whom online. The truth of a user's presence is for the user and their friends; everyone
// else sees them offline (fail closed). Both directions of that rule live here, and nowhere else:
// `presenceVisible` (whose presence a viewer sees) and `presenceAudience` (who is told when a user
// comes online or goes offline).
import type { Services } from "../context.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { publishPresence } from "../pubsub.ts";

/** Of `userIds`, those whose presence `viewerId` may see: themself and their friends. */
export async function presenceVisible(prisma: PrismaClient, viewerId: number, userIds: number[]): Promise<Set<number>> {
  const others = userIds.filter((id) => id !== viewerId);
  const visible = new Set(userIds.includes(viewerId) ? [viewerId] : []);
  if (!others.length) return visible;
  const friends = await prisma.friend.findMany({
    where: { userId: viewerId, friendId: { in: others }, type: "FRIEND" },
    select: { friendId: true },
  });
  for (const f of friends) visible.add(f.friendId);
  return visible;
}

/** Who is told that `userId` came online or went offline: their friends. */
export async function presenceAudience(prisma: PrismaClient, userId: number): Promise<number[]> {
  const rows = await prisma.friend.findMany({
    where: { friendId: userId, type: "FRIEND" },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
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
