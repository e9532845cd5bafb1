/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** The last seq a client has seen in a chat. */
export type ChatSeqInput = {
  chatId: string;
  seq: number;
};

export type ChatSettingsInput = {
  doNotDisturb?: boolean | null | undefined;
  folded?: boolean | null | undefined;
  nickname?: string | null | undefined;
  pinned?: boolean | null | undefined;
  remark?: string | null | undefined;
  showInContacts?: boolean | null | undefined;
};

export type ChatType =
  /** A chat between the caller's own devices. */
  | 'DEVICES'
  | 'DIRECT'
  | 'GROUP';

export type CreateGroupInput = {
  announcement?: string | null | undefined;
  memberIds: Array<string>;
  name: string;
  thumbFileId?: string | null | undefined;
};

export type DeviceMacInput = {
  address: string;
  name: string;
};

export type FriendType =
  /** They follow the caller. */
  | 'FOLLOWER'
  /** v2. The caller follows them. */
  | 'FOLLOWING'
  | 'FRIEND';

export type JoinDecision =
  | 'APPROVE'
  | 'IGNORE'
  | 'REJECT';

export type JoinRequestStatus =
  | 'APPROVED'
  | 'IGNORED'
  | 'PENDING'
  | 'REJECTED';

export type JoinRequestType =
  | 'FRIEND'
  | 'GROUP'
  | 'INVITE';

export type LocationInput = {
  address?: string | null | undefined;
  cityCode?: number | null | undefined;
  latitude: number;
  longitude: number;
};

/** v2. */
export type MemberRole =
  | 'ADMIN'
  | 'MEMBER'
  | 'OWNER';

export type MessageType =
  | 'IMAGE'
  | 'LOCATION'
  | 'TEXT'
  | 'VIDEO'
  | 'VOICE';

export type RegisterDeviceInput = {
  arch: string;
  hostname: string;
  /** Interface name to MAC. A browser has no MAC: it sends one entry named h5mac, e.g. android:safari:720. */
  macs: Array<DeviceMacInput>;
  os: string;
};

export type RequestDirection =
  | 'INCOMING'
  | 'OUTGOING';

export type SendMessageInput = {
  chatId: string;
  /** Client-generated key that makes a retried send safe. */
  clientMessageId?: string | null | undefined;
  fileId?: string | null | undefined;
  location?: LocationInput | null | undefined;
  /** v2. Mention everyone; owner and admins only. */
  mentionAll?: boolean | null | undefined;
  /** v2. Members of the chat to mention. */
  mentionIds?: Array<string> | null | undefined;
  /** v2. A message of the same chat. */
  replyToId?: string | null | undefined;
  text?: string | null | undefined;
  type: MessageType;
};

export type UpdateGroupInput = {
  announcement?: string | null | undefined;
  name?: string | null | undefined;
  thumbFileId?: string | null | undefined;
};

export type SetTypingMutationVariables = Exact<{
  chatId: string;
  typing: boolean;
}>;


export type SetTypingMutation = { setTyping: boolean };

export type TypingSubscriptionVariables = Exact<{
  chatId?: string | null | undefined;
}>;


export type TypingSubscription = { typing: { chatId: string, typing: boolean, user: { id: string } } };

export type ReadReceiptSubscriptionVariables = Exact<{
  chatId?: string | null | undefined;
}>;


export type ReadReceiptSubscription = { readReceipt: { chatId: string, readSeq: number, user: { id: string } } };

export type MarkReadUpToSeqMutationVariables = Exact<{
  chatId: string;
  upToSeq?: number | null | undefined;
}>;


export type MarkReadUpToSeqMutation = { markChatRead: { readSeq: number } };

export type ReadPositionsQueryVariables = Exact<{
  chatId: string;
}>;


export type ReadPositionsQuery = { chat: { readSeq: number, peerReadSeq: number | null } | null, chatMembers: { edges: Array<{ node: { readSeq: number, user: { id: string } } }> } };

export type PresenceChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type PresenceChangedSubscription = { presenceChanged: { id: string, online: boolean } };

export type UserOnlineQueryVariables = Exact<{
  id: string;
}>;


export type UserOnlineQuery = { user: { id: string, online: boolean } | null };

export type FriendsOnlineQueryVariables = Exact<{ [key: string]: never; }>;


export type FriendsOnlineQuery = { friends: Array<{ user: { id: string, online: boolean } }> };

export type RecentReadPositionsQueryVariables = Exact<{ [key: string]: never; }>;


export type RecentReadPositionsQuery = { recentChats: { edges: Array<{ node: { readSeq: number, peerReadSeq: number | null } }> } };

export type AttachmentFieldsFragment = { id: string, name: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, durationMs: number | null };

export type UploadFileMutationVariables = Exact<{
  file: unknown;
}>;


export type UploadFileMutation = { uploadFile: { id: string, name: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, durationMs: number | null } };

export type SendFileMessageMutationVariables = Exact<{
  input: SendMessageInput;
}>;


export type SendFileMessageMutation = { sendMessage: { id: string, type: MessageType, fileId: string | null, attachment: { id: string, name: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, durationMs: number | null } | null } };

export type MessageAttachmentsQueryVariables = Exact<{
  chatId: string;
}>;


export type MessageAttachmentsQuery = { messages: { edges: Array<{ node: { id: string, type: MessageType, deleted: boolean, attachment: { id: string, name: string, mimeType: string, size: number, url: string, width: number | null, height: number | null, durationMs: number | null } | null } }> } };

export type SetAvatarMutationVariables = Exact<{
  avatarFileId?: string | null | undefined;
}>;


export type SetAvatarMutation = { updateProfile: { id: string, avatarFileId: string | null, avatarUrl: string | null } };

export type UserAvatarQueryVariables = Exact<{
  id: string;
}>;


export type UserAvatarQuery = { user: { id: string, avatarUrl: string | null } | null };

export type SetGroupThumbMutationVariables = Exact<{
  chatId: string;
  input: UpdateGroupInput;
}>;


export type SetGroupThumbMutation = { updateGroup: { id: string, thumbFileId: string | null, thumbUrl: string | null } };

export type FileMessageAddedSubscriptionVariables = Exact<{
  chatId?: string | null | undefined;
}>;


export type FileMessageAddedSubscription = { messageAdded: { id: string, attachment: { id: string, url: string } | null } };

export type ListItemFragment = { title: string, unreadCount: number, readUpTo: string | null, lastActivityAt: string, pinned: boolean, folded: boolean, doNotDisturb: boolean, remark: string | null, canSend: boolean, chat: { id: string, type: ChatType, name: string, memberCount: number }, lastMessage: { id: string, text: string, seq: number } | null, peer: { id: string, nickname: string } | null };

export type OpenDirectChatMutationVariables = Exact<{
  userId: string;
}>;


export type OpenDirectChatMutation = { openDirectChat: { title: string, unreadCount: number, readUpTo: string | null, lastActivityAt: string, pinned: boolean, folded: boolean, doNotDisturb: boolean, remark: string | null, canSend: boolean, chat: { id: string, type: ChatType, name: string, memberCount: number }, lastMessage: { id: string, text: string, seq: number } | null, peer: { id: string, nickname: string } | null } };

export type RecentChatsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RecentChatsQuery = { recentChats: { edges: Array<{ cursor: string, node: { title: string, unreadCount: number, readUpTo: string | null, lastActivityAt: string, pinned: boolean, folded: boolean, doNotDisturb: boolean, remark: string | null, canSend: boolean, chat: { id: string, type: ChatType, name: string, memberCount: number }, lastMessage: { id: string, text: string, seq: number } | null, peer: { id: string, nickname: string } | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type ChatQueryVariables = Exact<{
  id: string;
}>;


export type ChatQuery = { chat: { title: string, unreadCount: number, readUpTo: string | null, lastActivityAt: string, pinned: boolean, folded: boolean, doNotDisturb: boolean, remark: string | null, canSend: boolean, chat: { id: string, type: ChatType, name: string, memberCount: number }, lastMessage: { id: string, text: string, seq: number } | null, peer: { id: string, nickname: string } | null } | null };

export type UnreadTotalQueryVariables = Exact<{ [key: string]: never; }>;


export type UnreadTotalQuery = { unreadTotal: number };

export type MarkChatReadMutationVariables = Exact<{
  chatId: string;
  upTo?: string | null | undefined;
}>;


export type MarkChatReadMutation = { markChatRead: { title: string, unreadCount: number, readUpTo: string | null, lastActivityAt: string, pinned: boolean, folded: boolean, doNotDisturb: boolean, remark: string | null, canSend: boolean, chat: { id: string, type: ChatType, name: string, memberCount: number }, lastMessage: { id: string, text: string, seq: number } | null, peer: { id: string, nickname: string } | null } };

export type UpdateChatSettingsMutationVariables = Exact<{
  chatId: string;
  input: ChatSettingsInput;
}>;


export type UpdateChatSettingsMutation = { updateChatSettings: { title: string, unreadCount: number, readUpTo: string | null, lastActivityAt: string, pinned: boolean, folded: boolean, doNotDisturb: boolean, remark: string | null, canSend: boolean, chat: { id: string, type: ChatType, name: string, memberCount: number }, lastMessage: { id: string, text: string, seq: number } | null, peer: { id: string, nickname: string } | null } };

export type HideChatMutationVariables = Exact<{
  chatId: string;
}>;


export type HideChatMutation = { hideChat: boolean };

export type ChatListUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ChatListUpdatedSubscription = { chatListUpdated: { unreadCount: number, chat: { id: string }, lastMessage: { text: string } | null } };

export type ChatListRemovedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ChatListRemovedSubscription = { chatListRemoved: string };

export type ChatListHiddenSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ChatListHiddenSubscription = { chatListUpdated: { hidden: boolean, chat: { id: string } } };

export type CachedRecentChatsQueryVariables = Exact<{ [key: string]: never; }>;


export type CachedRecentChatsQuery = { recentChats: { edges: Array<{ cursor: string, node: { id: string, unreadCount: number, lastMessage: { id: string, text: string } | null } }> } };

export type CachedChatListUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type CachedChatListUpdatedSubscription = { chatListUpdated: { id: string, unreadCount: number, lastMessage: { id: string, text: string } | null } };

export type ChatReadStateQueryVariables = Exact<{
  id: string;
}>;


export type ChatReadStateQuery = { chat: { unreadCount: number, readSeq: number, readUpTo: string | null } | null };

export type DevFragment = { id: string, hostname: string, os: string, arch: string, online: boolean, lastSeenAt: string | null, createdAt: string, macs: Array<{ name: string, address: string }> };

export type RegisterDeviceMutationVariables = Exact<{
  input: RegisterDeviceInput;
}>;


export type RegisterDeviceMutation = { registerDevice: { id: string, hostname: string, os: string, arch: string, online: boolean, lastSeenAt: string | null, createdAt: string, macs: Array<{ name: string, address: string }> } };

export type HeartbeatMutationVariables = Exact<{
  deviceId: string;
}>;


export type HeartbeatMutation = { heartbeat: { id: string, hostname: string, os: string, arch: string, online: boolean, lastSeenAt: string | null, createdAt: string, macs: Array<{ name: string, address: string }> } };

export type RemoveDeviceMutationVariables = Exact<{
  deviceId: string;
}>;


export type RemoveDeviceMutation = { removeDevice: boolean };

export type DevicesQueryVariables = Exact<{ [key: string]: never; }>;


export type DevicesQuery = { devices: Array<{ id: string, hostname: string, os: string, arch: string, online: boolean, lastSeenAt: string | null, createdAt: string, macs: Array<{ name: string, address: string }> }> };

export type DeviceChatQueryVariables = Exact<{
  id: string;
}>;


export type DeviceChatQuery = { chat: { title: string, chat: { id: string, type: ChatType, name: string, thumbFileId: string | null, devices: Array<{ id: string }> | null } } | null };

export type FindUserQueryVariables = Exact<{
  username?: string | null | undefined;
  externalId?: string | null | undefined;
}>;


export type FindUserQuery = { findUser: { id: string, username: string, externalId: string | null } | null };

export type SearchMessagesQueryVariables = Exact<{
  query: string;
  chatId?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type SearchMessagesQuery = { searchMessages: { edges: Array<{ cursor: string, node: { id: string, chatId: string, text: string, deleted: boolean, chat: { id: string } } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type BlockUserMutationVariables = Exact<{
  userId: string;
}>;


export type BlockUserMutation = { blockUser: boolean };

export type UnblockUserMutationVariables = Exact<{
  userId: string;
}>;


export type UnblockUserMutation = { unblockUser: boolean };

export type BlockedUsersQueryVariables = Exact<{ [key: string]: never; }>;


export type BlockedUsersQuery = { blockedUsers: Array<{ id: string }> };

export type GroupViewFragment = { id: string, type: ChatType, name: string, thumbFileId: string | null, thumbUrl: string | null, memberCount: number, announcement: string, muted: boolean, owner: { id: string, username: string } | null, devices: Array<{ id: string }> | null };

export type RequestJoinGroupViewMutationVariables = Exact<{
  chatId: string;
}>;


export type RequestJoinGroupViewMutation = { requestJoinGroup: { id: string, chat: { id: string, type: ChatType, name: string, thumbFileId: string | null, thumbUrl: string | null, memberCount: number, announcement: string, muted: boolean, owner: { id: string, username: string } | null, devices: Array<{ id: string }> | null } | null } };

export type JoinRequestsViewQueryVariables = Exact<{
  direction: RequestDirection;
}>;


export type JoinRequestsViewQuery = { joinRequests: Array<{ id: string, type: JoinRequestType, status: JoinRequestStatus, requester: { id: string }, chat: { id: string, type: ChatType, name: string, thumbFileId: string | null, thumbUrl: string | null, memberCount: number, announcement: string, muted: boolean, owner: { id: string, username: string } | null, devices: Array<{ id: string }> | null } | null }> };

export type CreateGroupMutationVariables = Exact<{
  input: CreateGroupInput;
}>;


export type CreateGroupMutation = { createGroup: { isOwner: boolean, isAdmin: boolean, canSend: boolean, chat: { id: string, type: ChatType, name: string, memberCount: number, owner: { id: string } | null } } };

export type UpdateGroupMutationVariables = Exact<{
  chatId: string;
  input: UpdateGroupInput;
}>;


export type UpdateGroupMutation = { updateGroup: { id: string, name: string, announcement: string, thumbFileId: string | null } };

export type SetGroupMutedMutationVariables = Exact<{
  chatId: string;
  muted: boolean;
}>;


export type SetGroupMutedMutation = { setGroupMuted: { id: string, muted: boolean } };

export type SetMemberMutedMutationVariables = Exact<{
  chatId: string;
  userId: string;
  muted: boolean;
}>;


export type SetMemberMutedMutation = { setMemberMuted: { muted: boolean, user: { id: string } } };

export type SetGroupAdminMutationVariables = Exact<{
  chatId: string;
  userId: string;
  admin: boolean;
}>;


export type SetGroupAdminMutation = { setGroupAdmin: { isAdmin: boolean, user: { id: string } } };

export type RemoveGroupMemberMutationVariables = Exact<{
  chatId: string;
  userId: string;
}>;


export type RemoveGroupMemberMutation = { removeGroupMember: boolean };

export type LeaveGroupMutationVariables = Exact<{
  chatId: string;
}>;


export type LeaveGroupMutation = { leaveGroup: boolean };

export type DissolveGroupMutationVariables = Exact<{
  chatId: string;
}>;


export type DissolveGroupMutation = { dissolveGroup: boolean };

export type TransferGroupOwnershipMutationVariables = Exact<{
  chatId: string;
  userId: string;
}>;


export type TransferGroupOwnershipMutation = { transferGroupOwnership: { id: string, owner: { id: string } | null } };

export type MembersQueryVariables = Exact<{
  chatId: string;
}>;


export type MembersQuery = { members: Array<{ nickname: string | null, isOwner: boolean, isAdmin: boolean, muted: boolean, joinedAt: string, user: { id: string } }> };

export type ChatMeQueryVariables = Exact<{
  id: string;
}>;


export type ChatMeQuery = { chat: { title: string, isOwner: boolean, isAdmin: boolean, meMuted: boolean, canSend: boolean, nickname: string | null, showInContacts: boolean, chat: { id: string, muted: boolean, memberCount: number, name: string, announcement: string } } | null };

export type ChatMembersQueryVariables = Exact<{
  chatId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ChatMembersQuery = { chatMembers: { edges: Array<{ cursor: string, node: { id: string, role: MemberRole, isOwner: boolean, isAdmin: boolean, joinedAt: string, user: { id: string, nickname: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type HostMeQueryVariables = Exact<{ [key: string]: never; }>;


export type HostMeQuery = { me: { id: string, username: string, nickname: string, externalId: string | null } };

export type FindHostUserQueryVariables = Exact<{
  externalId: string;
}>;


export type FindHostUserQuery = { findUser: { id: string, username: string, nickname: string, externalId: string | null } | null };

export type ChangedFragment = { id: string, chatId: string, seq: number, text: string, deleted: boolean, editedAt: string | null, mentionsAll: boolean, replyTo: { id: string, text: string, deleted: boolean } | null, mentions: Array<{ id: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> };

export type SendRichMutationVariables = Exact<{
  input: SendMessageInput;
}>;


export type SendRichMutation = { sendMessage: { id: string, chatId: string, seq: number, text: string, deleted: boolean, editedAt: string | null, mentionsAll: boolean, replyTo: { id: string, text: string, deleted: boolean } | null, mentions: Array<{ id: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } };

export type EditMessageMutationVariables = Exact<{
  id: string;
  text: string;
}>;


export type EditMessageMutation = { editMessage: { id: string, chatId: string, seq: number, text: string, deleted: boolean, editedAt: string | null, mentionsAll: boolean, replyTo: { id: string, text: string, deleted: boolean } | null, mentions: Array<{ id: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } };

export type AddReactionMutationVariables = Exact<{
  messageId: string;
  emoji: string;
}>;


export type AddReactionMutation = { addReaction: { id: string, chatId: string, seq: number, text: string, deleted: boolean, editedAt: string | null, mentionsAll: boolean, replyTo: { id: string, text: string, deleted: boolean } | null, mentions: Array<{ id: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } };

export type RemoveReactionMutationVariables = Exact<{
  messageId: string;
  emoji: string;
}>;


export type RemoveReactionMutation = { removeReaction: { id: string, chatId: string, seq: number, text: string, deleted: boolean, editedAt: string | null, mentionsAll: boolean, replyTo: { id: string, text: string, deleted: boolean } | null, mentions: Array<{ id: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } };

export type ChangedMessagesQueryVariables = Exact<{
  chatId: string;
  last?: number | null | undefined;
}>;


export type ChangedMessagesQuery = { messages: { edges: Array<{ node: { id: string, chatId: string, seq: number, text: string, deleted: boolean, editedAt: string | null, mentionsAll: boolean, replyTo: { id: string, text: string, deleted: boolean } | null, mentions: Array<{ id: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } }> } };

export type MessageUpdatedSubscriptionVariables = Exact<{
  chatId?: string | null | undefined;
}>;


export type MessageUpdatedSubscription = { messageUpdated: { id: string, chatId: string, seq: number, text: string, deleted: boolean, editedAt: string | null, mentionsAll: boolean, replyTo: { id: string, text: string, deleted: boolean } | null, mentions: Array<{ id: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } };

export type MentionCountsQueryVariables = Exact<{ [key: string]: never; }>;


export type MentionCountsQuery = { recentChats: { edges: Array<{ node: { id: string, unreadCount: number, unreadMentionCount: number, lastMessage: { id: string, text: string, deleted: boolean } | null } }> } };

export type MsgFragment = { id: string, chatId: string, seq: number, senderDeviceId: string | null, type: MessageType, text: string, fileId: string | null, clientMessageId: string | null, deleted: boolean, createdAt: string, sender: { id: string }, location: { latitude: number, longitude: number, cityCode: number | null, address: string } | null };

export type MsgColumnsFragment = { id: string, chatId: string, seq: number, senderDeviceId: string | null, type: MessageType, text: string, fileId: string | null, clientMessageId: string | null, deleted: boolean, createdAt: string, location: { latitude: number, longitude: number, cityCode: number | null, address: string } | null };

export type SendMessageMutationVariables = Exact<{
  input: SendMessageInput;
}>;


export type SendMessageMutation = { sendMessage: { id: string, chatId: string, seq: number, senderDeviceId: string | null, type: MessageType, text: string, fileId: string | null, clientMessageId: string | null, deleted: boolean, createdAt: string, sender: { id: string }, location: { latitude: number, longitude: number, cityCode: number | null, address: string } | null } };

export type DeleteMessageMutationVariables = Exact<{
  id: string;
}>;


export type DeleteMessageMutation = { deleteMessage: { id: string, chatId: string, seq: number, senderDeviceId: string | null, type: MessageType, text: string, fileId: string | null, clientMessageId: string | null, deleted: boolean, createdAt: string, sender: { id: string }, location: { latitude: number, longitude: number, cityCode: number | null, address: string } | null } };

export type MessagesQueryVariables = Exact<{
  chatId: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type MessagesQuery = { messages: { edges: Array<{ cursor: string, node: { id: string, chatId: string, seq: number, senderDeviceId: string | null, type: MessageType, text: string, fileId: string | null, clientMessageId: string | null, deleted: boolean, createdAt: string, sender: { id: string }, location: { latitude: number, longitude: number, cityCode: number | null, address: string } | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type MessageAddedSubscriptionVariables = Exact<{
  chatId?: string | null | undefined;
}>;


export type MessageAddedSubscription = { messageAdded: { id: string, chatId: string, seq: number, senderDeviceId: string | null, type: MessageType, text: string, fileId: string | null, clientMessageId: string | null, deleted: boolean, createdAt: string, sender: { id: string }, location: { latitude: number, longitude: number, cityCode: number | null, address: string } | null } };

export type MessageCatchUpSubscriptionVariables = Exact<{
  chatId?: string | null | undefined;
  afterSeq?: number | null | undefined;
  after?: Array<ChatSeqInput> | ChatSeqInput | null | undefined;
}>;


export type MessageCatchUpSubscription = { messageAdded: { id: string, chatId: string, seq: number, text: string } };

export type MessageColumnsSubscriptionVariables = Exact<{
  chatId?: string | null | undefined;
  afterSeq?: number | null | undefined;
}>;


export type MessageColumnsSubscription = { messageAdded: { id: string, chatId: string, seq: number, senderDeviceId: string | null, type: MessageType, text: string, fileId: string | null, clientMessageId: string | null, deleted: boolean, createdAt: string, location: { latitude: number, longitude: number, cityCode: number | null, address: string } | null } };

export type AddedSharedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AddedSharedSubscription = { messageAdded: { id: string, text: string, sender: { id: string, nickname: string } } };

export type AddedSenderOnlineSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AddedSenderOnlineSubscription = { messageAdded: { id: string, sender: { id: string, online: boolean } } };

export type ReqFragment = { id: string, type: JoinRequestType, status: JoinRequestStatus, message: string | null, createdAt: string, reviewedAt: string | null, requester: { id: string }, targetUser: { id: string } | null, chat: { id: string } | null };

export type RequestFriendMutationVariables = Exact<{
  userId: string;
  message?: string | null | undefined;
}>;


export type RequestFriendMutation = { requestFriend: { id: string, type: JoinRequestType, status: JoinRequestStatus, message: string | null, createdAt: string, reviewedAt: string | null, requester: { id: string }, targetUser: { id: string } | null, chat: { id: string } | null } };

export type RequestJoinGroupMutationVariables = Exact<{
  chatId: string;
  message?: string | null | undefined;
}>;


export type RequestJoinGroupMutation = { requestJoinGroup: { id: string, type: JoinRequestType, status: JoinRequestStatus, message: string | null, createdAt: string, reviewedAt: string | null, requester: { id: string }, targetUser: { id: string } | null, chat: { id: string } | null } };

export type InviteToGroupMutationVariables = Exact<{
  chatId: string;
  userIds: Array<string> | string;
}>;


export type InviteToGroupMutation = { inviteToGroup: Array<{ id: string, type: JoinRequestType, status: JoinRequestStatus, message: string | null, createdAt: string, reviewedAt: string | null, requester: { id: string }, targetUser: { id: string } | null, chat: { id: string } | null }> };

export type ReviewJoinRequestMutationVariables = Exact<{
  id: string;
  decision: JoinDecision;
}>;


export type ReviewJoinRequestMutation = { reviewJoinRequest: { id: string, type: JoinRequestType, status: JoinRequestStatus, message: string | null, createdAt: string, reviewedAt: string | null, requester: { id: string }, targetUser: { id: string } | null, chat: { id: string } | null } };

export type JoinRequestsQueryVariables = Exact<{
  direction: RequestDirection;
  status?: JoinRequestStatus | null | undefined;
}>;


export type JoinRequestsQuery = { joinRequests: Array<{ id: string, type: JoinRequestType, status: JoinRequestStatus, message: string | null, createdAt: string, reviewedAt: string | null, requester: { id: string }, targetUser: { id: string } | null, chat: { id: string } | null }> };

export type JoinRequestUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type JoinRequestUpdatedSubscription = { joinRequestUpdated: { id: string, type: JoinRequestType, status: JoinRequestStatus } };

export type FriendsQueryVariables = Exact<{ [key: string]: never; }>;


export type FriendsQuery = { friends: Array<{ type: FriendType, remark: string | null, createdAt: string, user: { id: string, nickname: string } }> };

export type FollowersQueryVariables = Exact<{ [key: string]: never; }>;


export type FollowersQuery = { followers: Array<{ type: FriendType, user: { id: string } }> };

export type FollowingQueryVariables = Exact<{ [key: string]: never; }>;


export type FollowingQuery = { following: Array<{ id: string, type: FriendType, user: { id: string } }> };

export type ContactsQueryVariables = Exact<{ [key: string]: never; }>;


export type ContactsQuery = { contacts: { friends: Array<{ remark: string | null, user: { id: string } }>, groups: Array<{ title: string, chat: { id: string, name: string } }> } };

export type FollowMutationVariables = Exact<{
  userId: string;
}>;


export type FollowMutation = { follow: { type: FriendType, user: { id: string } } };

export type UnfollowMutationVariables = Exact<{
  userId: string;
}>;


export type UnfollowMutation = { unfollow: boolean };

export type RemoveFriendMutationVariables = Exact<{
  userId: string;
}>;


export type RemoveFriendMutation = { removeFriend: boolean };

export type SetFriendRemarkMutationVariables = Exact<{
  userId: string;
  remark: string;
}>;


export type SetFriendRemarkMutation = { setFriendRemark: { remark: string | null, type: FriendType, user: { id: string } } };

export type SignUpMutationVariables = Exact<{
  username: string;
  password: string;
  nickname: string;
}>;


export type SignUpMutation = { signUp: { token: string, user: { id: string, username: string, nickname: string } } };

export type SignInMutationVariables = Exact<{
  username: string;
  password: string;
}>;


export type SignInMutation = { signIn: { token: string, user: { id: string } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, username: string, nickname: string, avatarFileId: string | null } };

export type UserByIdQueryVariables = Exact<{
  id: string;
}>;


export type UserByIdQuery = { user: { id: string, nickname: string } | null };

export type UpdateProfileMutationVariables = Exact<{
  nickname?: string | null | undefined;
  avatarFileId?: string | null | undefined;
}>;


export type UpdateProfileMutation = { updateProfile: { id: string, nickname: string, avatarFileId: string | null } };

export type SignOutEverywhereMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutEverywhereMutation = { signOutEverywhere: { token: string, user: { id: string } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AttachmentFieldsFragmentDoc = new TypedDocumentString(`
    fragment AttachmentFields on Attachment {
  id
  name
  mimeType
  size
  url
  width
  height
  durationMs
}
    `, {"fragmentName":"AttachmentFields"}) as unknown as TypedDocumentString<AttachmentFieldsFragment, unknown>;
export const ListItemFragmentDoc = new TypedDocumentString(`
    fragment ListItem on ChatListItem {
  chat {
    id
    type
    name
    memberCount
  }
  title
  unreadCount
  readUpTo
  lastMessage {
    id
    text
    seq
  }
  lastActivityAt
  pinned
  folded
  doNotDisturb
  remark
  canSend
  peer {
    id
    nickname
  }
}
    `, {"fragmentName":"ListItem"}) as unknown as TypedDocumentString<ListItemFragment, unknown>;
export const DevFragmentDoc = new TypedDocumentString(`
    fragment Dev on Device {
  id
  hostname
  os
  arch
  macs {
    name
    address
  }
  online
  lastSeenAt
  createdAt
}
    `, {"fragmentName":"Dev"}) as unknown as TypedDocumentString<DevFragment, unknown>;
export const GroupViewFragmentDoc = new TypedDocumentString(`
    fragment GroupView on Chat {
  id
  type
  name
  thumbFileId
  thumbUrl
  memberCount
  announcement
  muted
  owner {
    id
    username
  }
  devices {
    id
  }
}
    `, {"fragmentName":"GroupView"}) as unknown as TypedDocumentString<GroupViewFragment, unknown>;
export const ChangedFragmentDoc = new TypedDocumentString(`
    fragment Changed on Message {
  id
  chatId
  seq
  text
  deleted
  editedAt
  replyTo {
    id
    text
    deleted
  }
  mentions {
    id
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}
    `, {"fragmentName":"Changed"}) as unknown as TypedDocumentString<ChangedFragment, unknown>;
export const MsgColumnsFragmentDoc = new TypedDocumentString(`
    fragment MsgColumns on Message {
  id
  chatId
  seq
  senderDeviceId
  type
  text
  fileId
  location {
    latitude
    longitude
    cityCode
    address
  }
  clientMessageId
  deleted
  createdAt
}
    `, {"fragmentName":"MsgColumns"}) as unknown as TypedDocumentString<MsgColumnsFragment, unknown>;
export const MsgFragmentDoc = new TypedDocumentString(`
    fragment Msg on Message {
  ...MsgColumns
  sender {
    id
  }
}
    fragment MsgColumns on Message {
  id
  chatId
  seq
  senderDeviceId
  type
  text
  fileId
  location {
    latitude
    longitude
    cityCode
    address
  }
  clientMessageId
  deleted
  createdAt
}`, {"fragmentName":"Msg"}) as unknown as TypedDocumentString<MsgFragment, unknown>;
export const ReqFragmentDoc = new TypedDocumentString(`
    fragment Req on JoinRequest {
  id
  type
  status
  requester {
    id
  }
  targetUser {
    id
  }
  chat {
    id
  }
  message
  createdAt
  reviewedAt
}
    `, {"fragmentName":"Req"}) as unknown as TypedDocumentString<ReqFragment, unknown>;
export const SetTypingDocument = new TypedDocumentString(`
    mutation SetTyping($chatId: ID!, $typing: Boolean!) {
  setTyping(chatId: $chatId, typing: $typing)
}
    `) as unknown as TypedDocumentString<SetTypingMutation, SetTypingMutationVariables>;
export const TypingDocument = new TypedDocumentString(`
    subscription Typing($chatId: ID) {
  typing(chatId: $chatId) {
    chatId
    typing
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<TypingSubscription, TypingSubscriptionVariables>;
export const ReadReceiptDocument = new TypedDocumentString(`
    subscription ReadReceipt($chatId: ID) {
  readReceipt(chatId: $chatId) {
    chatId
    readSeq
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ReadReceiptSubscription, ReadReceiptSubscriptionVariables>;
export const MarkReadUpToSeqDocument = new TypedDocumentString(`
    mutation MarkReadUpToSeq($chatId: ID!, $upToSeq: Int) {
  markChatRead(chatId: $chatId, upToSeq: $upToSeq) {
    readSeq
  }
}
    `) as unknown as TypedDocumentString<MarkReadUpToSeqMutation, MarkReadUpToSeqMutationVariables>;
export const ReadPositionsDocument = new TypedDocumentString(`
    query ReadPositions($chatId: ID!) {
  chat(id: $chatId) {
    readSeq
    peerReadSeq
  }
  chatMembers(chatId: $chatId, first: 50) {
    edges {
      node {
        user {
          id
        }
        readSeq
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReadPositionsQuery, ReadPositionsQueryVariables>;
export const PresenceChangedDocument = new TypedDocumentString(`
    subscription PresenceChanged {
  presenceChanged {
    id
    online
  }
}
    `) as unknown as TypedDocumentString<PresenceChangedSubscription, PresenceChangedSubscriptionVariables>;
export const UserOnlineDocument = new TypedDocumentString(`
    query UserOnline($id: ID!) {
  user(id: $id) {
    id
    online
  }
}
    `) as unknown as TypedDocumentString<UserOnlineQuery, UserOnlineQueryVariables>;
export const FriendsOnlineDocument = new TypedDocumentString(`
    query FriendsOnline {
  friends {
    user {
      id
      online
    }
  }
}
    `) as unknown as TypedDocumentString<FriendsOnlineQuery, FriendsOnlineQueryVariables>;
export const RecentReadPositionsDocument = new TypedDocumentString(`
    query RecentReadPositions {
  recentChats(first: 100) {
    edges {
      node {
        readSeq
        peerReadSeq
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RecentReadPositionsQuery, RecentReadPositionsQueryVariables>;
export const UploadFileDocument = new TypedDocumentString(`
    mutation UploadFile($file: Upload!) {
  uploadFile(file: $file) {
    ...AttachmentFields
  }
}
    fragment AttachmentFields on Attachment {
  id
  name
  mimeType
  size
  url
  width
  height
  durationMs
}`) as unknown as TypedDocumentString<UploadFileMutation, UploadFileMutationVariables>;
export const SendFileMessageDocument = new TypedDocumentString(`
    mutation SendFileMessage($input: SendMessageInput!) {
  sendMessage(input: $input) {
    id
    type
    fileId
    attachment {
      ...AttachmentFields
    }
  }
}
    fragment AttachmentFields on Attachment {
  id
  name
  mimeType
  size
  url
  width
  height
  durationMs
}`) as unknown as TypedDocumentString<SendFileMessageMutation, SendFileMessageMutationVariables>;
export const MessageAttachmentsDocument = new TypedDocumentString(`
    query MessageAttachments($chatId: ID!) {
  messages(chatId: $chatId, last: 50) {
    edges {
      node {
        id
        type
        deleted
        attachment {
          ...AttachmentFields
        }
      }
    }
  }
}
    fragment AttachmentFields on Attachment {
  id
  name
  mimeType
  size
  url
  width
  height
  durationMs
}`) as unknown as TypedDocumentString<MessageAttachmentsQuery, MessageAttachmentsQueryVariables>;
export const SetAvatarDocument = new TypedDocumentString(`
    mutation SetAvatar($avatarFileId: ID) {
  updateProfile(avatarFileId: $avatarFileId) {
    id
    avatarFileId
    avatarUrl
  }
}
    `) as unknown as TypedDocumentString<SetAvatarMutation, SetAvatarMutationVariables>;
export const UserAvatarDocument = new TypedDocumentString(`
    query UserAvatar($id: ID!) {
  user(id: $id) {
    id
    avatarUrl
  }
}
    `) as unknown as TypedDocumentString<UserAvatarQuery, UserAvatarQueryVariables>;
export const SetGroupThumbDocument = new TypedDocumentString(`
    mutation SetGroupThumb($chatId: ID!, $input: UpdateGroupInput!) {
  updateGroup(chatId: $chatId, input: $input) {
    id
    thumbFileId
    thumbUrl
  }
}
    `) as unknown as TypedDocumentString<SetGroupThumbMutation, SetGroupThumbMutationVariables>;
export const FileMessageAddedDocument = new TypedDocumentString(`
    subscription FileMessageAdded($chatId: ID) {
  messageAdded(chatId: $chatId) {
    id
    attachment {
      id
      url
    }
  }
}
    `) as unknown as TypedDocumentString<FileMessageAddedSubscription, FileMessageAddedSubscriptionVariables>;
export const OpenDirectChatDocument = new TypedDocumentString(`
    mutation OpenDirectChat($userId: ID!) {
  openDirectChat(userId: $userId) {
    ...ListItem
  }
}
    fragment ListItem on ChatListItem {
  chat {
    id
    type
    name
    memberCount
  }
  title
  unreadCount
  readUpTo
  lastMessage {
    id
    text
    seq
  }
  lastActivityAt
  pinned
  folded
  doNotDisturb
  remark
  canSend
  peer {
    id
    nickname
  }
}`) as unknown as TypedDocumentString<OpenDirectChatMutation, OpenDirectChatMutationVariables>;
export const RecentChatsDocument = new TypedDocumentString(`
    query RecentChats($first: Int, $after: String) {
  recentChats(first: $first, after: $after) {
    edges {
      cursor
      node {
        ...ListItem
      }
    }
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
  }
}
    fragment ListItem on ChatListItem {
  chat {
    id
    type
    name
    memberCount
  }
  title
  unreadCount
  readUpTo
  lastMessage {
    id
    text
    seq
  }
  lastActivityAt
  pinned
  folded
  doNotDisturb
  remark
  canSend
  peer {
    id
    nickname
  }
}`) as unknown as TypedDocumentString<RecentChatsQuery, RecentChatsQueryVariables>;
export const ChatDocument = new TypedDocumentString(`
    query Chat($id: ID!) {
  chat(id: $id) {
    ...ListItem
  }
}
    fragment ListItem on ChatListItem {
  chat {
    id
    type
    name
    memberCount
  }
  title
  unreadCount
  readUpTo
  lastMessage {
    id
    text
    seq
  }
  lastActivityAt
  pinned
  folded
  doNotDisturb
  remark
  canSend
  peer {
    id
    nickname
  }
}`) as unknown as TypedDocumentString<ChatQuery, ChatQueryVariables>;
export const UnreadTotalDocument = new TypedDocumentString(`
    query UnreadTotal {
  unreadTotal
}
    `) as unknown as TypedDocumentString<UnreadTotalQuery, UnreadTotalQueryVariables>;
export const MarkChatReadDocument = new TypedDocumentString(`
    mutation MarkChatRead($chatId: ID!, $upTo: ID) {
  markChatRead(chatId: $chatId, upTo: $upTo) {
    ...ListItem
  }
}
    fragment ListItem on ChatListItem {
  chat {
    id
    type
    name
    memberCount
  }
  title
  unreadCount
  readUpTo
  lastMessage {
    id
    text
    seq
  }
  lastActivityAt
  pinned
  folded
  doNotDisturb
  remark
  canSend
  peer {
    id
    nickname
  }
}`) as unknown as TypedDocumentString<MarkChatReadMutation, MarkChatReadMutationVariables>;
export const UpdateChatSettingsDocument = new TypedDocumentString(`
    mutation UpdateChatSettings($chatId: ID!, $input: ChatSettingsInput!) {
  updateChatSettings(chatId: $chatId, input: $input) {
    ...ListItem
  }
}
    fragment ListItem on ChatListItem {
  chat {
    id
    type
    name
    memberCount
  }
  title
  unreadCount
  readUpTo
  lastMessage {
    id
    text
    seq
  }
  lastActivityAt
  pinned
  folded
  doNotDisturb
  remark
  canSend
  peer {
    id
    nickname
  }
}`) as unknown as TypedDocumentString<UpdateChatSettingsMutation, UpdateChatSettingsMutationVariables>;
export const HideChatDocument = new TypedDocumentString(`
    mutation HideChat($chatId: ID!) {
  hideChat(chatId: $chatId)
}
    `) as unknown as TypedDocumentString<HideChatMutation, HideChatMutationVariables>;
export const ChatListUpdatedDocument = new TypedDocumentString(`
    subscription ChatListUpdated {
  chatListUpdated {
    chat {
      id
    }
    unreadCount
    lastMessage {
      text
    }
  }
}
    `) as unknown as TypedDocumentString<ChatListUpdatedSubscription, ChatListUpdatedSubscriptionVariables>;
export const ChatListRemovedDocument = new TypedDocumentString(`
    subscription ChatListRemoved {
  chatListRemoved
}
    `) as unknown as TypedDocumentString<ChatListRemovedSubscription, ChatListRemovedSubscriptionVariables>;
export const ChatListHiddenDocument = new TypedDocumentString(`
    subscription ChatListHidden {
  chatListUpdated {
    chat {
      id
    }
    hidden
  }
}
    `) as unknown as TypedDocumentString<ChatListHiddenSubscription, ChatListHiddenSubscriptionVariables>;
export const CachedRecentChatsDocument = new TypedDocumentString(`
    query CachedRecentChats {
  recentChats(first: 50) {
    edges {
      cursor
      node {
        id
        unreadCount
        lastMessage {
          id
          text
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CachedRecentChatsQuery, CachedRecentChatsQueryVariables>;
export const CachedChatListUpdatedDocument = new TypedDocumentString(`
    subscription CachedChatListUpdated {
  chatListUpdated {
    id
    unreadCount
    lastMessage {
      id
      text
    }
  }
}
    `) as unknown as TypedDocumentString<CachedChatListUpdatedSubscription, CachedChatListUpdatedSubscriptionVariables>;
export const ChatReadStateDocument = new TypedDocumentString(`
    query ChatReadState($id: ID!) {
  chat(id: $id) {
    unreadCount
    readSeq
    readUpTo
  }
}
    `) as unknown as TypedDocumentString<ChatReadStateQuery, ChatReadStateQueryVariables>;
export const RegisterDeviceDocument = new TypedDocumentString(`
    mutation RegisterDevice($input: RegisterDeviceInput!) {
  registerDevice(input: $input) {
    ...Dev
  }
}
    fragment Dev on Device {
  id
  hostname
  os
  arch
  macs {
    name
    address
  }
  online
  lastSeenAt
  createdAt
}`) as unknown as TypedDocumentString<RegisterDeviceMutation, RegisterDeviceMutationVariables>;
export const HeartbeatDocument = new TypedDocumentString(`
    mutation Heartbeat($deviceId: ID!) {
  heartbeat(deviceId: $deviceId) {
    ...Dev
  }
}
    fragment Dev on Device {
  id
  hostname
  os
  arch
  macs {
    name
    address
  }
  online
  lastSeenAt
  createdAt
}`) as unknown as TypedDocumentString<HeartbeatMutation, HeartbeatMutationVariables>;
export const RemoveDeviceDocument = new TypedDocumentString(`
    mutation RemoveDevice($deviceId: ID!) {
  removeDevice(deviceId: $deviceId)
}
    `) as unknown as TypedDocumentString<RemoveDeviceMutation, RemoveDeviceMutationVariables>;
export const DevicesDocument = new TypedDocumentString(`
    query Devices {
  devices {
    ...Dev
  }
}
    fragment Dev on Device {
  id
  hostname
  os
  arch
  macs {
    name
    address
  }
  online
  lastSeenAt
  createdAt
}`) as unknown as TypedDocumentString<DevicesQuery, DevicesQueryVariables>;
export const DeviceChatDocument = new TypedDocumentString(`
    query DeviceChat($id: ID!) {
  chat(id: $id) {
    chat {
      id
      type
      name
      thumbFileId
      devices {
        id
      }
    }
    title
  }
}
    `) as unknown as TypedDocumentString<DeviceChatQuery, DeviceChatQueryVariables>;
export const FindUserDocument = new TypedDocumentString(`
    query FindUser($username: String, $externalId: String) {
  findUser(username: $username, externalId: $externalId) {
    id
    username
    externalId
  }
}
    `) as unknown as TypedDocumentString<FindUserQuery, FindUserQueryVariables>;
export const SearchMessagesDocument = new TypedDocumentString(`
    query SearchMessages($query: String!, $chatId: ID, $first: Int, $after: String) {
  searchMessages(query: $query, chatId: $chatId, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        chatId
        text
        deleted
        chat {
          id
        }
      }
    }
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<SearchMessagesQuery, SearchMessagesQueryVariables>;
export const BlockUserDocument = new TypedDocumentString(`
    mutation BlockUser($userId: ID!) {
  blockUser(userId: $userId)
}
    `) as unknown as TypedDocumentString<BlockUserMutation, BlockUserMutationVariables>;
export const UnblockUserDocument = new TypedDocumentString(`
    mutation UnblockUser($userId: ID!) {
  unblockUser(userId: $userId)
}
    `) as unknown as TypedDocumentString<UnblockUserMutation, UnblockUserMutationVariables>;
export const BlockedUsersDocument = new TypedDocumentString(`
    query BlockedUsers {
  blockedUsers {
    id
  }
}
    `) as unknown as TypedDocumentString<BlockedUsersQuery, BlockedUsersQueryVariables>;
export const RequestJoinGroupViewDocument = new TypedDocumentString(`
    mutation RequestJoinGroupView($chatId: ID!) {
  requestJoinGroup(chatId: $chatId) {
    id
    chat {
      ...GroupView
    }
  }
}
    fragment GroupView on Chat {
  id
  type
  name
  thumbFileId
  thumbUrl
  memberCount
  announcement
  muted
  owner {
    id
    username
  }
  devices {
    id
  }
}`) as unknown as TypedDocumentString<RequestJoinGroupViewMutation, RequestJoinGroupViewMutationVariables>;
export const JoinRequestsViewDocument = new TypedDocumentString(`
    query JoinRequestsView($direction: RequestDirection!) {
  joinRequests(direction: $direction) {
    id
    type
    status
    requester {
      id
    }
    chat {
      ...GroupView
    }
  }
}
    fragment GroupView on Chat {
  id
  type
  name
  thumbFileId
  thumbUrl
  memberCount
  announcement
  muted
  owner {
    id
    username
  }
  devices {
    id
  }
}`) as unknown as TypedDocumentString<JoinRequestsViewQuery, JoinRequestsViewQueryVariables>;
export const CreateGroupDocument = new TypedDocumentString(`
    mutation CreateGroup($input: CreateGroupInput!) {
  createGroup(input: $input) {
    chat {
      id
      type
      name
      memberCount
      owner {
        id
      }
    }
    isOwner
    isAdmin
    canSend
  }
}
    `) as unknown as TypedDocumentString<CreateGroupMutation, CreateGroupMutationVariables>;
export const UpdateGroupDocument = new TypedDocumentString(`
    mutation UpdateGroup($chatId: ID!, $input: UpdateGroupInput!) {
  updateGroup(chatId: $chatId, input: $input) {
    id
    name
    announcement
    thumbFileId
  }
}
    `) as unknown as TypedDocumentString<UpdateGroupMutation, UpdateGroupMutationVariables>;
export const SetGroupMutedDocument = new TypedDocumentString(`
    mutation SetGroupMuted($chatId: ID!, $muted: Boolean!) {
  setGroupMuted(chatId: $chatId, muted: $muted) {
    id
    muted
  }
}
    `) as unknown as TypedDocumentString<SetGroupMutedMutation, SetGroupMutedMutationVariables>;
export const SetMemberMutedDocument = new TypedDocumentString(`
    mutation SetMemberMuted($chatId: ID!, $userId: ID!, $muted: Boolean!) {
  setMemberMuted(chatId: $chatId, userId: $userId, muted: $muted) {
    user {
      id
    }
    muted
  }
}
    `) as unknown as TypedDocumentString<SetMemberMutedMutation, SetMemberMutedMutationVariables>;
export const SetGroupAdminDocument = new TypedDocumentString(`
    mutation SetGroupAdmin($chatId: ID!, $userId: ID!, $admin: Boolean!) {
  setGroupAdmin(chatId: $chatId, userId: $userId, admin: $admin) {
    user {
      id
    }
    isAdmin
  }
}
    `) as unknown as TypedDocumentString<SetGroupAdminMutation, SetGroupAdminMutationVariables>;
export const RemoveGroupMemberDocument = new TypedDocumentString(`
    mutation RemoveGroupMember($chatId: ID!, $userId: ID!) {
  removeGroupMember(chatId: $chatId, userId: $userId)
}
    `) as unknown as TypedDocumentString<RemoveGroupMemberMutation, RemoveGroupMemberMutationVariables>;
export const LeaveGroupDocument = new TypedDocumentString(`
    mutation LeaveGroup($chatId: ID!) {
  leaveGroup(chatId: $chatId)
}
    `) as unknown as TypedDocumentString<LeaveGroupMutation, LeaveGroupMutationVariables>;
export const DissolveGroupDocument = new TypedDocumentString(`
    mutation DissolveGroup($chatId: ID!) {
  dissolveGroup(chatId: $chatId)
}
    `) as unknown as TypedDocumentString<DissolveGroupMutation, DissolveGroupMutationVariables>;
export const TransferGroupOwnershipDocument = new TypedDocumentString(`
    mutation TransferGroupOwnership($chatId: ID!, $userId: ID!) {
  transferGroupOwnership(chatId: $chatId, userId: $userId) {
    id
    owner {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<TransferGroupOwnershipMutation, TransferGroupOwnershipMutationVariables>;
export const MembersDocument = new TypedDocumentString(`
    query Members($chatId: ID!) {
  members(chatId: $chatId) {
    user {
      id
    }
    nickname
    isOwner
    isAdmin
    muted
    joinedAt
  }
}
    `) as unknown as TypedDocumentString<MembersQuery, MembersQueryVariables>;
export const ChatMeDocument = new TypedDocumentString(`
    query ChatMe($id: ID!) {
  chat(id: $id) {
    chat {
      id
      muted
      memberCount
      name
      announcement
    }
    title
    isOwner
    isAdmin
    meMuted
    canSend
    nickname
    showInContacts
  }
}
    `) as unknown as TypedDocumentString<ChatMeQuery, ChatMeQueryVariables>;
export const ChatMembersDocument = new TypedDocumentString(`
    query ChatMembers($chatId: ID!, $first: Int, $after: String) {
  chatMembers(chatId: $chatId, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        user {
          id
          nickname
        }
        role
        isOwner
        isAdmin
        joinedAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ChatMembersQuery, ChatMembersQueryVariables>;
export const HostMeDocument = new TypedDocumentString(`
    query HostMe {
  me {
    id
    username
    nickname
    externalId
  }
}
    `) as unknown as TypedDocumentString<HostMeQuery, HostMeQueryVariables>;
export const FindHostUserDocument = new TypedDocumentString(`
    query FindHostUser($externalId: String!) {
  findUser(externalId: $externalId) {
    id
    username
    nickname
    externalId
  }
}
    `) as unknown as TypedDocumentString<FindHostUserQuery, FindHostUserQueryVariables>;
export const SendRichDocument = new TypedDocumentString(`
    mutation SendRich($input: SendMessageInput!) {
  sendMessage(input: $input) {
    ...Changed
  }
}
    fragment Changed on Message {
  id
  chatId
  seq
  text
  deleted
  editedAt
  replyTo {
    id
    text
    deleted
  }
  mentions {
    id
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<SendRichMutation, SendRichMutationVariables>;
export const EditMessageDocument = new TypedDocumentString(`
    mutation EditMessage($id: ID!, $text: String!) {
  editMessage(id: $id, text: $text) {
    ...Changed
  }
}
    fragment Changed on Message {
  id
  chatId
  seq
  text
  deleted
  editedAt
  replyTo {
    id
    text
    deleted
  }
  mentions {
    id
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<EditMessageMutation, EditMessageMutationVariables>;
export const AddReactionDocument = new TypedDocumentString(`
    mutation AddReaction($messageId: ID!, $emoji: String!) {
  addReaction(messageId: $messageId, emoji: $emoji) {
    ...Changed
  }
}
    fragment Changed on Message {
  id
  chatId
  seq
  text
  deleted
  editedAt
  replyTo {
    id
    text
    deleted
  }
  mentions {
    id
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<AddReactionMutation, AddReactionMutationVariables>;
export const RemoveReactionDocument = new TypedDocumentString(`
    mutation RemoveReaction($messageId: ID!, $emoji: String!) {
  removeReaction(messageId: $messageId, emoji: $emoji) {
    ...Changed
  }
}
    fragment Changed on Message {
  id
  chatId
  seq
  text
  deleted
  editedAt
  replyTo {
    id
    text
    deleted
  }
  mentions {
    id
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<RemoveReactionMutation, RemoveReactionMutationVariables>;
export const ChangedMessagesDocument = new TypedDocumentString(`
    query ChangedMessages($chatId: ID!, $last: Int) {
  messages(chatId: $chatId, last: $last) {
    edges {
      node {
        ...Changed
      }
    }
  }
}
    fragment Changed on Message {
  id
  chatId
  seq
  text
  deleted
  editedAt
  replyTo {
    id
    text
    deleted
  }
  mentions {
    id
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<ChangedMessagesQuery, ChangedMessagesQueryVariables>;
export const MessageUpdatedDocument = new TypedDocumentString(`
    subscription MessageUpdated($chatId: ID) {
  messageUpdated(chatId: $chatId) {
    ...Changed
  }
}
    fragment Changed on Message {
  id
  chatId
  seq
  text
  deleted
  editedAt
  replyTo {
    id
    text
    deleted
  }
  mentions {
    id
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<MessageUpdatedSubscription, MessageUpdatedSubscriptionVariables>;
export const MentionCountsDocument = new TypedDocumentString(`
    query MentionCounts {
  recentChats(first: 100) {
    edges {
      node {
        id
        unreadCount
        unreadMentionCount
        lastMessage {
          id
          text
          deleted
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MentionCountsQuery, MentionCountsQueryVariables>;
export const SendMessageDocument = new TypedDocumentString(`
    mutation SendMessage($input: SendMessageInput!) {
  sendMessage(input: $input) {
    ...Msg
  }
}
    fragment Msg on Message {
  ...MsgColumns
  sender {
    id
  }
}
fragment MsgColumns on Message {
  id
  chatId
  seq
  senderDeviceId
  type
  text
  fileId
  location {
    latitude
    longitude
    cityCode
    address
  }
  clientMessageId
  deleted
  createdAt
}`) as unknown as TypedDocumentString<SendMessageMutation, SendMessageMutationVariables>;
export const DeleteMessageDocument = new TypedDocumentString(`
    mutation DeleteMessage($id: ID!) {
  deleteMessage(id: $id) {
    ...Msg
  }
}
    fragment Msg on Message {
  ...MsgColumns
  sender {
    id
  }
}
fragment MsgColumns on Message {
  id
  chatId
  seq
  senderDeviceId
  type
  text
  fileId
  location {
    latitude
    longitude
    cityCode
    address
  }
  clientMessageId
  deleted
  createdAt
}`) as unknown as TypedDocumentString<DeleteMessageMutation, DeleteMessageMutationVariables>;
export const MessagesDocument = new TypedDocumentString(`
    query Messages($chatId: ID!, $first: Int, $after: String, $last: Int, $before: String) {
  messages(
    chatId: $chatId
    first: $first
    after: $after
    last: $last
    before: $before
  ) {
    edges {
      cursor
      node {
        ...Msg
      }
    }
    pageInfo {
      hasNextPage
      hasPreviousPage
      startCursor
      endCursor
    }
  }
}
    fragment Msg on Message {
  ...MsgColumns
  sender {
    id
  }
}
fragment MsgColumns on Message {
  id
  chatId
  seq
  senderDeviceId
  type
  text
  fileId
  location {
    latitude
    longitude
    cityCode
    address
  }
  clientMessageId
  deleted
  createdAt
}`) as unknown as TypedDocumentString<MessagesQuery, MessagesQueryVariables>;
export const MessageAddedDocument = new TypedDocumentString(`
    subscription MessageAdded($chatId: ID) {
  messageAdded(chatId: $chatId) {
    ...Msg
  }
}
    fragment Msg on Message {
  ...MsgColumns
  sender {
    id
  }
}
fragment MsgColumns on Message {
  id
  chatId
  seq
  senderDeviceId
  type
  text
  fileId
  location {
    latitude
    longitude
    cityCode
    address
  }
  clientMessageId
  deleted
  createdAt
}`) as unknown as TypedDocumentString<MessageAddedSubscription, MessageAddedSubscriptionVariables>;
export const MessageCatchUpDocument = new TypedDocumentString(`
    subscription MessageCatchUp($chatId: ID, $afterSeq: Int, $after: [ChatSeqInput!]) {
  messageAdded(chatId: $chatId, afterSeq: $afterSeq, after: $after) {
    id
    chatId
    seq
    text
  }
}
    `) as unknown as TypedDocumentString<MessageCatchUpSubscription, MessageCatchUpSubscriptionVariables>;
export const MessageColumnsDocument = new TypedDocumentString(`
    subscription MessageColumns($chatId: ID, $afterSeq: Int) {
  messageAdded(chatId: $chatId, afterSeq: $afterSeq) {
    ...MsgColumns
  }
}
    fragment MsgColumns on Message {
  id
  chatId
  seq
  senderDeviceId
  type
  text
  fileId
  location {
    latitude
    longitude
    cityCode
    address
  }
  clientMessageId
  deleted
  createdAt
}`) as unknown as TypedDocumentString<MessageColumnsSubscription, MessageColumnsSubscriptionVariables>;
export const AddedSharedDocument = new TypedDocumentString(`
    subscription AddedShared {
  messageAdded {
    id
    text
    sender {
      id
      nickname
    }
  }
}
    `) as unknown as TypedDocumentString<AddedSharedSubscription, AddedSharedSubscriptionVariables>;
export const AddedSenderOnlineDocument = new TypedDocumentString(`
    subscription AddedSenderOnline {
  messageAdded {
    id
    sender {
      id
      online
    }
  }
}
    `) as unknown as TypedDocumentString<AddedSenderOnlineSubscription, AddedSenderOnlineSubscriptionVariables>;
export const RequestFriendDocument = new TypedDocumentString(`
    mutation RequestFriend($userId: ID!, $message: String) {
  requestFriend(userId: $userId, message: $message) {
    ...Req
  }
}
    fragment Req on JoinRequest {
  id
  type
  status
  requester {
    id
  }
  targetUser {
    id
  }
  chat {
    id
  }
  message
  createdAt
  reviewedAt
}`) as unknown as TypedDocumentString<RequestFriendMutation, RequestFriendMutationVariables>;
export const RequestJoinGroupDocument = new TypedDocumentString(`
    mutation RequestJoinGroup($chatId: ID!, $message: String) {
  requestJoinGroup(chatId: $chatId, message: $message) {
    ...Req
  }
}
    fragment Req on JoinRequest {
  id
  type
  status
  requester {
    id
  }
  targetUser {
    id
  }
  chat {
    id
  }
  message
  createdAt
  reviewedAt
}`) as unknown as TypedDocumentString<RequestJoinGroupMutation, RequestJoinGroupMutationVariables>;
export const InviteToGroupDocument = new TypedDocumentString(`
    mutation InviteToGroup($chatId: ID!, $userIds: [ID!]!) {
  inviteToGroup(chatId: $chatId, userIds: $userIds) {
    ...Req
  }
}
    fragment Req on JoinRequest {
  id
  type
  status
  requester {
    id
  }
  targetUser {
    id
  }
  chat {
    id
  }
  message
  createdAt
  reviewedAt
}`) as unknown as TypedDocumentString<InviteToGroupMutation, InviteToGroupMutationVariables>;
export const ReviewJoinRequestDocument = new TypedDocumentString(`
    mutation ReviewJoinRequest($id: ID!, $decision: JoinDecision!) {
  reviewJoinRequest(id: $id, decision: $decision) {
    ...Req
  }
}
    fragment Req on JoinRequest {
  id
  type
  status
  requester {
    id
  }
  targetUser {
    id
  }
  chat {
    id
  }
  message
  createdAt
  reviewedAt
}`) as unknown as TypedDocumentString<ReviewJoinRequestMutation, ReviewJoinRequestMutationVariables>;
export const JoinRequestsDocument = new TypedDocumentString(`
    query JoinRequests($direction: RequestDirection!, $status: JoinRequestStatus) {
  joinRequests(direction: $direction, status: $status) {
    ...Req
  }
}
    fragment Req on JoinRequest {
  id
  type
  status
  requester {
    id
  }
  targetUser {
    id
  }
  chat {
    id
  }
  message
  createdAt
  reviewedAt
}`) as unknown as TypedDocumentString<JoinRequestsQuery, JoinRequestsQueryVariables>;
export const JoinRequestUpdatedDocument = new TypedDocumentString(`
    subscription JoinRequestUpdated {
  joinRequestUpdated {
    id
    type
    status
  }
}
    `) as unknown as TypedDocumentString<JoinRequestUpdatedSubscription, JoinRequestUpdatedSubscriptionVariables>;
export const FriendsDocument = new TypedDocumentString(`
    query Friends {
  friends {
    user {
      id
      nickname
    }
    type
    remark
    createdAt
  }
}
    `) as unknown as TypedDocumentString<FriendsQuery, FriendsQueryVariables>;
export const FollowersDocument = new TypedDocumentString(`
    query Followers {
  followers {
    user {
      id
    }
    type
  }
}
    `) as unknown as TypedDocumentString<FollowersQuery, FollowersQueryVariables>;
export const FollowingDocument = new TypedDocumentString(`
    query Following {
  following {
    id
    user {
      id
    }
    type
  }
}
    `) as unknown as TypedDocumentString<FollowingQuery, FollowingQueryVariables>;
export const ContactsDocument = new TypedDocumentString(`
    query Contacts {
  contacts {
    friends {
      user {
        id
      }
      remark
    }
    groups {
      chat {
        id
        name
      }
      title
    }
  }
}
    `) as unknown as TypedDocumentString<ContactsQuery, ContactsQueryVariables>;
export const FollowDocument = new TypedDocumentString(`
    mutation Follow($userId: ID!) {
  follow(userId: $userId) {
    user {
      id
    }
    type
  }
}
    `) as unknown as TypedDocumentString<FollowMutation, FollowMutationVariables>;
export const UnfollowDocument = new TypedDocumentString(`
    mutation Unfollow($userId: ID!) {
  unfollow(userId: $userId)
}
    `) as unknown as TypedDocumentString<UnfollowMutation, UnfollowMutationVariables>;
export const RemoveFriendDocument = new TypedDocumentString(`
    mutation RemoveFriend($userId: ID!) {
  removeFriend(userId: $userId)
}
    `) as unknown as TypedDocumentString<RemoveFriendMutation, RemoveFriendMutationVariables>;
export const SetFriendRemarkDocument = new TypedDocumentString(`
    mutation SetFriendRemark($userId: ID!, $remark: String!) {
  setFriendRemark(userId: $userId, remark: $remark) {
    user {
      id
    }
    remark
    type
  }
}
    `) as unknown as TypedDocumentString<SetFriendRemarkMutation, SetFriendRemarkMutationVariables>;
export const SignUpDocument = new TypedDocumentString(`
    mutation SignUp($username: String!, $password: String!, $nickname: String!) {
  signUp(username: $username, password: $password, nickname: $nickname) {
    token
    user {
      id
      username
      nickname
    }
  }
}
    `) as unknown as TypedDocumentString<SignUpMutation, SignUpMutationVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($username: String!, $password: String!) {
  signIn(username: $username, password: $password) {
    token
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me {
  me {
    id
    username
    nickname
    avatarFileId
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const UserByIdDocument = new TypedDocumentString(`
    query UserById($id: ID!) {
  user(id: $id) {
    id
    nickname
  }
}
    `) as unknown as TypedDocumentString<UserByIdQuery, UserByIdQueryVariables>;
export const UpdateProfileDocument = new TypedDocumentString(`
    mutation UpdateProfile($nickname: String, $avatarFileId: ID) {
  updateProfile(nickname: $nickname, avatarFileId: $avatarFileId) {
    id
    nickname
    avatarFileId
  }
}
    `) as unknown as TypedDocumentString<UpdateProfileMutation, UpdateProfileMutationVariables>;
export const SignOutEverywhereDocument = new TypedDocumentString(`
    mutation SignOutEverywhere {
  signOutEverywhere {
    token
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<SignOutEverywhereMutation, SignOutEverywhereMutationVariables>;