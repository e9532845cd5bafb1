// Read state: a member's read watermark (a seq) in a chat; it only moves forward, and the member's
// other devices hear of it.
import type { Services, Viewer } from "../context.ts";
import { notFound } from "../errors.ts";
import { publishEntryChanged, publishReadReceipt } from "../pubsub.ts";
import { requireMember } from "./chats.ts";
import { chatKey, recordEvent, withEvents } from "./events.ts";
import { receiptsLive } from "./receipts.ts";

/** A message of the chat, by id or by seq; null: the newest. */
export type ReadUpTo = { id: bigint } | { seq: number } | null;

/**
 * Raises the caller's read watermark to `upTo` (default: the newest message); never lowers it.
 * A seq past the chat's last is NOT_FOUND. When it moved, the caller's other devices are told (not
 * the one that read), and the chat's other members when receipts are live there (receipts.ts).
 */
export async function markRead(svc: Services, viewer: Viewer, chatId: number, upTo: ReadUpTo): Promise<boolean> {
  const { prisma } = svc;
  const userId = viewer.userId;
  const member = await requireMember(prisma, chatId, userId);
  let target: { seq: number; id: bigint } | null;
  if (upTo === null) {
    target = member.chat.lastMessageId === null ? null : { seq: member.chat.lastSeq, id: member.chat.lastMessageId };
  } else if ("seq" in upTo && upTo.seq === 0) {
    target = null;
  } else {
    const where = "id" in upTo ? { id: upTo.id, chatId } : { chatId, seq: upTo.seq };
    target = await prisma.message.findFirst({ where, select: { seq: true, id: true } });
    if (!target) throw notFound("message");
  }
  if (!target) return false;
  const to = target;
  const count = await withEvents(prisma, svc.config.events, async (tx) => {
    const { count } = await tx.chatEntry.updateMany({
      where: { userId, chatId, readSeq: { lt: to.seq } },
      data: { readSeq: to.seq, readMessageId: to.id },
    });
    if (count > 0)
      await recordEvent(tx, svc.config.events, "chat.read", chatKey(chatId), {
        chatId: String(chatId),
        userId: String(userId),
        readSeq: to.seq,
      });
    return count;
  });
  if (count === 0) return false;
  publishEntryChanged(svc.pubsub, userId, chatId, viewer.deviceId);
  if (receiptsLive(member.chat, svc.config.readReceiptMaxGroupSize))
    publishReadReceipt(svc.pubsub, chatId, userId, target.seq);
  svc.outbox?.kick();
  return true;
}
