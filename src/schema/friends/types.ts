import { FriendType as FriendTypeValues } from "../../generated/prisma/enums.ts";
import { builder } from "../builder.ts";
import { User } from "../users/types.ts";

export const FriendType = builder.enumType(FriendTypeValues, { name: "FriendType" });

/** A friend or follow relation, seen from the caller: `user` is the other side. */
export const Friendship = builder.prismaObject("Friend", {
  name: "Friendship",
  select: { userId: true, friendId: true },
  fields: (t) => ({
    user: t.field({
      type: User,
      select: (_args, _ctx, nested) => ({ user: nested(true), friend: nested(true) }),
      resolve: (f, _args, ctx) => (f.userId === ctx.viewer?.userId ? f.friend : f.user),
    }),
    type: t.expose("type", { type: FriendType }),
    remark: t.string({
      nullable: true,
      select: { remark: true },
      // A remark is private to whoever wrote it.
      resolve: (f, _args, ctx) => (f.userId === ctx.viewer?.userId ? f.remark : null),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});
