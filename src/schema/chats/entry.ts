// Loads the caller's ChatListItem for a chat with the field's selection.
import type { Context } from "../../context.ts";
import { notFound } from "../../errors.ts";

export async function loadEntry(ctx: Context, query: object, userId: number, chatId: number) {
  const entry = await ctx.prisma.chatEntry.findUnique({ ...query, where: { userId_chatId: { userId, chatId } } });
  if (!entry) throw notFound("chat");
  return entry;
}
