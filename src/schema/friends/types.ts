import { builder } from "../builder.ts";
import { User } from "../users/types.ts";

/** A relation as the caller sees it: a follow row (follower -> followed) reads FOLLOWING from the follower. */
export const FriendType = builder.enumType("FriendType", {
  values: {
    FRIEND: {},
    FOLLOWER: { description: "They follow the caller." },
    FOLLOWING: { description: "v2. The caller follows them." },
  } as const,
});

/** A friend or follow relation, seen from the caller: `user` is the other side. */
export const Friendship = builder.prismaObject("Friend", {
  name: "Friendship",
  select: { userId: true, friendId: true, type: true },
  fields: (t) => ({
    id: t.id({
      description: "v2. Stable per relation, direction included (normalized client caches key on it).",
      resolve: (f) => `${f.userId}:${f.friendId}`,
    }),
    user: t.field({
      type: User,
      select: (_args, _ctx, nested) => ({ user: nested(true), friend: nested(true) }),
      resolve: (f, _args, ctx) => (f.userId === ctx.viewer?.userId ? f.friend : f.user),
    }),
    type: t.field({
      type: FriendType,
      resolve: (f, _args, ctx) => (f.type === "FOLLOWER" && f.userId === ctx.viewer?.userId ? "FOLLOWING" : f.type),
    }),
    remark: t.string({
      nullable: true,
      select: { remark: true },
      // A remark is private to whoever wrote it.
      resolve: (f, _args, ctx) => (f.userId === ctx.viewer?.userId ? f.remark : null),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});
