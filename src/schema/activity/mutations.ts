import { requireViewer } from "../../context.ts";
import { setTyping } from "../../domain/typing.ts";
import { parseId } from "../../errors.ts";
import { builder } from "../builder.ts";

builder.mutationField("setTyping", (t) =>
  t.boolean({
    description:
      "v2. The caller is typing in a chat (or stopped). Not stored; other members see it through typing, and it lapses after a few seconds unless repeated.",
    args: { chatId: t.arg.id({ required: true }), typing: t.arg.boolean({ required: true }) },
    resolve: (_root, args, ctx) => setTyping(ctx, requireViewer(ctx), parseId(args.chatId, "chatId"), args.typing),
  }),
);
