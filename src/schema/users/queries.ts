import { requireViewer } from "../../context.ts";
import { findUserId, lookUpUserId } from "../../domain/directory.ts";
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
    description: "A user by id, or null. Rate limited per caller (RATE_LIMIT_USER_LOOKUP_PER_MINUTE).",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const id = await lookUpUserId(ctx, requireViewer(ctx).userId, parseId(args.id, "id"));
      return id === null ? null : ctx.prisma.user.findUnique({ ...query, where: { id } });
    },
  }),
);

builder.queryField("findUser", (t) =>
  t.prismaField({
    type: "User",
    nullable: true,
    description:
      "v2. Exact, case-insensitive lookup by username, or by the id the host application gave the user (external identity); exactly one of the two (else BAD_USER_INPUT). Null when there is none, or when that user blocked the caller. The external id is compared exactly (it is the host's opaque id); no prefix search. Rate limited per caller with user(id) (RATE_LIMIT_USER_LOOKUP_PER_MINUTE).",
    args: { username: t.arg.string(), externalId: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      const id = await findUserId(ctx, requireViewer(ctx).userId, args);
      return id === null ? null : ctx.prisma.user.findUnique({ ...query, where: { id } });
    },
  }),
);
