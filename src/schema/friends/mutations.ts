import { requireViewer } from "../../context.ts";
import { follow, removeFriend, setRemark, unfollow } from "../../domain/friends.ts";
import { parseId } from "../../errors.ts";
import { builder } from "../builder.ts";

builder.mutationField("follow", (t) =>
  t.prismaField({
    type: "Friend",
    args: { userId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const row = await follow(ctx, requireViewer(ctx).userId, parseId(args.userId, "userId"));
      return ctx.prisma.friend.findUniqueOrThrow({
        ...query,
        where: { userId_friendId: { userId: row.userId, friendId: row.friendId } },
      });
    },
  }),
);

builder.mutationField("unfollow", (t) =>
  t.boolean({
    args: { userId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => unfollow(ctx, requireViewer(ctx).userId, parseId(args.userId, "userId")),
  }),
);

builder.mutationField("removeFriend", (t) =>
  t.boolean({
    args: { userId: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => removeFriend(ctx, requireViewer(ctx).userId, parseId(args.userId, "userId")),
  }),
);

builder.mutationField("setFriendRemark", (t) =>
  t.prismaField({
    type: "Friend",
    args: { userId: t.arg.id({ required: true }), remark: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const other = parseId(args.userId, "userId");
      await setRemark(ctx, viewer, other, args.remark);
      return ctx.prisma.friend.findUniqueOrThrow({
        ...query,
        where: { userId_friendId: { userId: viewer.userId, friendId: other } },
      });
    },
  }),
);
