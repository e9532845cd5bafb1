import { filter, map, pipe } from "graphql-yoga";
import { requireViewer } from "../../context.ts";
import { parseId } from "../../errors.ts";
import { type LiveEvent, viewerEvents } from "../../im/live.ts";
import { builder } from "../builder.ts";

type MessageEvent = Extract<LiveEvent, { source: "chat" }>["event"] & { kind: "message" };

// Repeater-based operators: an unsubscribe reaches the source even while it waits for an event.
const messagesOf = (events: AsyncIterable<LiveEvent>) =>
  pipe(
    events,
    filter((e: LiveEvent) => e.source === "chat" && e.event.kind === "message"),
    map((e: LiveEvent) => e.event as MessageEvent),
  );

builder.subscriptionField("messageAdded", (t) =>
  t.prismaField({
    type: "Message",
    description: "New messages in the caller's chats, or in one chat; on every device of the caller.",
    args: { chatId: t.arg.id() },
    subscribe: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const chatId = args.chatId ? parseId(args.chatId, "chatId") : null;
      return messagesOf(viewerEvents(ctx.prisma, ctx.pubsub, viewer.userId, chatId));
    },
    resolve: (query, event: MessageEvent, _args, ctx) =>
      ctx.prisma.message.findUniqueOrThrow({ ...query, where: { id: BigInt(event.messageId) } }),
  }),
);
