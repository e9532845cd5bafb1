import { requireViewer } from "../../context.ts";
import { userEvents } from "../../runtime/live.ts";
import { builder } from "../builder.ts";

builder.subscriptionField("joinRequestUpdated", (t) =>
  t.prismaField({
    type: "JoinRequest",
    description: "A join request to or from the caller was made or reviewed.",
    subscribe: (_root, _args, ctx) =>
      userEvents(ctx.pubsub, requireViewer(ctx).userId, (e) => (e.kind === "joinRequest" ? e.requestId : null)),
    resolve: (query, id: number, _args, ctx) => ctx.prisma.joinRequest.findUniqueOrThrow({ ...query, where: { id } }),
  }),
);
