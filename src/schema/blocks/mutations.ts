import { requireViewer } from "../../context.ts";
import { blockUser, unblockUser } from "../../domain/blocks.ts";
import { parseId } from "../../errors.ts";
import { builder } from "../builder.ts";

builder.mutationField("blockUser", (t) =>
  t.boolean({
    description:
      "v2. A blocked user cannot open a direct chat with, message in a direct chat, send a friend request or invitation to, or follow the caller, and sees the caller offline. Blocking ends the friendship and follows between the two; the direct chat, its history and shared groups stay.",
    args: { userId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => blockUser(ctx, requireViewer(ctx).userId, parseId(args.userId, "userId")),
  }),
);

builder.mutationField("unblockUser", (t) =>
  t.boolean({
    description: "v2. False when the user was not blocked. A friendship that blocking ended is asked for anew.",
    args: { userId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => unblockUser(ctx, requireViewer(ctx).userId, parseId(args.userId, "userId")),
  }),
);
