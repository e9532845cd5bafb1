import { requireViewer } from "../../context.ts";
import { builder } from "../builder.ts";
import { ChatListItem } from "../chats/types.ts";

builder.queryField("friends", (t) =>
  t.prismaField({
    type: ["Friend"],
    description: "Every friend of the caller, oldest friendship first, in one answer: not paged and not capped.",
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.friend.findMany({
        ...query,
        where: { userId: requireViewer(ctx).userId, type: "FRIEND" },
        orderBy: { createdAt: "asc" },
      }),
  }),
);

builder.queryField("followers", (t) =>
  t.prismaField({
    type: ["Friend"],
    description:
      "Users who follow the caller (one-way relations): every one, oldest first, in one answer: not paged and not capped.",
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.friend.findMany({
        ...query,
        where: { friendId: requireViewer(ctx).userId, type: "FOLLOWER" },
        orderBy: { createdAt: "asc" },
      }),
  }),
);

builder.queryField("following", (t) =>
  t.prismaField({
    type: ["Friend"],
    description:
      "v2. Users the caller follows (one-way relations, type FOLLOWING): every one, oldest first, in one answer: not paged and not capped.",
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.friend.findMany({
        ...query,
        where: { userId: requireViewer(ctx).userId, type: "FOLLOWER" },
        orderBy: { createdAt: "asc" },
      }),
  }),
);

const Contacts = builder.objectRef<{ userId: number }>("Contacts").implement({
  fields: (t) => ({
    friends: t.prismaField({
      type: ["Friend"],
      description: "Every friend, oldest friendship first: not paged and not capped (the same list as Query.friends).",
      resolve: (query, c, _args, ctx) =>
        ctx.prisma.friend.findMany({
          ...query,
          where: { userId: c.userId, type: "FRIEND" },
          orderBy: { createdAt: "asc" },
        }),
    }),
    groups: t.prismaField({
      type: [ChatListItem],
      description: "Every group the caller marked to show in contacts, by chat id: not paged and not capped.",
      resolve: (query, c, _args, ctx) =>
        ctx.prisma.chatEntry.findMany({
          ...query,
          where: { userId: c.userId, member: { showInContacts: true }, chat: { type: "GROUP", isDeleted: false } },
          orderBy: { chatId: "asc" },
        }),
    }),
  }),
});

builder.queryField("contacts", (t) =>
  t.field({
    type: Contacts,
    description:
      "The address book: friends, and groups marked to show in contacts; each list whole, in one answer (not paged).",
    resolve: (_root, _args, ctx) => ({ userId: requireViewer(ctx).userId }),
  }),
);
