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

export type LocationInput = {
  address?: string | null | undefined;
  cityCode?: number | null | undefined;
  latitude: number;
  longitude: number;
};

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
  text?: string | null | undefined;
  type: MessageType;
};

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

export type MsgFragment = { id: string, chatId: string, seq: number, senderDeviceId: string | null, type: MessageType, text: string, fileId: string | null, clientMessageId: string | null, deleted: boolean, createdAt: string, sender: { id: string }, location: { latitude: number, longitude: number, cityCode: number | null, address: string } | null };

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
export const MsgFragmentDoc = new TypedDocumentString(`
    fragment Msg on Message {
  id
  chatId
  seq
  sender {
    id
  }
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
    `, {"fragmentName":"Msg"}) as unknown as TypedDocumentString<MsgFragment, unknown>;
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
export const SendMessageDocument = new TypedDocumentString(`
    mutation SendMessage($input: SendMessageInput!) {
  sendMessage(input: $input) {
    ...Msg
  }
}
    fragment Msg on Message {
  id
  chatId
  seq
  sender {
    id
  }
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
  id
  chatId
  seq
  sender {
    id
  }
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
  id
  chatId
  seq
  sender {
    id
  }
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
  id
  chatId
  seq
  sender {
    id
  }
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