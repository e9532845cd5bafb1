import { requireViewer } from "../../context.ts";
import { listRequests } from "../../domain/joins.ts";
import { builder } from "../builder.ts";
import { JoinRequestStatus, RequestDirection } from "./types.ts";

builder.queryField("joinRequests", (t) =>
  t.prismaField({
    type: ["JoinRequest"],
    description:
      "The newest 200 matching requests (voided ones left out), newest first; older ones are not returned, and the list is not paged: narrow it with status (e.g. PENDING).",
    args: {
      direction: t.arg({ type: RequestDirection, required: true }),
      status: t.arg({ type: JoinRequestStatus }),
    },
    resolve: (query, _root, args, ctx) =>
      listRequests(ctx.prisma, requireViewer(ctx).userId, args.direction, args.status, query),
  }),
);
