import { requireViewer } from "../../context.ts";
import { deleteMessage, sendMessage } from "../../domain/messages.ts";
import { parseBigId, parseId } from "../../errors.ts";
import { builder } from "../builder.ts";
import { relationQuery } from "../common/relations.ts";
import { Message, MessageType } from "./types.ts";

const LocationInput = builder.inputType("LocationInput", {
  fields: (t) => ({
    latitude: t.float({ required: true }),
    longitude: t.float({ required: true }),
    cityCode: t.int(),
    address: t.string(),
  }),
});

const SendMessageInput = builder.inputType("SendMessageInput", {
  fields: (t) => ({
    chatId: t.id({ required: true }),
    type: t.field({ type: MessageType, required: true }),
    text: t.string(),
    fileId: t.id(),
    location: t.field({ type: LocationInput }),
    clientMessageId: t.string({ description: "Client-generated key that makes a retried send safe." }),
    replyToId: t.id({ description: "v2. A message of the same chat." }),
    mentionIds: t.idList({ description: "v2. Members of the chat to mention." }),
    mentionAll: t.boolean({ description: "v2. Mention everyone; owner and admins only." }),
  }),
});

builder.mutationField("sendMessage", (t) =>
  // The stored row answers a selection of columns; a relation selected here needs the query.
  t.field({
    type: Message,
    description:
      "clientMessageId is an idempotency key per sender: a retry with the same key and the same request (chat, type, " +
      "text, fileId, location) returns the first message, even if it was deleted since; the same key with another " +
      "chat or content is CONFLICT.",
    args: { input: t.arg({ type: SendMessageInput, required: true }) },
    resolve: async (_root, { input }, ctx, info) => {
      const chatId = parseId(input.chatId, "input.chatId");
      // Planned first, as a prismaField would: nothing is stored if the selection cannot be.
      const query = await relationQuery(ctx, info);
      const { message } = await sendMessage(ctx, requireViewer(ctx), {
        ...input,
        chatId,
        replyToId: input.replyToId ? parseBigId(input.replyToId, "input.replyToId") : null,
        mentionIds: input.mentionIds?.map((id) => parseId(id, "input.mentionIds")),
      });
      if (!query) return message;
      return ctx.prisma.message.findUniqueOrThrow({ ...query, where: { id: message.id } });
    },
  }),
);

builder.mutationField("deleteMessage", (t) =>
  t.prismaField({
    type: "Message",
    description:
      "Soft delete by the sender; in a group also by the owner, or by an admin for a plain member's message.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const message = await deleteMessage(ctx, requireViewer(ctx).userId, parseBigId(args.id, "id"));
      return ctx.prisma.message.findUniqueOrThrow({ ...query, where: { id: message.id } });
    },
  }),
);
