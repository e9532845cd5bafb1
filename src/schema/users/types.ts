import { imageUrl } from "../attachments/loaders.ts";
import { builder } from "../builder.ts";
import { loadOnline } from "./online.ts";

export const User = builder.prismaObject("User", {
  fields: (t) => ({
    id: t.exposeID("id"),
    username: t.exposeString("username"),
    nickname: t.exposeString("nickname"),
    avatarFileId: t.exposeID("avatarFileId", { nullable: true }),
    online: t.boolean({
      description:
        "v2. True while one of the user's devices is online. Only the user and their friends see it; false for everyone else.",
      resolve: (u, _args, ctx) => loadOnline(ctx, u.id),
    }),
    externalId: t.exposeString("externalId", {
      nullable: true,
      description: "v2. The id the host application knows this user by (external identity), or null.",
    }),
    avatarUrl: t.string({
      nullable: true,
      description: "v2. A URL a browser can load directly (an img src), valid for at least an hour, or null.",
      select: { avatarFileId: true, hostAvatarUrl: true },
      // A host user's picture comes from the host's profile (external identity); else the upload's URL.
      resolve: (u, _args, ctx) => u.hostAvatarUrl ?? imageUrl(ctx, u.avatarFileId, u.id),
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
