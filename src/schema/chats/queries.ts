import { queryFromInfo } from "@pothos/plugin-prisma";
import { requireViewer } from "../../context.ts";
import { requireMember } from "../../domain/chats.ts";
import { encodeMemberCursor, memberPage } from "../../domain/members.ts";
import { encodeCursor, recentChatPage, unreadTotal } from "../../domain/recent.ts";
import { badInput, parseId } from "../../errors.ts";
import { builder } from "../builder.ts";
import { pageInfo, pageSize } from "../common/page.ts";
import { ChatListConnection, type ChatListItem, type ChatMember, ChatMemberConnection } from "./types.ts";

builder.queryField("recentChats", (t) =>
  t.field({
    type: ChatListConnection,
    description: "The recent-chat list: pinned first, then by last activity, newest first.",
    args: { first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, ctx, info) => {
      const { userId } = requireViewer(ctx);
      const { keys, hasNextPage } = await recentChatPage(
        ctx.prisma,
        userId,
        pageSize(args.first, "first", badInput),
        args.after ?? null,
      );
      const query = queryFromInfo({ context: ctx, info, path: ["edges", "node"], typeName: "ChatListItem" });
      const entries = keys.length
        ? await ctx.prisma.chatEntry.findMany({
            ...query,
            where: { userId, chatId: { in: keys.map((k) => k.chatId) } },
          })
        : [];
      const byChat = new Map((entries as unknown as (typeof ChatListItem.$inferType)[]).map((e) => [e.chatId, e]));
      const edges = keys.flatMap((k) => {
        const node = byChat.get(k.chatId);
        return node ? [{ cursor: encodeCursor(k), node }] : [];
      });
      return { edges, pageInfo: pageInfo(edges, hasNextPage, Boolean(args.after)) };
    },
  }),
);

builder.queryField("chat", (t) =>
  t.prismaField({
    type: "ChatEntry",
    nullable: true,
    description:
      "The caller's view of one chat they belong to; null when there is none or the caller may not see it (every field that takes a chat id answers NOT_FOUND then).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.chatEntry.findFirst({
        ...query,
        where: { userId: requireViewer(ctx).userId, chatId: parseId(args.id, "id"), chat: { isDeleted: false } },
      }),
  }),
);

builder.queryField("members", (t) =>
  t.prismaField({
    type: ["ChatMember"],
    description:
      "Every member of the chat in one answer, by join time (a group may have thousands): for large groups page with chatMembers. NOT_FOUND unless the caller is a member.",
    args: { chatId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const chatId = parseId(args.chatId, "chatId");
      await requireMember(ctx.prisma, chatId, requireViewer(ctx).userId);
      return ctx.prisma.chatMember.findMany({
        ...query,
        where: { chatId },
        orderBy: [{ joinedAt: "asc" }, { userId: "asc" }],
      });
    },
  }),
);

builder.queryField("chatMembers", (t) =>
  t.field({
    type: ChatMemberConnection,
    description:
      "v2. A chat's members a page at a time (first: 1..100, default 20): the owner, then admins, then by join time. NOT_FOUND unless the caller is a member.",
    args: { chatId: t.arg.id({ required: true }), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, ctx, info) => {
      const chatId = parseId(args.chatId, "chatId");
      const first = pageSize(args.first, "first", badInput);
      await requireMember(ctx.prisma, chatId, requireViewer(ctx).userId);
      const query = queryFromInfo({ context: ctx, info, path: ["edges", "node"], typeName: "ChatMember" });
      const keyFields = { role: true, joinedAt: true, userId: true } as const;
      const withKeys = "select" in query && query.select ? { select: { ...query.select, ...keyFields } } : query;
      const { rows, hasNextPage } = await memberPage(ctx.prisma, chatId, first, args.after ?? null, withKeys);
      const edges = rows.map((node) => ({
        cursor: encodeMemberCursor(node),
        node: node as unknown as typeof ChatMember.$inferType,
      }));
      return { edges, pageInfo: pageInfo(edges, hasNextPage, Boolean(args.after)) };
    },
  }),
);

builder.queryField("unreadTotal", (t) =>
  t.int({
    description: "Unread messages over all chats, not counting chats with do-not-disturb on.",
    resolve: (_root, _args, ctx) => unreadTotal(ctx.prisma, requireViewer(ctx).userId),
  }),
);
