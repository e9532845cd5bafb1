/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

export type UploadFileMutationVariables = Exact<{
  file: unknown;
}>;


export type UploadFileMutation = { uploadFile: { id: string, mimeType: string, url: string, width: number | null, height: number | null } };

export type SettingsMutationVariables = Exact<{
  chatId: string;
  input: ChatSettingsInput;
}>;


export type SettingsMutation = { updateChatSettings: { id: string, title: string, pinned: boolean, hidden: boolean, doNotDisturb: boolean, meMuted: boolean, canSend: boolean, unreadCount: number, unreadMentionCount: number, readSeq: number, peerReadSeq: number | null, role: MemberRole | null, lastActivityAt: string, lastMessage: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, sender: { id: string, nickname: string } } | null, peer: { id: string, nickname: string, online: boolean } | null, chat: { id: string, type: ChatType, name: string, memberCount: number, muted: boolean } } };

export type RecentChatsQueryVariables = Exact<{ [key: string]: never; }>;


export type RecentChatsQuery = { recentChats: { edges: Array<{ node: { id: string, title: string, pinned: boolean, hidden: boolean, doNotDisturb: boolean, meMuted: boolean, canSend: boolean, unreadCount: number, unreadMentionCount: number, readSeq: number, peerReadSeq: number | null, role: MemberRole | null, lastActivityAt: string, lastMessage: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, sender: { id: string, nickname: string } } | null, peer: { id: string, nickname: string, online: boolean } | null, chat: { id: string, type: ChatType, name: string, memberCount: number, muted: boolean } } }> } };

export type ListUpdatesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ListUpdatesSubscription = { chatListUpdated: { id: string, title: string, pinned: boolean, hidden: boolean, doNotDisturb: boolean, meMuted: boolean, canSend: boolean, unreadCount: number, unreadMentionCount: number, readSeq: number, peerReadSeq: number | null, role: MemberRole | null, lastActivityAt: string, lastMessage: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, sender: { id: string, nickname: string } } | null, peer: { id: string, nickname: string, online: boolean } | null, chat: { id: string, type: ChatType, name: string, memberCount: number, muted: boolean } } };

export type ListRemovalsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ListRemovalsSubscription = { chatListRemoved: string };

export type FriendPresenceSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type FriendPresenceSubscription = { presenceChanged: { id: string, online: boolean } };

export type SendMutationVariables = Exact<{
  input: SendMessageInput;
}>;


export type SendMutation = { sendMessage: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, editedAt: string | null, createdAt: string, mentionsAll: boolean, sender: { id: string, nickname: string }, attachment: { id: string, mimeType: string, url: string, width: number | null, height: number | null } | null, location: { latitude: number, longitude: number, address: string } | null, replyTo: { id: string, text: string, deleted: boolean, sender: { nickname: string } } | null, mentions: Array<{ id: string, nickname: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } };

export type EditMutationVariables = Exact<{
  id: string;
  text: string;
}>;


export type EditMutation = { editMessage: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, editedAt: string | null, createdAt: string, mentionsAll: boolean, sender: { id: string, nickname: string }, attachment: { id: string, mimeType: string, url: string, width: number | null, height: number | null } | null, location: { latitude: number, longitude: number, address: string } | null, replyTo: { id: string, text: string, deleted: boolean, sender: { nickname: string } } | null, mentions: Array<{ id: string, nickname: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } };

export type TypingMutationVariables = Exact<{
  chatId: string;
  typing: boolean;
}>;


export type TypingMutation = { setTyping: boolean };

export type ChatQueryVariables = Exact<{
  id: string;
}>;


export type ChatQuery = { chat: { id: string, title: string, pinned: boolean, hidden: boolean, doNotDisturb: boolean, meMuted: boolean, canSend: boolean, unreadCount: number, unreadMentionCount: number, readSeq: number, peerReadSeq: number | null, role: MemberRole | null, lastActivityAt: string, lastMessage: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, sender: { id: string, nickname: string } } | null, peer: { id: string, nickname: string, online: boolean } | null, chat: { id: string, type: ChatType, name: string, memberCount: number, muted: boolean } } | null };

export type ChatUpdatesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ChatUpdatesSubscription = { chatListUpdated: { id: string, title: string, pinned: boolean, hidden: boolean, doNotDisturb: boolean, meMuted: boolean, canSend: boolean, unreadCount: number, unreadMentionCount: number, readSeq: number, peerReadSeq: number | null, role: MemberRole | null, lastActivityAt: string, lastMessage: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, sender: { id: string, nickname: string } } | null, peer: { id: string, nickname: string, online: boolean } | null, chat: { id: string, type: ChatType, name: string, memberCount: number, muted: boolean } } };

export type MarkReadMutationVariables = Exact<{
  chatId: string;
  seq?: number | null | undefined;
}>;


export type MarkReadMutation = { markChatRead: { id: string, title: string, pinned: boolean, hidden: boolean, doNotDisturb: boolean, meMuted: boolean, canSend: boolean, unreadCount: number, unreadMentionCount: number, readSeq: number, peerReadSeq: number | null, role: MemberRole | null, lastActivityAt: string, lastMessage: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, sender: { id: string, nickname: string } } | null, peer: { id: string, nickname: string, online: boolean } | null, chat: { id: string, type: ChatType, name: string, memberCount: number, muted: boolean } } };

export type MuteMemberMutationVariables = Exact<{
  chatId: string;
  userId: string;
  muted: boolean;
}>;


export type MuteMemberMutation = { setMemberMuted: { id: string, role: MemberRole, muted: boolean, readSeq: number, user: { id: string, nickname: string, online: boolean } } };

export type MuteGroupMutationVariables = Exact<{
  chatId: string;
  muted: boolean;
}>;


export type MuteGroupMutation = { setGroupMuted: { id: string, muted: boolean } };

export type InviteMutationVariables = Exact<{
  chatId: string;
  userIds: Array<string> | string;
}>;


export type InviteMutation = { inviteToGroup: Array<{ id: string, status: JoinRequestStatus, targetUser: { id: string, nickname: string } | null }> };

export type FriendsToInviteQueryVariables = Exact<{ [key: string]: never; }>;


export type FriendsToInviteQuery = { friends: Array<{ id: string, user: { id: string, nickname: string } }> };

export type DeleteMutationVariables = Exact<{
  id: string;
}>;


export type DeleteMutation = { deleteMessage: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, editedAt: string | null, createdAt: string, mentionsAll: boolean, sender: { id: string, nickname: string }, attachment: { id: string, mimeType: string, url: string, width: number | null, height: number | null } | null, location: { latitude: number, longitude: number, address: string } | null, replyTo: { id: string, text: string, deleted: boolean, sender: { nickname: string } } | null, mentions: Array<{ id: string, nickname: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } };

export type ReactMutationVariables = Exact<{
  id: string;
  emoji: string;
}>;


export type ReactMutation = { addReaction: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, editedAt: string | null, createdAt: string, mentionsAll: boolean, sender: { id: string, nickname: string }, attachment: { id: string, mimeType: string, url: string, width: number | null, height: number | null } | null, location: { latitude: number, longitude: number, address: string } | null, replyTo: { id: string, text: string, deleted: boolean, sender: { nickname: string } } | null, mentions: Array<{ id: string, nickname: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } };

export type UnreactMutationVariables = Exact<{
  id: string;
  emoji: string;
}>;


export type UnreactMutation = { removeReaction: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, editedAt: string | null, createdAt: string, mentionsAll: boolean, sender: { id: string, nickname: string }, attachment: { id: string, mimeType: string, url: string, width: number | null, height: number | null } | null, location: { latitude: number, longitude: number, address: string } | null, replyTo: { id: string, text: string, deleted: boolean, sender: { nickname: string } } | null, mentions: Array<{ id: string, nickname: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } };

export type CreateGroupMutationVariables = Exact<{
  input: CreateGroupInput;
}>;


export type CreateGroupMutation = { createGroup: { id: string } };

export type FriendsQueryVariables = Exact<{ [key: string]: never; }>;


export type FriendsQuery = { friends: Array<{ id: string, remark: string | null, user: { id: string, nickname: string, online: boolean } }> };

export type FindUserQueryVariables = Exact<{
  username: string;
}>;


export type FindUserQuery = { findUser: { id: string, username: string, nickname: string } | null };

export type AddFriendMutationVariables = Exact<{
  userId: string;
}>;


export type AddFriendMutation = { requestFriend: { id: string, status: JoinRequestStatus } };

export type OpenDirectMutationVariables = Exact<{
  userId: string;
}>;


export type OpenDirectMutation = { openDirectChat: { id: string } };

export type PresenceSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type PresenceSubscription = { presenceChanged: { id: string, online: boolean } };

export type IncomingRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type IncomingRequestsQuery = { joinRequests: Array<{ id: string, type: JoinRequestType, message: string | null, requester: { id: string, nickname: string }, chat: { id: string, name: string } | null }> };

export type ReviewMutationVariables = Exact<{
  id: string;
  decision: JoinDecision;
}>;


export type ReviewMutation = { reviewJoinRequest: { id: string, status: JoinRequestStatus } };

export type RequestUpdatesSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type RequestUpdatesSubscription = { joinRequestUpdated: { id: string, status: JoinRequestStatus } };

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


export type SignInMutation = { signIn: { token: string, user: { id: string, username: string, nickname: string } } };

export type MemberFieldsFragment = { id: string, role: MemberRole, muted: boolean, readSeq: number, user: { id: string, nickname: string, online: boolean } };

export type MembersQueryVariables = Exact<{
  chatId: string;
}>;


export type MembersQuery = { chatMembers: { edges: Array<{ node: { id: string, role: MemberRole, muted: boolean, readSeq: number, user: { id: string, nickname: string, online: boolean } } }> } };

export type HistoryQueryVariables = Exact<{
  chatId: string;
  before?: string | null | undefined;
}>;


export type HistoryQuery = { messages: { edges: Array<{ node: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, editedAt: string | null, createdAt: string, mentionsAll: boolean, sender: { id: string, nickname: string }, attachment: { id: string, mimeType: string, url: string, width: number | null, height: number | null } | null, location: { latitude: number, longitude: number, address: string } | null, replyTo: { id: string, text: string, deleted: boolean, sender: { nickname: string } } | null, mentions: Array<{ id: string, nickname: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } }>, pageInfo: { hasPreviousPage: boolean, startCursor: string | null } } };

export type CatchUpQueryVariables = Exact<{
  chatId: string;
  after?: string | null | undefined;
}>;


export type CatchUpQuery = { messages: { edges: Array<{ node: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, editedAt: string | null, createdAt: string, mentionsAll: boolean, sender: { id: string, nickname: string }, attachment: { id: string, mimeType: string, url: string, width: number | null, height: number | null } | null, location: { latitude: number, longitude: number, address: string } | null, replyTo: { id: string, text: string, deleted: boolean, sender: { nickname: string } } | null, mentions: Array<{ id: string, nickname: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type LiveSubscriptionVariables = Exact<{
  chatId: string;
}>;


export type LiveSubscription = { messageAdded: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, editedAt: string | null, createdAt: string, mentionsAll: boolean, sender: { id: string, nickname: string }, attachment: { id: string, mimeType: string, url: string, width: number | null, height: number | null } | null, location: { latitude: number, longitude: number, address: string } | null, replyTo: { id: string, text: string, deleted: boolean, sender: { nickname: string } } | null, mentions: Array<{ id: string, nickname: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } };

export type ChangesSubscriptionVariables = Exact<{
  chatId: string;
}>;


export type ChangesSubscription = { messageUpdated: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, editedAt: string | null, createdAt: string, mentionsAll: boolean, sender: { id: string, nickname: string }, attachment: { id: string, mimeType: string, url: string, width: number | null, height: number | null } | null, location: { latitude: number, longitude: number, address: string } | null, replyTo: { id: string, text: string, deleted: boolean, sender: { nickname: string } } | null, mentions: Array<{ id: string, nickname: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> } };

export type ReceiptsSubscriptionVariables = Exact<{
  chatId: string;
}>;


export type ReceiptsSubscription = { readReceipt: { chatId: string, readSeq: number, user: { id: string } } };

export type WhoIsTypingSubscriptionVariables = Exact<{
  chatId: string;
}>;


export type WhoIsTypingSubscription = { typing: { chatId: string, typing: boolean, user: { id: string, nickname: string } } };

export type ChatItemFieldsFragment = { id: string, title: string, pinned: boolean, hidden: boolean, doNotDisturb: boolean, meMuted: boolean, canSend: boolean, unreadCount: number, unreadMentionCount: number, readSeq: number, peerReadSeq: number | null, role: MemberRole | null, lastActivityAt: string, lastMessage: { id: string, seq: number, type: MessageType, text: string, deleted: boolean, sender: { id: string, nickname: string } } | null, peer: { id: string, nickname: string, online: boolean } | null, chat: { id: string, type: ChatType, name: string, memberCount: number, muted: boolean } };

export type MessageFieldsFragment = { id: string, seq: number, type: MessageType, text: string, deleted: boolean, editedAt: string | null, createdAt: string, mentionsAll: boolean, sender: { id: string, nickname: string }, attachment: { id: string, mimeType: string, url: string, width: number | null, height: number | null } | null, location: { latitude: number, longitude: number, address: string } | null, replyTo: { id: string, text: string, deleted: boolean, sender: { nickname: string } } | null, mentions: Array<{ id: string, nickname: string }>, reactions: Array<{ emoji: string, count: number, reactedByMe: boolean }> };

export type RefreshTokenMutationVariables = Exact<{ [key: string]: never; }>;


export type RefreshTokenMutation = { refreshToken: { token: string } };

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
export const MemberFieldsFragmentDoc = new TypedDocumentString(`
    fragment MemberFields on ChatMember {
  id
  role
  muted
  readSeq
  user {
    id
    nickname
    online
  }
}
    `, {"fragmentName":"MemberFields"}) as unknown as TypedDocumentString<MemberFieldsFragment, unknown>;
export const ChatItemFieldsFragmentDoc = new TypedDocumentString(`
    fragment ChatItemFields on ChatListItem {
  id
  title
  pinned
  hidden
  doNotDisturb
  meMuted
  canSend
  unreadCount
  unreadMentionCount
  readSeq
  peerReadSeq
  role
  lastActivityAt
  lastMessage {
    id
    seq
    type
    text
    deleted
    sender {
      id
      nickname
    }
  }
  peer {
    id
    nickname
    online
  }
  chat {
    id
    type
    name
    memberCount
    muted
  }
}
    `, {"fragmentName":"ChatItemFields"}) as unknown as TypedDocumentString<ChatItemFieldsFragment, unknown>;
export const MessageFieldsFragmentDoc = new TypedDocumentString(`
    fragment MessageFields on Message {
  id
  seq
  type
  text
  deleted
  editedAt
  createdAt
  sender {
    id
    nickname
  }
  attachment {
    id
    mimeType
    url
    width
    height
  }
  location {
    latitude
    longitude
    address
  }
  replyTo {
    id
    text
    deleted
    sender {
      nickname
    }
  }
  mentions {
    id
    nickname
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}
    `, {"fragmentName":"MessageFields"}) as unknown as TypedDocumentString<MessageFieldsFragment, unknown>;
export const UploadFileDocument = new TypedDocumentString(`
    mutation UploadFile($file: Upload!) {
  uploadFile(file: $file) {
    id
    mimeType
    url
    width
    height
  }
}
    `) as unknown as TypedDocumentString<UploadFileMutation, UploadFileMutationVariables>;
export const SettingsDocument = new TypedDocumentString(`
    mutation Settings($chatId: ID!, $input: ChatSettingsInput!) {
  updateChatSettings(chatId: $chatId, input: $input) {
    ...ChatItemFields
  }
}
    fragment ChatItemFields on ChatListItem {
  id
  title
  pinned
  hidden
  doNotDisturb
  meMuted
  canSend
  unreadCount
  unreadMentionCount
  readSeq
  peerReadSeq
  role
  lastActivityAt
  lastMessage {
    id
    seq
    type
    text
    deleted
    sender {
      id
      nickname
    }
  }
  peer {
    id
    nickname
    online
  }
  chat {
    id
    type
    name
    memberCount
    muted
  }
}`) as unknown as TypedDocumentString<SettingsMutation, SettingsMutationVariables>;
export const RecentChatsDocument = new TypedDocumentString(`
    query RecentChats {
  recentChats(first: 50) {
    edges {
      node {
        ...ChatItemFields
      }
    }
  }
}
    fragment ChatItemFields on ChatListItem {
  id
  title
  pinned
  hidden
  doNotDisturb
  meMuted
  canSend
  unreadCount
  unreadMentionCount
  readSeq
  peerReadSeq
  role
  lastActivityAt
  lastMessage {
    id
    seq
    type
    text
    deleted
    sender {
      id
      nickname
    }
  }
  peer {
    id
    nickname
    online
  }
  chat {
    id
    type
    name
    memberCount
    muted
  }
}`) as unknown as TypedDocumentString<RecentChatsQuery, RecentChatsQueryVariables>;
export const ListUpdatesDocument = new TypedDocumentString(`
    subscription ListUpdates {
  chatListUpdated {
    ...ChatItemFields
  }
}
    fragment ChatItemFields on ChatListItem {
  id
  title
  pinned
  hidden
  doNotDisturb
  meMuted
  canSend
  unreadCount
  unreadMentionCount
  readSeq
  peerReadSeq
  role
  lastActivityAt
  lastMessage {
    id
    seq
    type
    text
    deleted
    sender {
      id
      nickname
    }
  }
  peer {
    id
    nickname
    online
  }
  chat {
    id
    type
    name
    memberCount
    muted
  }
}`) as unknown as TypedDocumentString<ListUpdatesSubscription, ListUpdatesSubscriptionVariables>;
export const ListRemovalsDocument = new TypedDocumentString(`
    subscription ListRemovals {
  chatListRemoved
}
    `) as unknown as TypedDocumentString<ListRemovalsSubscription, ListRemovalsSubscriptionVariables>;
export const FriendPresenceDocument = new TypedDocumentString(`
    subscription FriendPresence {
  presenceChanged {
    id
    online
  }
}
    `) as unknown as TypedDocumentString<FriendPresenceSubscription, FriendPresenceSubscriptionVariables>;
export const SendDocument = new TypedDocumentString(`
    mutation Send($input: SendMessageInput!) {
  sendMessage(input: $input) {
    ...MessageFields
  }
}
    fragment MessageFields on Message {
  id
  seq
  type
  text
  deleted
  editedAt
  createdAt
  sender {
    id
    nickname
  }
  attachment {
    id
    mimeType
    url
    width
    height
  }
  location {
    latitude
    longitude
    address
  }
  replyTo {
    id
    text
    deleted
    sender {
      nickname
    }
  }
  mentions {
    id
    nickname
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<SendMutation, SendMutationVariables>;
export const EditDocument = new TypedDocumentString(`
    mutation Edit($id: ID!, $text: String!) {
  editMessage(id: $id, text: $text) {
    ...MessageFields
  }
}
    fragment MessageFields on Message {
  id
  seq
  type
  text
  deleted
  editedAt
  createdAt
  sender {
    id
    nickname
  }
  attachment {
    id
    mimeType
    url
    width
    height
  }
  location {
    latitude
    longitude
    address
  }
  replyTo {
    id
    text
    deleted
    sender {
      nickname
    }
  }
  mentions {
    id
    nickname
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<EditMutation, EditMutationVariables>;
export const TypingDocument = new TypedDocumentString(`
    mutation Typing($chatId: ID!, $typing: Boolean!) {
  setTyping(chatId: $chatId, typing: $typing)
}
    `) as unknown as TypedDocumentString<TypingMutation, TypingMutationVariables>;
export const ChatDocument = new TypedDocumentString(`
    query Chat($id: ID!) {
  chat(id: $id) {
    ...ChatItemFields
  }
}
    fragment ChatItemFields on ChatListItem {
  id
  title
  pinned
  hidden
  doNotDisturb
  meMuted
  canSend
  unreadCount
  unreadMentionCount
  readSeq
  peerReadSeq
  role
  lastActivityAt
  lastMessage {
    id
    seq
    type
    text
    deleted
    sender {
      id
      nickname
    }
  }
  peer {
    id
    nickname
    online
  }
  chat {
    id
    type
    name
    memberCount
    muted
  }
}`) as unknown as TypedDocumentString<ChatQuery, ChatQueryVariables>;
export const ChatUpdatesDocument = new TypedDocumentString(`
    subscription ChatUpdates {
  chatListUpdated {
    ...ChatItemFields
  }
}
    fragment ChatItemFields on ChatListItem {
  id
  title
  pinned
  hidden
  doNotDisturb
  meMuted
  canSend
  unreadCount
  unreadMentionCount
  readSeq
  peerReadSeq
  role
  lastActivityAt
  lastMessage {
    id
    seq
    type
    text
    deleted
    sender {
      id
      nickname
    }
  }
  peer {
    id
    nickname
    online
  }
  chat {
    id
    type
    name
    memberCount
    muted
  }
}`) as unknown as TypedDocumentString<ChatUpdatesSubscription, ChatUpdatesSubscriptionVariables>;
export const MarkReadDocument = new TypedDocumentString(`
    mutation MarkRead($chatId: ID!, $seq: Int) {
  markChatRead(chatId: $chatId, upToSeq: $seq) {
    ...ChatItemFields
  }
}
    fragment ChatItemFields on ChatListItem {
  id
  title
  pinned
  hidden
  doNotDisturb
  meMuted
  canSend
  unreadCount
  unreadMentionCount
  readSeq
  peerReadSeq
  role
  lastActivityAt
  lastMessage {
    id
    seq
    type
    text
    deleted
    sender {
      id
      nickname
    }
  }
  peer {
    id
    nickname
    online
  }
  chat {
    id
    type
    name
    memberCount
    muted
  }
}`) as unknown as TypedDocumentString<MarkReadMutation, MarkReadMutationVariables>;
export const MuteMemberDocument = new TypedDocumentString(`
    mutation MuteMember($chatId: ID!, $userId: ID!, $muted: Boolean!) {
  setMemberMuted(chatId: $chatId, userId: $userId, muted: $muted) {
    ...MemberFields
  }
}
    fragment MemberFields on ChatMember {
  id
  role
  muted
  readSeq
  user {
    id
    nickname
    online
  }
}`) as unknown as TypedDocumentString<MuteMemberMutation, MuteMemberMutationVariables>;
export const MuteGroupDocument = new TypedDocumentString(`
    mutation MuteGroup($chatId: ID!, $muted: Boolean!) {
  setGroupMuted(chatId: $chatId, muted: $muted) {
    id
    muted
  }
}
    `) as unknown as TypedDocumentString<MuteGroupMutation, MuteGroupMutationVariables>;
export const InviteDocument = new TypedDocumentString(`
    mutation Invite($chatId: ID!, $userIds: [ID!]!) {
  inviteToGroup(chatId: $chatId, userIds: $userIds) {
    id
    status
    targetUser {
      id
      nickname
    }
  }
}
    `) as unknown as TypedDocumentString<InviteMutation, InviteMutationVariables>;
export const FriendsToInviteDocument = new TypedDocumentString(`
    query FriendsToInvite {
  friends {
    id
    user {
      id
      nickname
    }
  }
}
    `) as unknown as TypedDocumentString<FriendsToInviteQuery, FriendsToInviteQueryVariables>;
export const DeleteDocument = new TypedDocumentString(`
    mutation Delete($id: ID!) {
  deleteMessage(id: $id) {
    ...MessageFields
  }
}
    fragment MessageFields on Message {
  id
  seq
  type
  text
  deleted
  editedAt
  createdAt
  sender {
    id
    nickname
  }
  attachment {
    id
    mimeType
    url
    width
    height
  }
  location {
    latitude
    longitude
    address
  }
  replyTo {
    id
    text
    deleted
    sender {
      nickname
    }
  }
  mentions {
    id
    nickname
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<DeleteMutation, DeleteMutationVariables>;
export const ReactDocument = new TypedDocumentString(`
    mutation React($id: ID!, $emoji: String!) {
  addReaction(messageId: $id, emoji: $emoji) {
    ...MessageFields
  }
}
    fragment MessageFields on Message {
  id
  seq
  type
  text
  deleted
  editedAt
  createdAt
  sender {
    id
    nickname
  }
  attachment {
    id
    mimeType
    url
    width
    height
  }
  location {
    latitude
    longitude
    address
  }
  replyTo {
    id
    text
    deleted
    sender {
      nickname
    }
  }
  mentions {
    id
    nickname
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<ReactMutation, ReactMutationVariables>;
export const UnreactDocument = new TypedDocumentString(`
    mutation Unreact($id: ID!, $emoji: String!) {
  removeReaction(messageId: $id, emoji: $emoji) {
    ...MessageFields
  }
}
    fragment MessageFields on Message {
  id
  seq
  type
  text
  deleted
  editedAt
  createdAt
  sender {
    id
    nickname
  }
  attachment {
    id
    mimeType
    url
    width
    height
  }
  location {
    latitude
    longitude
    address
  }
  replyTo {
    id
    text
    deleted
    sender {
      nickname
    }
  }
  mentions {
    id
    nickname
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<UnreactMutation, UnreactMutationVariables>;
export const CreateGroupDocument = new TypedDocumentString(`
    mutation CreateGroup($input: CreateGroupInput!) {
  createGroup(input: $input) {
    id
  }
}
    `) as unknown as TypedDocumentString<CreateGroupMutation, CreateGroupMutationVariables>;
export const FriendsDocument = new TypedDocumentString(`
    query Friends {
  friends {
    id
    remark
    user {
      id
      nickname
      online
    }
  }
}
    `) as unknown as TypedDocumentString<FriendsQuery, FriendsQueryVariables>;
export const FindUserDocument = new TypedDocumentString(`
    query FindUser($username: String!) {
  findUser(username: $username) {
    id
    username
    nickname
  }
}
    `) as unknown as TypedDocumentString<FindUserQuery, FindUserQueryVariables>;
export const AddFriendDocument = new TypedDocumentString(`
    mutation AddFriend($userId: ID!) {
  requestFriend(userId: $userId) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<AddFriendMutation, AddFriendMutationVariables>;
export const OpenDirectDocument = new TypedDocumentString(`
    mutation OpenDirect($userId: ID!) {
  openDirectChat(userId: $userId) {
    id
  }
}
    `) as unknown as TypedDocumentString<OpenDirectMutation, OpenDirectMutationVariables>;
export const PresenceDocument = new TypedDocumentString(`
    subscription Presence {
  presenceChanged {
    id
    online
  }
}
    `) as unknown as TypedDocumentString<PresenceSubscription, PresenceSubscriptionVariables>;
export const IncomingRequestsDocument = new TypedDocumentString(`
    query IncomingRequests {
  joinRequests(direction: INCOMING, status: PENDING) {
    id
    type
    message
    requester {
      id
      nickname
    }
    chat {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<IncomingRequestsQuery, IncomingRequestsQueryVariables>;
export const ReviewDocument = new TypedDocumentString(`
    mutation Review($id: ID!, $decision: JoinDecision!) {
  reviewJoinRequest(id: $id, decision: $decision) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ReviewMutation, ReviewMutationVariables>;
export const RequestUpdatesDocument = new TypedDocumentString(`
    subscription RequestUpdates {
  joinRequestUpdated {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<RequestUpdatesSubscription, RequestUpdatesSubscriptionVariables>;
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
      username
      nickname
    }
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const MembersDocument = new TypedDocumentString(`
    query Members($chatId: ID!) {
  chatMembers(chatId: $chatId, first: 100) {
    edges {
      node {
        ...MemberFields
      }
    }
  }
}
    fragment MemberFields on ChatMember {
  id
  role
  muted
  readSeq
  user {
    id
    nickname
    online
  }
}`) as unknown as TypedDocumentString<MembersQuery, MembersQueryVariables>;
export const HistoryDocument = new TypedDocumentString(`
    query History($chatId: ID!, $before: String) {
  messages(chatId: $chatId, last: 30, before: $before) {
    edges {
      node {
        ...MessageFields
      }
    }
    pageInfo {
      hasPreviousPage
      startCursor
    }
  }
}
    fragment MessageFields on Message {
  id
  seq
  type
  text
  deleted
  editedAt
  createdAt
  sender {
    id
    nickname
  }
  attachment {
    id
    mimeType
    url
    width
    height
  }
  location {
    latitude
    longitude
    address
  }
  replyTo {
    id
    text
    deleted
    sender {
      nickname
    }
  }
  mentions {
    id
    nickname
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<HistoryQuery, HistoryQueryVariables>;
export const CatchUpDocument = new TypedDocumentString(`
    query CatchUp($chatId: ID!, $after: String) {
  messages(chatId: $chatId, first: 100, after: $after) {
    edges {
      node {
        ...MessageFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment MessageFields on Message {
  id
  seq
  type
  text
  deleted
  editedAt
  createdAt
  sender {
    id
    nickname
  }
  attachment {
    id
    mimeType
    url
    width
    height
  }
  location {
    latitude
    longitude
    address
  }
  replyTo {
    id
    text
    deleted
    sender {
      nickname
    }
  }
  mentions {
    id
    nickname
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<CatchUpQuery, CatchUpQueryVariables>;
export const LiveDocument = new TypedDocumentString(`
    subscription Live($chatId: ID!) {
  messageAdded(chatId: $chatId) {
    ...MessageFields
  }
}
    fragment MessageFields on Message {
  id
  seq
  type
  text
  deleted
  editedAt
  createdAt
  sender {
    id
    nickname
  }
  attachment {
    id
    mimeType
    url
    width
    height
  }
  location {
    latitude
    longitude
    address
  }
  replyTo {
    id
    text
    deleted
    sender {
      nickname
    }
  }
  mentions {
    id
    nickname
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<LiveSubscription, LiveSubscriptionVariables>;
export const ChangesDocument = new TypedDocumentString(`
    subscription Changes($chatId: ID!) {
  messageUpdated(chatId: $chatId) {
    ...MessageFields
  }
}
    fragment MessageFields on Message {
  id
  seq
  type
  text
  deleted
  editedAt
  createdAt
  sender {
    id
    nickname
  }
  attachment {
    id
    mimeType
    url
    width
    height
  }
  location {
    latitude
    longitude
    address
  }
  replyTo {
    id
    text
    deleted
    sender {
      nickname
    }
  }
  mentions {
    id
    nickname
  }
  mentionsAll
  reactions {
    emoji
    count
    reactedByMe
  }
}`) as unknown as TypedDocumentString<ChangesSubscription, ChangesSubscriptionVariables>;
export const ReceiptsDocument = new TypedDocumentString(`
    subscription Receipts($chatId: ID!) {
  readReceipt(chatId: $chatId) {
    chatId
    readSeq
    user {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ReceiptsSubscription, ReceiptsSubscriptionVariables>;
export const WhoIsTypingDocument = new TypedDocumentString(`
    subscription WhoIsTyping($chatId: ID!) {
  typing(chatId: $chatId) {
    chatId
    typing
    user {
      id
      nickname
    }
  }
}
    `) as unknown as TypedDocumentString<WhoIsTypingSubscription, WhoIsTypingSubscriptionVariables>;
export const RefreshTokenDocument = new TypedDocumentString(`
    mutation RefreshToken {
  refreshToken {
    token
  }
}
    `) as unknown as TypedDocumentString<RefreshTokenMutation, RefreshTokenMutationVariables>;