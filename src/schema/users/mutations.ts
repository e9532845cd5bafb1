import { requireViewer } from "../../context.ts";
import { signIn, signOutEverywhere, signUp, updateProfile } from "../../domain/users.ts";
import { builder } from "../builder.ts";
import { AuthPayload } from "./types.ts";

builder.mutationField("signUp", (t) =>
  t.field({
    type: AuthPayload,
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
    args: { username: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => signIn(ctx, args),
  }),
);

builder.mutationField("updateProfile", (t) =>
  t.prismaField({
    type: "User",
    args: { nickname: t.arg.string(), avatarFileId: t.arg.id() },
    resolve: async (query, _root, args, ctx) => {
      const { userId } = requireViewer(ctx);
      await updateProfile(ctx, userId, args);
      return ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: userId } });
    },
  }),
);

builder.mutationField("signOutEverywhere", (t) =>
  t.field({
    type: AuthPayload,
    description: "Voids every token of the caller (open sockets are closed with 4403); returns a fresh one.",
    resolve: (_root, _args, ctx) => signOutEverywhere(ctx, requireViewer(ctx).userId),
  }),
);
