import { filter, map, pipe } from "graphql-yoga";
import { requireViewer } from "../../context.ts";
import { subscribeUser, type UserEvent } from "../../pubsub.ts";
import { builder } from "../builder.ts";

builder.subscriptionField("joinRequestUpdated", (t) =>
  t.prismaField({
    type: "JoinRequest",
    description: "A join request to or from the caller was made or reviewed.",
    subscribe: (_root, _args, ctx) =>
      pipe(
        subscribeUser(ctx.pubsub, requireViewer(ctx).userId),
        filter((e: UserEvent) => e.kind === "joinRequest"),
        map((e: UserEvent) => (e.kind === "joinRequest" ? e.requestId : 0)),
      ),
    resolve: (query, id: number, _args, ctx) => ctx.prisma.joinRequest.findUniqueOrThrow({ ...query, where: { id } }),
  }),
);
