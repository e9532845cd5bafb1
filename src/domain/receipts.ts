// Read receipts: another member's read watermark, live where it stays cheap. Live receipts go to the
// members of direct chats and of groups up to READ_RECEIPT_MAX_GROUP_SIZE; in bigger groups every
// member reading would tell every other (N² events), so there readSeq is read on demand only.
// A receipt comes from markChatRead (a `read` event), or from a send: the sender's watermark moves
// to their message, and the message's own event says so; sending publishes nothing more.
import type { Services } from "../context.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { ChatEvent } from "../pubsub.ts";

export type Receipt = { chatId: number; userId: number; readSeq: number };

/** Whether the chat's members get live receipts. */
export function receiptsLive(chat: { type: string; memberCount: number }, maxGroupSize: number): boolean {
  return chat.type === "DIRECT" || (chat.type === "GROUP" && chat.memberCount <= maxGroupSize);
}

/**
 * Which chats have live receipts, as this instance's subscribers ask of each message: one read per
 * chat per `ttlMs` for all of them (a group crossing the size limit is seen within that time).
 */
export class ReceiptScope {
  readonly #known = new Map<number, { at: number; live: Promise<boolean> }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly maxGroupSize: number,
    private readonly ttlMs = 5_000,
  ) {}

  live(chatId: number): Promise<boolean> {
    const now = Date.now();
    const known = this.#known.get(chatId);
    if (known && now - known.at < this.ttlMs) return known.live;
    if (this.#known.size >= 10_000) this.#known.clear();
    const live = this.prisma.chat
      .findUnique({ where: { id: chatId }, select: { type: true, memberCount: true } })
      .then((chat) => (chat ? receiptsLive(chat, this.maxGroupSize) : false))
      .catch(() => false);
    this.#known.set(chatId, { at: now, live });
    return live;
  }
}

/** The receipt a chat event carries for `viewerId`, or null: never their own, never a big group's. */
export function receiptFor(
  svc: Pick<Services, "receiptScope">,
  viewerId: number,
  event: ChatEvent,
): Receipt | Promise<Receipt | null> | null {
  if (event.kind === "read" && event.userId !== viewerId)
    return { chatId: event.chatId, userId: event.userId, readSeq: event.readSeq };
  if (event.kind === "message" && event.senderId !== viewerId) {
    const receipt = { chatId: event.chatId, userId: event.senderId, readSeq: event.seq };
    return svc.receiptScope.live(event.chatId).then((live) => (live ? receipt : null));
  }
  return null;
}
