import { builder } from "../builder.ts";

export const User = builder.prismaObject("User", {
  fields: (t) => ({
    id: t.exposeID("id"),
    username: t.exposeString("username"),
    nickname: t.exposeString("nickname"),
    avatarFileId: t.exposeID("avatarFileId", { nullable: true }),
    externalId: t.exposeString("externalId", {
      nullable: true,
      description: "v2. The id the host application knows this user by (external identity), or null.",
    }),
  }),
});

export const AuthPayload = builder.objectRef<{ token: string; userId: number }>("AuthPayload").implement({
  fields: (t) => ({
    token: t.exposeString("token"),
    user: t.prismaField({
      type: "User",
      resolve: (query, p, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
    }),
  }),
});
