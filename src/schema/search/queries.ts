import { queryFromInfo } from "@pothos/plugin-prisma";
import { requireViewer } from "../../context.ts";
import { searchMessages } from "../../domain/search.ts";
import { badInput, parseId } from "../../errors.ts";
import { builder } from "../builder.ts";
import { pageInfo, pageSize } from "../common/page.ts";
import { type Message, MessageConnection } from "../messages/types.ts";

builder.queryField("searchMessages", (t) =>
  t.field({
    type: MessageConnection,
    description:
      "v2. Messages the caller can see whose text contains the query (any script, CJK included), newest first; in one chat or all of the caller's chats. The query is 1 to 100 characters, matched case-insensitively as a substring (%, _ and \\ match themselves); deleted messages never match; first: 1..100, default 20. A query with 3 or more letters or digits in a row is served by an index and each page is complete. A shorter one (a Chinese word of 1 or 2 characters) reads the caller's messages newest first, at most SEARCH_SCAN_LIMIT per call: when that runs out before the page is full, the page holds what was found (maybe nothing), hasNextPage is true and endCursor points at the last message read, so asking again with after: endCursor goes on. Rate limited per caller (RATE_LIMIT_SEARCH_PER_MINUTE).",
    args: {
      query: t.arg.string({ required: true }),
      chatId: t.arg.id(),
      first: t.arg.int(),
      after: t.arg.string(),
    },
    resolve: async (_root, args, ctx, info) => {
      const me = requireViewer(ctx).userId;
      const first = pageSize(args.first, "first", badInput);
      const chatId = args.chatId == null ? null : parseId(args.chatId, "chatId");
      const found = await searchMessages(ctx, me, { query: args.query, chatId, first, after: args.after ?? null });
      const query = queryFromInfo({ context: ctx, info, path: ["edges", "node"], typeName: "Message" });
      const rows = await ctx.prisma.message.findMany({ ...query, where: { id: { in: found.ids } } });
      const byId = new Map(rows.map((m) => [m.id, m as typeof Message.$inferType]));
      const edges = found.ids.flatMap((id) => {
        const node = byId.get(id);
        return node ? [{ cursor: id.toString(), node }] : [];
      });
      const page = pageInfo(edges, found.hasNextPage, args.after != null);
      return { edges, pageInfo: { ...page, endCursor: found.endCursor } };
    },
  }),
);
