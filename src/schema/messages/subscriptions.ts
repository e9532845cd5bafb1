import type { GraphQLResolveInfo } from "graphql";
import { type Context, requireViewer } from "../../context.ts";
import { parseId } from "../../errors.ts";
import { messageOfEvent } from "../../pubsub.ts";
import { type MessageEvent, messageStream, replayPositions } from "../../runtime/catchup.ts";
import { builder } from "../builder.ts";
import { reachesRelation, relationQuery } from "../common/relations.ts";
import { deliveredFor } from "./loaders.ts";
import { Message } from "./types.ts";

const ChatSeqInput = builder.inputType("ChatSeqInput", {
  description: "The last seq a client has seen in a chat.",
  fields: (t) => ({ chatId: t.id({ required: true }), seq: t.int({ required: true }) }),
});

builder.subscriptionField("messageAdded", (t) =>
  t.field({
    type: Message,
    description:
      "New messages in the caller's chats, or in one chat; on every device of the caller. With afterSeq (and chatId) or after (per chat), the stored messages after those seqs come first, then live ones, with no gap and no duplicate.",
    args: {
      chatId: t.arg.id(),
      afterSeq: t.arg.int({ description: "With chatId: replay the messages after this seq first." }),
      after: t.arg({ type: [ChatSeqInput], description: "Replay each chat's messages after its seq first." }),
    },
    subscribe: (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const chatId = args.chatId ? parseId(args.chatId, "chatId") : null;
      const list = args.after?.map((p) => ({ chatId: parseId(p.chatId, "after.chatId"), seq: p.seq }));
      const positions = replayPositions(chatId, args.afterSeq, list);
      return messageStream(ctx.prisma, ctx.pubsub, viewer.userId, chatId, positions);
    },
    // The event carries the row: a selection of columns needs no read, and is answered at once
    // (no promise: graphql-js completes the event's whole result synchronously); relations are
    // read once per instance for all the subscribers with the same selection.
    // Its reactions too are read once per instance (`deliveredFor`).
    resolve: (event: MessageEvent, _args, ctx, info) =>
      reachesRelation(info) ? withRelations(event, ctx, info) : added(event, messageOfEvent(event.message)),
  }),
);

/** The row answered for a new message, marked so its reactions are read once per instance for it. */
function added<T extends object>(event: MessageEvent, row: T): T {
  return deliveredFor(row, `added:${event.messageId}`);
}

/** The event's message read with the relations its selection reaches (one read per instance). */
async function withRelations(event: MessageEvent, ctx: Context, info: GraphQLResolveInfo) {
  const query = await relationQuery(ctx, info);
  if (query === null) return added(event, messageOfEvent(event.message));
  const row = await ctx.messageReads.get(`${event.messageId}:${JSON.stringify(query)}`, () =>
    ctx.prisma.message.findUniqueOrThrow({ ...query, where: { id: BigInt(event.messageId) } }),
  );
  return added(event, row);
}
