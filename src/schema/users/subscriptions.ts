import { requireViewer } from "../../context.ts";
import { userEvents } from "../../runtime/live.ts";
import { builder } from "../builder.ts";
import { liveUser } from "./live-user.ts";

builder.subscriptionField("presenceChanged", (t) =>
  t.prismaField({
    type: "User",
    description: "v2. One of the caller's friends came online or went offline.",
    subscribe: (_root, _args, ctx) =>
      userEvents(ctx.pubsub, requireViewer(ctx).userId, (e) => (e.kind === "presence" ? e.userId : null)),
    resolve: (query, userId: number, _args, ctx) => liveUser(ctx, query, userId),
  }),
);
