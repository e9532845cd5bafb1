import { requireViewer } from "../../context.ts";
import { receiptFor } from "../../domain/receipts.ts";
import { typingSelector } from "../../domain/typing.ts";
import { parseId } from "../../errors.ts";
import { viewerEvents } from "../../runtime/live.ts";
import { builder } from "../builder.ts";
import { ReadReceipt, TypingEvent } from "./types.ts";

builder.subscriptionField("typing", (t) =>
  t.field({
    type: TypingEvent,
    description: "v2. Someone else started or stopped typing in one of the caller's chats (or in one chat).",
    args: { chatId: t.arg.id() },
    subscribe: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const select = typingSelector(viewer.userId);
      const chatId = args.chatId ? parseId(args.chatId, "chatId") : null;
      return viewerEvents(ctx.prisma, ctx.pubsub, viewer.userId, chatId, {
        select: (e) => (e.source === "chat" ? select(e.event) : null),
      });
    },
    resolve: (e) => e,
  }),
);

builder.subscriptionField("readReceipt", (t) =>
  t.field({
    type: ReadReceipt,
    description:
      "v2. Another member's read position moved in one of the caller's direct chats or groups up to a configured size (or in one such chat).",
    args: { chatId: t.arg.id() },
    subscribe: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const chatId = args.chatId ? parseId(args.chatId, "chatId") : null;
      return viewerEvents(ctx.prisma, ctx.pubsub, viewer.userId, chatId, {
        select: (e) => (e.source === "chat" ? receiptFor(ctx, viewer.userId, e.event) : null),
      });
    },
    resolve: (r) => r,
  }),
);
