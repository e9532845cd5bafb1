import type { Context } from "../../context.ts";
import { requireViewer } from "../../context.ts";
import * as groups from "../../domain/groups.ts";
import { parseId } from "../../errors.ts";
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
      const chatId = await groups.createGroup(ctx, me, { ...input, memberIds });
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
      await groups.updateGroup(ctx, me, chatId, args.input);
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
      await groups.setGroupMuted(ctx, me, chatId, args.muted);
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
      await groups.setMemberMuted(ctx, me, chatId, userId, args.muted);
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
      await groups.setAdmin(ctx, me, chatId, userId, args.admin);
      return loadMember(ctx, query, chatId, userId);
    },
  }),
);

builder.mutationField("removeGroupMember", (t) =>
  t.boolean({
    args: { chatId: t.arg.id({ required: true }), userId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { me, chatId, userId } = ids(ctx, args);
      await groups.removeMember(ctx, me, chatId, userId);
      return true;
    },
  }),
);

builder.mutationField("leaveGroup", (t) =>
  t.boolean({
    args: { chatId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const { me, chatId } = ids(ctx, args);
      await groups.leaveGroup(ctx, me, chatId);
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
      await groups.dissolveGroup(ctx, me, chatId);
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
      await groups.transferOwnership(ctx, me, chatId, userId);
      return loadChat(ctx, query, chatId);
    },
  }),
);
