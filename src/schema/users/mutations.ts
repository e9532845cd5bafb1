import { requireViewer } from "../../context.ts";
import { changePassword, refreshToken, signIn, signOutEverywhere, signUp, updateProfile } from "../../domain/users.ts";
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

builder.mutationField("refreshToken", (t) =>
  t.field({
    type: AuthPayload,
    description:
      "v2. A fresh token with a new expiry; earlier tokens stay valid until they expire or signOutEverywhere.",
    resolve: (_root, _args, ctx) => refreshToken(ctx, requireViewer(ctx)),
  }),
);

builder.mutationField("changePassword", (t) =>
  t.field({
    type: AuthPayload,
    description:
      "v2. Voids every earlier token of the caller (open sockets close with 4403), as signOutEverywhere does; returns a fresh one.",
    args: { currentPassword: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => changePassword(ctx, requireViewer(ctx).userId, args),
  }),
);
