import { requireViewer } from "../../context.ts";
import { profileChanges, signIn, signUp } from "../../domain/users.ts";
import { builder } from "../builder.ts";
import { AuthPayload } from "./types.ts";

// The two fields open to callers who are not signed in.
builder.mutationField("signUp", (t) =>
  t.field({
    type: AuthPayload,
    skipTypeScopes: true,
    args: {
      username: t.arg.string({ required: true }),
      password: t.arg.string({ required: true }),
      nickname: t.arg.string({ required: true }),
    },
    resolve: (_root, args, ctx) => signUp(ctx, args),
  }),
);

builder.mutationField("signIn", (t) =>
  t.field({
    type: AuthPayload,
    skipTypeScopes: true,
    args: { username: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => signIn(ctx, args),
  }),
);

builder.mutationField("updateProfile", (t) =>
  t.prismaField({
    type: "User",
    args: { nickname: t.arg.string(), avatarFileId: t.arg.id() },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.user.update({ ...query, where: { id: requireViewer(ctx).userId }, data: profileChanges(args) }),
  }),
);

builder.mutationField("signOutEverywhere", (t) =>
  t.field({
    type: AuthPayload,
    description: "Voids every token of the caller (open sockets are closed with 4403); returns a fresh one.",
    resolve: async (_root, _args, ctx) => {
      const { userId } = requireViewer(ctx);
      const version = await ctx.revocations.signOutEverywhere(userId);
      return { token: await ctx.tokens.issue(userId, version), userId };
    },
  }),
);
