import type { Context } from "../../context.ts";
import { speakRefusal } from "../../domain/roles.ts";
import { ChatType as ChatTypeValues, MemberRole as MemberRoleValues } from "../../generated/prisma/enums.ts";
import { imageUrl } from "../attachments/loaders.ts";
import { builder } from "../builder.ts";
import { unreadMentionLoader } from "../messages/loaders.ts";
import { Message } from "../messages/types.ts";
import { User } from "../users/types.ts";

export const ChatType = builder.enumType(ChatTypeValues, {
  name: "ChatType",
  values: {
    DEVICES: { description: "A chat between the caller's own devices." },
    DIRECT: {},
    GROUP: {},
  },
});

/** The viewer's own membership row, selected with the chat: member-only fields cost no query. */
const viewerMembership = (ctx: Context) => ({
  members: { where: { userId: ctx.viewer?.userId ?? 0 }, select: { userId: true }, take: 1 },
});
const isMember = (chat: { members: unknown[] }) => chat.members.length > 0;

/** A non-member (a join request's or an invitation's group) sees only what a join screen needs. */
export const Chat = builder.prismaObject("Chat", {
  fields: (t) => ({
    id: t.exposeID("id"),
    type: t.expose("type", { type: ChatType }),
    name: t.exposeString("name"),
    announcement: t.string({
      description: "Empty for a non-member.",
      select: (_args, ctx) => ({ announcement: true, ...viewerMembership(ctx) }),
      resolve: (c) => (isMember(c) ? c.announcement : ""),
    }),
    thumbFileId: t.exposeID("thumbFileId", { nullable: true }),
    thumbUrl: t.string({
      nullable: true,
      description: "v2. A URL a browser can load directly, or null.",
      select: { thumbFileId: true },
      resolve: (c, _args, ctx) => imageUrl(ctx, c.thumbFileId),
    }),
    owner: t.field({
      type: User,
      nullable: true,
      description: "Null for a non-member.",
      select: (_args, ctx, nested) => ({ owner: nested(true), ...viewerMembership(ctx) }),
      resolve: (c) => (isMember(c) ? c.owner : null),
    }),
    muted: t.boolean({
      description: "False for a non-member.",
      select: (_args, ctx) => ({ muted: true, ...viewerMembership(ctx) }),
      resolve: (c) => isMember(c) && c.muted,
    }),
    memberCount: t.exposeInt("memberCount"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const MemberRole = builder.enumType(MemberRoleValues, { name: "MemberRole", description: "v2." });

export const ChatMember = builder.prismaObject("ChatMember", {
  select: { chatId: true, userId: true, role: true },
  fields: (t) => ({
    id: t.id({
      description: "v2. Stable per chat and user (normalized client caches key on it).",
      resolve: (m) => `${m.chatId}:${m.userId}`,
    }),
    role: t.field({
      type: MemberRole,
      description: "v2. MEMBER outside groups.",
      select: { chat: { select: { type: true } } },
      resolve: (m) => (m.chat.type === "GROUP" ? m.role : "MEMBER"),
    }),
    user: t.relation("user"),
    nickname: t.exposeString("nickname", { nullable: true }),
    isOwner: t.boolean({ resolve: (m) => m.role === "OWNER" }),
    isAdmin: t.boolean({ resolve: (m) => m.role === "ADMIN" }),
    muted: t.exposeBoolean("muted"),
    joinedAt: t.expose("joinedAt", { type: "DateTime" }),
    readSeq: t.int({
      description: "v2. The seq of the last message this member has read.",
      select: { entry: { select: { readSeq: true } } },
      resolve: (m) => m.entry?.readSeq ?? 0,
    }),
  }),
});

export const ChatMemberConnection = builder.connectionObject({ type: ChatMember, name: "ChatMemberConnection" });

const memberSettings = {
  member: {
    select: {
      role: true,
      nickname: true,
      remark: true,
      doNotDisturb: true,
      folded: true,
      showInContacts: true,
      muted: true,
    },
  },
} as const;

/** The caller's row in the recent list (a ChatEntry, with its membership and the chat). */
export const ChatListItem = builder.prismaObject("ChatEntry", {
  name: "ChatListItem",
  select: { userId: true, chatId: true, ...memberSettings },
  fields: (t) => ({
    id: t.id({
      description: "v2. Stable per caller and chat (normalized client caches key on it): the chat's id.",
      resolve: (e) => e.chatId,
    }),
    role: t.field({
      type: MemberRole,
      nullable: true,
      description: "v2. The caller's role in a GROUP; null for other chats.",
      select: { chat: { select: { type: true } } },
      resolve: (e) => (e.chat.type === "GROUP" ? e.member.role : null),
    }),
    readSeq: t.exposeInt("readSeq", { description: "v2. The seq of the last message the caller has read (0: none)." }),
    peerReadSeq: t.int({
      nullable: true,
      description: "v2. DIRECT: the seq of the last message the peer has read (read receipts).",
      // The other entry of a DIRECT chat, selected with the page (one batched read, not one per row).
      select: (_args, ctx) => ({
        chat: {
          select: {
            type: true,
            entries: {
              where: { userId: { not: ctx.viewer?.userId ?? 0 }, chat: { type: "DIRECT" } },
              select: { readSeq: true },
              take: 1,
            },
          },
        },
      }),
      resolve: (e) => (e.chat.type === "DIRECT" ? (e.chat.entries[0]?.readSeq ?? 0) : null),
    }),
    chat: t.relation("chat"),
    title: t.string({
      description:
        "The caller's remark, else the group name, the peer's nickname (or friend remark), or the device chat's name.",
      select: (_args, ctx) => ({
        chat: { select: { name: true } },
        peer: {
          select: {
            nickname: true,
            friendOf: { where: { userId: ctx.viewer?.userId ?? 0 }, select: { remark: true }, take: 1 },
          },
        },
      }),
      resolve: (e) => e.member.remark || (e.peer ? e.peer.friendOf[0]?.remark || e.peer.nickname : e.chat.name),
    }),
    unreadCount: t.int({
      description:
        "Messages after your read watermark. A member who joins a group starts read up to its last message " +
        "at that moment: only what comes after counts as unread; what came before stays readable as history.",
      select: { readSeq: true, chat: { select: { lastSeq: true } } },
      resolve: (e) => Math.max(0, e.chat.lastSeq - e.readSeq),
    }),
    unreadMentionCount: t.int({
      description: "v2. Unread messages that mention the caller (or everyone).",
      resolve: (e, _args, ctx) => unreadMentionLoader(ctx).load({ userId: e.userId, chatId: e.chatId }),
    }),
    readUpTo: t.id({
      nullable: true,
      select: { readMessageId: true },
      resolve: (e) => e.readMessageId?.toString() ?? null,
    }),
    lastMessage: t.field({
      type: Message,
      nullable: true,
      select: (_args, _ctx, nested) => ({ chat: { select: { lastMessage: nested(true) } } }),
      resolve: (e) => e.chat.lastMessage,
    }),
    lastActivityAt: t.field({
      type: "DateTime",
      select: { activityAt: true, chat: { select: { lastActivityAt: true } } },
      resolve: (e) => new Date(Math.max(e.chat.lastActivityAt.getTime(), e.activityAt.getTime())),
    }),
    pinned: t.boolean({ select: { pinned: true }, resolve: (e) => e.pinned }),
    hidden: t.boolean({
      description: "Hidden from the recent list (hideChat) until the chat's next message.",
      select: { hiddenSeq: true, chat: { select: { lastSeq: true } } },
      resolve: (e) => e.hiddenSeq !== null && e.chat.lastSeq <= e.hiddenSeq,
    }),
    folded: t.boolean({ resolve: (e) => e.member.folded }),
    doNotDisturb: t.boolean({ resolve: (e) => e.member.doNotDisturb }),
    showInContacts: t.boolean({ resolve: (e) => e.member.showInContacts }),
    remark: t.string({ nullable: true, resolve: (e) => e.member.remark }),
    nickname: t.string({
      nullable: true,
      description: "The caller's nickname in this group.",
      resolve: (e) => e.member.nickname,
    }),
    isOwner: t.boolean({ resolve: (e) => e.member.role === "OWNER" }),
    isAdmin: t.boolean({ resolve: (e) => e.member.role === "ADMIN" }),
    meMuted: t.boolean({
      description: "True when the caller itself is muted in this group.",
      resolve: (e) => e.member.muted,
    }),
    canSend: t.boolean({
      description:
        "False when the group is muted and the caller is no owner or admin, or the caller is muted; with DIRECT_CHAT_POLICY=friends, also in a direct chat with someone who is not a friend (a block is not shown).",
      select: (_args, ctx) => ({
        chat: { select: { type: true, muted: true, isDeleted: true } },
        // The same relation arguments as title's, so the two selections merge into one.
        peer: { select: { friendOf: { where: { userId: ctx.viewer?.userId ?? 0 }, select: { type: true }, take: 1 } } },
      }),
      resolve: (e, _args, ctx) =>
        speakRefusal({ ...e.member, chat: e.chat }) === null &&
        !(ctx.config.directChatPolicy === "friends" && e.peer && e.peer.friendOf[0]?.type !== "FRIEND"),
    }),
    peer: t.relation("peer", { nullable: true, description: "The other user of a DIRECT chat." }),
  }),
});

export const ChatListConnection = builder.connectionObject({ type: ChatListItem, name: "ChatListConnection" });
