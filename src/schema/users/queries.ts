import { requireViewer } from "../../context.ts";
import { parseId } from "../../errors.ts";
import { builder } from "../builder.ts";

builder.queryField("me", (t) =>
  t.prismaField({
    type: "User",
    description: "The signed-in user.",
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: requireViewer(ctx).userId } }),
  }),
);

builder.queryField("user", (t) =>
  t.prismaField({
    type: "User",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => {
      requireViewer(ctx);
      return ctx.prisma.user.findUnique({ ...query, where: { id: parseId(args.id, "id") } });
    },
  }),
);
