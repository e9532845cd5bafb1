import { requireViewer } from "../../context.ts";
import { openDirectChat } from "../../domain/chats.ts";
import { markRead } from "../../domain/reads.ts";
import { hideChat, updateSettings } from "../../domain/settings.ts";
import { parseSeq } from "../../domain/validate.ts";
import { badInput, parseBigId, parseId } from "../../errors.ts";
import { builder } from "../builder.ts";
import { loadEntry } from "./entry.ts";

builder.mutationField("openDirectChat", (t) =>
  t.prismaField({
    type: "ChatEntry",
    description: "Finds or creates the one direct chat between the caller and a user.",
    args: { userId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const { userId } = requireViewer(ctx);
      const chatId = await openDirectChat(ctx, userId, parseId(args.userId, "userId"));
      return loadEntry(ctx, query, userId, chatId);
    },
  }),
);

builder.mutationField("markChatRead", (t) =>
  t.prismaField({
    type: "ChatEntry",
    description:
      "Moves the caller's read watermark forward (never back) to upTo (a message id) or upToSeq (v2), at most one of them (else BAD_USER_INPUT); neither: the newest message.",
    args: { chatId: t.arg.id({ required: true }), upTo: t.arg.id(), upToSeq: t.arg.int() },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const chatId = parseId(args.chatId, "chatId");
      if (args.upTo && typeof args.upToSeq === "number") throw badInput("upToSeq", "give upTo or upToSeq, not both");
      const upTo = args.upTo
        ? { id: parseBigId(args.upTo, "upTo") }
        : typeof args.upToSeq === "number"
          ? { seq: parseSeq(args.upToSeq, "upToSeq") }
          : null;
      await markRead(ctx, viewer, chatId, upTo);
      return loadEntry(ctx, query, viewer.userId, chatId);
    },
  }),
);

const ChatSettingsInput = builder.inputType("ChatSettingsInput", {
  fields: (t) => ({
    pinned: t.boolean(),
    folded: t.boolean(),
    doNotDisturb: t.boolean(),
    remark: t.string(),
    nickname: t.string(),
    showInContacts: t.boolean(),
  }),
});

builder.mutationField("updateChatSettings", (t) =>
  t.prismaField({
    type: "ChatEntry",
    description:
      "The caller's own settings for a chat: pin, fold, do-not-disturb, private remark, group nickname, show in contacts.",
    args: { chatId: t.arg.id({ required: true }), input: t.arg({ type: ChatSettingsInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const chatId = parseId(args.chatId, "chatId");
      await updateSettings(ctx, viewer, chatId, args.input);
      return loadEntry(ctx, query, viewer.userId, chatId);
    },
  }),
);

builder.mutationField("hideChat", (t) =>
  t.boolean({
    description: "Removes the chat from the caller's recent list until its next message.",
    args: { chatId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const viewer = requireViewer(ctx);
      const chatId = parseId(args.chatId, "chatId");
      await hideChat(ctx, viewer, chatId);
      return true;
    },
  }),
);
