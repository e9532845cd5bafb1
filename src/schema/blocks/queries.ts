import { requireViewer } from "../../context.ts";
import { builder } from "../builder.ts";

builder.queryField("blockedUsers", (t) =>
  t.prismaField({
    type: ["User"],
    description: "v2. Users the caller has blocked: every one, oldest block first, in one answer (not paged).",
    resolve: async (query, _root, _args, ctx) => {
      const blocks = await ctx.prisma.block.findMany({
        where: { blockerId: requireViewer(ctx).userId },
        orderBy: [{ createdAt: "asc" }, { blockedId: "asc" }],
        select: { blocked: query },
      });
      return blocks.map((b) => b.blocked);
    },
  }),
);
