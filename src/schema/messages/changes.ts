// Changes to a sent message: edits and reactions. Each answers the message as it is now.
import { requireViewer } from "../../context.ts";
import { editMessage } from "../../domain/edits.ts";
import { addReaction, removeReaction } from "../../domain/reactions.ts";
import { parseBigId, parseId } from "../../errors.ts";
import type { ChatEvent } from "../../pubsub.ts";
import { viewerEvents } from "../../runtime/live.ts";
import { builder } from "../builder.ts";
import { deliveredFor } from "./loaders.ts";

builder.mutationField("editMessage", (t) =>
  t.prismaField({
    type: "Message",
    description: "v2. The sender changes the text of their own TEXT message; sets editedAt.",
    args: { id: t.arg.id({ required: true }), text: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const message = await editMessage(ctx, requireViewer(ctx).userId, parseBigId(args.id, "id"), args.text);
      return ctx.prisma.message.findUniqueOrThrow({ ...query, where: { id: message.id } });
    },
  }),
);

builder.mutationField("addReaction", (t) =>
  t.prismaField({
    type: "Message",
    description:
      "v2. Adds the caller's reaction (one emoji) to a message in a chat they belong to; adding it twice is a no-op.",
    args: { messageId: t.arg.id({ required: true }), emoji: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = parseBigId(args.messageId, "messageId");
      const message = await addReaction(ctx, requireViewer(ctx).userId, id, args.emoji);
      return ctx.prisma.message.findUniqueOrThrow({ ...query, where: { id: message.id } });
    },
  }),
);

builder.mutationField("removeReaction", (t) =>
  t.prismaField({
    type: "Message",
    description: "v2. Removes the caller's reaction.",
    args: { messageId: t.arg.id({ required: true }), emoji: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = parseBigId(args.messageId, "messageId");
      const message = await removeReaction(ctx, requireViewer(ctx).userId, id, args.emoji);
      return ctx.prisma.message.findUniqueOrThrow({ ...query, where: { id: message.id } });
    },
  }),
);

builder.subscriptionField("messageUpdated", (t) =>
  t.prismaField({
    type: "Message",
    description: "v2. A message in the caller's chats (or in one chat) was edited, deleted, or its reactions changed.",
    args: { chatId: t.arg.id() },
    subscribe: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const chatId = args.chatId ? parseId(args.chatId, "chatId") : null;
      return viewerEvents(ctx.prisma, ctx.pubsub, viewer.userId, chatId, {
        select: (e) => (e.source === "chat" && e.event.kind === "messageUpdated" ? e.event : null),
      });
    },
    // Read after the change, once per change and selection for all of this instance's subscribers.
    resolve: async (query, event: Extract<ChatEvent, { kind: "messageUpdated" }>, _args, ctx) => {
      const row = await ctx.messageReads.get(`${event.change}:${JSON.stringify(query)}`, () =>
        ctx.prisma.message.findUniqueOrThrow({ ...query, where: { id: BigInt(event.messageId) } }),
      );
      return deliveredFor(row, event.change);
    },
  }),
);
