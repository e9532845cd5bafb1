import { queryFromInfo } from "@pothos/plugin-prisma";
import { requireViewer } from "../../context.ts";
import { requireMember } from "../../domain/chats.ts";
import { parseSeqCursor } from "../../domain/messages.ts";
import { badInput, parseId } from "../../errors.ts";
import { builder } from "../builder.ts";
import { pageInfo, pageSize } from "../common/page.ts";
import { Message, MessageConnection } from "./types.ts";

builder.queryField("messages", (t) =>
  t.connection(
    {
      type: Message,
      description: "A chat's history. Forward pagination from the oldest, backward (last/before) from the newest.",
      args: { chatId: t.arg.id({ required: true }) },
      resolve: async (_root, args, ctx, info) => {
        const chatId = parseId(args.chatId, "chatId");
        await requireMember(ctx.prisma, chatId, requireViewer(ctx).userId);
        const backward = args.last != null || args.before != null;
        if (backward && (args.first != null || args.after != null))
          throw badInput("first", "use first/after or last/before, not both");
        const size = backward ? pageSize(args.last, "last", badInput) : pageSize(args.first, "first", badInput);
        const after = parseSeqCursor(args.after, "after");
        const before = parseSeqCursor(args.before, "before");
        const query = queryFromInfo({ context: ctx, info, path: ["edges", "node"], typeName: "Message" });
        const rows = await ctx.prisma.message.findMany({
          ...query,
          where: {
            chatId,
            seq: backward ? (before === null ? undefined : { lt: before }) : after === null ? undefined : { gt: after },
          },
          orderBy: { seq: backward ? "desc" : "asc" },
          take: size + 1,
        });
        const more = rows.length > size;
        const page = rows.slice(0, size);
        if (backward) page.reverse();
        const edges = page.map((node) => ({ cursor: String(node.seq), node }));
        return {
          edges,
          pageInfo: pageInfo(edges, backward ? before !== null : more, backward ? more : after !== null && after > 0),
        };
      },
    },
    MessageConnection,
  ),
);
