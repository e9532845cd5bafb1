import { queryFromInfo } from "@pothos/plugin-prisma";
import { requireViewer } from "../../context.ts";
import { requireMember } from "../../domain/chats.ts";
import { encodeCursor, recentChatPage, unreadTotal } from "../../domain/recent.ts";
import { badInput, parseId } from "../../errors.ts";
import { builder } from "../builder.ts";
import { pageInfo, pageSize } from "../common/page.ts";
import { ChatListConnection, type ChatListItem } from "./types.ts";

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

builder.queryField("unreadTotal", (t) =>
  t.int({
    description: "Unread messages over all chats, not counting chats with do-not-disturb on.",
    resolve: (_root, _args, ctx) => unreadTotal(ctx.prisma, requireViewer(ctx).userId),
  }),
);
