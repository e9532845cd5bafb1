// Webhook events that failed past WEBHOOK_MAX_AGE (outbox-relay.ts): listed, and replayed into
// the outbox under their own id (so the receiver sees the same webhook-id), for the webhook only.
import type { PrismaClient } from "../generated/prisma/client.ts";

export function listDeadLetters(prisma: PrismaClient) {
  return prisma.deadLetter.findMany({ orderBy: { id: "asc" }, take: 1000 });
}

/** Replays the given dead letters (all of them when `ids` is empty); returns how many. */
export async function replayDeadLetters(prisma: PrismaClient, ids: string[]): Promise<number> {
  const wanted = ids.map((id) => BigInt(id));
  return prisma.$transaction(async (tx) => {
    const letters = await tx.deadLetter.findMany({ where: wanted.length ? { id: { in: wanted } } : {} });
    if (letters.length === 0) return 0;
    await tx.outboxEvent.createMany({
      data: letters.map((l) => ({
        id: l.id,
        type: l.type,
        orderKey: l.orderKey,
        data: l.data as object,
        createdAt: new Date(),
        webhookPending: true,
        streamPending: false,
      })),
      skipDuplicates: true,
    });
    await tx.deadLetter.deleteMany({ where: { id: { in: letters.map((l) => l.id) } } });
    return letters.length;
  });
}
