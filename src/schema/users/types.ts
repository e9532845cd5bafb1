import { imageUrl } from "../attachments/loaders.ts";
import { builder } from "../builder.ts";

export const User = builder.prismaObject("User", {
  fields: (t) => ({
    id: t.exposeID("id"),
    username: t.exposeString("username"),
    nickname: t.exposeString("nickname"),
    avatarFileId: t.exposeID("avatarFileId", { nullable: true }),
    avatarUrl: t.string({
      nullable: true,
      description: "v2. A URL a browser can load directly (an img src), valid for at least an hour, or null.",
      select: { avatarFileId: true },
      resolve: (u, _args, ctx) => imageUrl(ctx, u.avatarFileId, u.id),
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
