// Receipts and typing: what a member sees of the others' reading and typing.
import type { Receipt } from "../../domain/receipts.ts";
import type { Typing } from "../../domain/typing.ts";
import { builder } from "../builder.ts";
import { liveUser } from "../users/live-user.ts";

export const TypingEvent = builder.objectRef<Typing>("TypingEvent").implement({
  description: "v2.",
  fields: (t) => ({
    chatId: t.exposeID("chatId"),
    user: t.prismaField({
      type: "User",
      resolve: (query, e, _args, ctx) => liveUser(ctx, query, e.userId),
    }),
    typing: t.exposeBoolean("typing"),
  }),
});

export const ReadReceipt = builder.objectRef<Receipt>("ReadReceipt").implement({
  description: "v2.",
  fields: (t) => ({
    chatId: t.exposeID("chatId"),
    user: t.prismaField({
      type: "User",
      resolve: (query, r, _args, ctx) => liveUser(ctx, query, r.userId),
    }),
    readSeq: t.exposeInt("readSeq"),
  }),
});
