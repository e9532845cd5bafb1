// Editing a message: the sender changes the text of their own TEXT message within the edit window;
// the text it had is kept in message_edits.
import type { Services } from "../context.ts";
import { badInput, conflict, forbidden, notFound } from "../errors.ts";
import { publishMessageUpdated } from "../pubsub.ts";
import { requireMember } from "./chats.ts";
import { recordMessageUpdated } from "./events.ts";
import { validateContent } from "./messages.ts";
import { assertMaySpeak } from "./roles.ts";

/**
 * The check and the write are one transaction with the message row locked: two edits apply one
 * after the other, each keeping the text it replaced, and an edit racing a deletion loses or waits.
 */
export async function editMessage(svc: Services, userId: number, id: bigint, newText: string) {
  await svc.limiter.hit(`send:${userId}`, svc.config.sendPerMinute);
  const body = validateContent({ chatId: 0, type: "TEXT", text: newText }).text ?? "";
  const result = await svc.prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM messages WHERE id = ${id} FOR UPDATE`;
    const message = await tx.message.findUnique({ where: { id } });
    if (!message) throw notFound("message");
    const member = await requireMember(tx, message.chatId, userId).catch(() => {
      throw notFound("message");
    });
    if (message.senderId !== userId) throw forbidden("only the sender may edit a message");
    if (message.type !== "TEXT") throw badInput("id", "only TEXT messages can be edited");
    if (message.isDeleted) throw conflict("the message was deleted");
    if (Date.now() - message.createdAt.getTime() > svc.config.editWindowSeconds * 1000)
      throw forbidden("the time to edit this message has passed");
    assertMaySpeak(member);
    if (message.text === body) return { message, changed: false, last: false };
    const editedAt = new Date();
    await tx.messageEdit.create({ data: { messageId: id, previousText: message.text, editedAt } });
    const edited = await tx.message.update({ where: { id }, data: { text: body, editedAt } });
    await recordMessageUpdated(tx, svc.config.events, edited, "edited");
    return { message: edited, changed: true, last: member.chat.lastMessageId === id };
  });
  if (result.changed) {
    publishMessageUpdated(svc.pubsub, result.message, result.last);
    svc.outbox?.kick();
  }
  return result.message;
}
