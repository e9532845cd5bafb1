import type { Context } from "../../context.ts";
import { requireViewer } from "../../context.ts";
import * as groups from "../../domain/groups.ts";
import { parseId } from "../../errors.ts";
import { publishChatChanged, publishChatDissolved, publishEntryChanged, publishMembership } from "../../pubsub.ts";
import { builder } from "../builder.ts";
import { loadEntry } from "../chats/entry.ts";

const CreateGroupInput = builder.inputType("CreateGroupInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    memberIds: t.idList({ required: true }),
    announcement: t.string(),
    thumbFileId: t.id(),
  }),
});

const UpdateGroupInput = builder.inputType("UpdateGroupInput", {
  fields: (t) => ({ name: t.string(), announcement: t.string(), thumbFileId: t.id() }),
});

const ids = (ctx: Context, args: { chatId: string; userId?: string }) => ({
  me: requireViewer(ctx).userId,
  chatId: parseId(args.chatId, "chatId"),
  userId: args.userId === undefined ? 0 : parseId(args.userId, "userId"),
});

const loadChat = (ctx: Context, query: object, chatId: number) =>
  ctx.prisma.chat.findUniqueOrThrow({ ...query, where: { id: chatId } });

const loadMember = (ctx: Context, query: object, chatId: number, userId: number) =>
  ctx.prisma.chatMember.findUniqueOrThrow({ ...query, where: { chatId_userId: { chatId, userId } } });

builder.mutationField("createGroup", (t) =>
  t.prismaField({
    type: "ChatEntry",
    args: { input: t.arg({ type: CreateGroupInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const me = requireViewer(ctx).userId;
      const memberIds = input.memberIds.map((id) => parseId(id, "memberIds"));
      const { chatId, memberIds: all } = await groups.createGroup(ctx.prisma, me, { ...input, memberIds });
      publishMembership(ctx.pubsub, all, chatId, true);
      return loadEntry(ctx, query, me, chatId);
    },
  }),
);

builder.mutationField("updateGroup", (t) =>
  t.prismaField({
    type: "Chat",
    description: "Owner or admins: name, announcement, thumbnail.",
    args: { chatId: t.arg.id({ required: true }), input: t.arg({ type: UpdateGroupInput, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const { me, chatId } = ids(ctx, args);
      await groups.updateGroup(ctx.prisma, me, chatId, args.input);
      publishChatChanged(ctx.pubsub, chatId);
      return loadChat(ctx, query, chatId);
    },
  }),
);

builder.mutationField("setGroupMuted", (t) =>
  t.prismaField({
    type: "Chat",
    description: "Owner or admins: while muted only the owner and admins may send.",
    args: { chatId: t.arg.id({ required: true }), muted: t.arg.boolean({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const { me, chatId } = ids(ctx, args);
      await groups.setGroupMuted(ctx.prisma, me, chatId, args.muted);
      publishChatChanged(ctx.pubsub, chatId);
      return loadChat(ctx, query, chatId);
    },
  }),
);

builder.mutationField("setMemberMuted", (t) =>
  t.prismaField({
    type: "ChatMember",
    description: "Owner or admins: mute one member.",
    args: {
      chatId: t.arg.id({ required: true }),
      userId: t.arg.id({ required: true }),
      muted: t.arg.boolean({ required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const { me, chatId, userId } = ids(ctx, args);
      await groups.setMemberMuted(ctx.prisma, me, chatId, userId, args.muted);
      publishEntryChanged(ctx.pubsub, userId, chatId, null);
      return loadMember(ctx, query, chatId, userId);
    },
  }),
);

builder.mutationField("setGroupAdmin", (t) =>
  t.prismaField({
    type: "ChatMember",
    description: "Owner only.",
    args: {
      chatId: t.arg.id({ required: true }),
      userId: t.arg.id({ required: true }),
      admin: t.arg.boolean({ required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const { me, chatId, userId } = ids(ctx, args);
      await groups.setAdmin(ctx.prisma, me, chatId, userId, args.admin);
      publishEntryChanged(ctx.pubsub, userId, chatId, null);
      return loadMember(ctx, query, chatId, userId);
    },
  }),
);

builder.mutationField("removeGroupMember", (t) =>
  t.boolean({
    args: { chatId: t.arg.id({ required: true }), userId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { me, chatId, userId } = ids(ctx, args);
      await groups.removeMember(ctx.prisma, me, chatId, userId);
      publishMembership(ctx.pubsub, [userId], chatId, false);
      publishChatChanged(ctx.pubsub, chatId);
      return true;
    },
  }),
);

builder.mutationField("leaveGroup", (t) =>
  t.boolean({
    args: { chatId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { me, chatId } = ids(ctx, args);
      await groups.leaveGroup(ctx.prisma, me, chatId);
      publishMembership(ctx.pubsub, [me], chatId, false);
      publishChatChanged(ctx.pubsub, chatId);
      return true;
    },
  }),
);

builder.mutationField("dissolveGroup", (t) =>
  t.boolean({
    description: "Owner only.",
    args: { chatId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { me, chatId } = ids(ctx, args);
      const members = await groups.dissolveGroup(ctx.prisma, me, chatId);
      publishChatDissolved(ctx.pubsub, chatId);
      publishMembership(ctx.pubsub, members, chatId, false);
      return true;
    },
  }),
);

builder.mutationField("transferGroupOwnership", (t) =>
  t.prismaField({
    type: "Chat",
    description: "Owner only.",
    args: { chatId: t.arg.id({ required: true }), userId: t.arg.id({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const { me, chatId, userId } = ids(ctx, args);
      await groups.transferOwnership(ctx.prisma, me, chatId, userId);
      publishEntryChanged(ctx.pubsub, userId, chatId, null);
      publishEntryChanged(ctx.pubsub, me, chatId, null);
      publishChatChanged(ctx.pubsub, chatId);
      return loadChat(ctx, query, chatId);
    },
  }),
);
