/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation UploadFile($file: Upload!) {\n    uploadFile(file: $file) { id mimeType url width height }\n  }\n": typeof types.UploadFileDocument,
    "\n  mutation Settings($chatId: ID!, $input: ChatSettingsInput!) {\n    updateChatSettings(chatId: $chatId, input: $input) { ...ChatItemFields }\n  }\n": typeof types.SettingsDocument,
    "\n  query RecentChats {\n    recentChats(first: 50) { edges { node { ...ChatItemFields } } }\n  }\n": typeof types.RecentChatsDocument,
    "\n  subscription ListUpdates {\n    chatListUpdated { ...ChatItemFields }\n  }\n": typeof types.ListUpdatesDocument,
    "\n  subscription ListRemovals {\n    chatListRemoved\n  }\n": typeof types.ListRemovalsDocument,
    "\n  subscription FriendPresence {\n    presenceChanged { id online }\n  }\n": typeof types.FriendPresenceDocument,
    "\n  mutation Send($input: SendMessageInput!) {\n    sendMessage(input: $input) { ...MessageFields }\n  }\n": typeof types.SendDocument,
    "\n  mutation Edit($id: ID!, $text: String!) {\n    editMessage(id: $id, text: $text) { ...MessageFields }\n  }\n": typeof types.EditDocument,
    "\n  mutation Typing($chatId: ID!, $typing: Boolean!) {\n    setTyping(chatId: $chatId, typing: $typing)\n  }\n": typeof types.TypingDocument,
    "\n  query Chat($id: ID!) {\n    chat(id: $id) { ...ChatItemFields }\n  }\n": typeof types.ChatDocument,
    "\n  subscription ChatUpdates {\n    chatListUpdated { ...ChatItemFields }\n  }\n": typeof types.ChatUpdatesDocument,
    "\n  mutation MarkRead($chatId: ID!, $seq: Int) {\n    markChatRead(chatId: $chatId, upToSeq: $seq) { ...ChatItemFields }\n  }\n": typeof types.MarkReadDocument,
    "\n  mutation MuteMember($chatId: ID!, $userId: ID!, $muted: Boolean!) {\n    setMemberMuted(chatId: $chatId, userId: $userId, muted: $muted) { ...MemberFields }\n  }\n": typeof types.MuteMemberDocument,
    "\n  mutation MuteGroup($chatId: ID!, $muted: Boolean!) {\n    setGroupMuted(chatId: $chatId, muted: $muted) { id muted }\n  }\n": typeof types.MuteGroupDocument,
    "\n  mutation Invite($chatId: ID!, $userIds: [ID!]!) {\n    inviteToGroup(chatId: $chatId, userIds: $userIds) { id status targetUser { id nickname } }\n  }\n": typeof types.InviteDocument,
    "\n  query FriendsToInvite {\n    friends { id user { id nickname } }\n  }\n": typeof types.FriendsToInviteDocument,
    "\n  mutation Delete($id: ID!) {\n    deleteMessage(id: $id) { ...MessageFields }\n  }\n": typeof types.DeleteDocument,
    "\n  mutation React($id: ID!, $emoji: String!) {\n    addReaction(messageId: $id, emoji: $emoji) { ...MessageFields }\n  }\n": typeof types.ReactDocument,
    "\n  mutation Unreact($id: ID!, $emoji: String!) {\n    removeReaction(messageId: $id, emoji: $emoji) { ...MessageFields }\n  }\n": typeof types.UnreactDocument,
    "\n  mutation CreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) { id }\n  }\n": typeof types.CreateGroupDocument,
    "\n  query Friends {\n    friends { id remark user { id nickname online } }\n  }\n": typeof types.FriendsDocument,
    "\n  query FindUser($username: String!) {\n    findUser(username: $username) { id username nickname }\n  }\n": typeof types.FindUserDocument,
    "\n  mutation AddFriend($userId: ID!) {\n    requestFriend(userId: $userId) { id status }\n  }\n": typeof types.AddFriendDocument,
    "\n  mutation OpenDirect($userId: ID!) {\n    openDirectChat(userId: $userId) { id }\n  }\n": typeof types.OpenDirectDocument,
    "\n  subscription Presence {\n    presenceChanged { id online }\n  }\n": typeof types.PresenceDocument,
    "\n  query IncomingRequests {\n    joinRequests(direction: INCOMING, status: PENDING) { id type message requester { id nickname } chat { id name } }\n  }\n": typeof types.IncomingRequestsDocument,
    "\n  mutation Review($id: ID!, $decision: JoinDecision!) {\n    reviewJoinRequest(id: $id, decision: $decision) { id status }\n  }\n": typeof types.ReviewDocument,
    "\n  subscription RequestUpdates {\n    joinRequestUpdated { id status }\n  }\n": typeof types.RequestUpdatesDocument,
    "\n  mutation SignUp($username: String!, $password: String!, $nickname: String!) {\n    signUp(username: $username, password: $password, nickname: $nickname) {\n      token\n      user { id username nickname }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignIn($username: String!, $password: String!) {\n    signIn(username: $username, password: $password) {\n      token\n      user { id username nickname }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  fragment MemberFields on ChatMember {\n    id\n    role\n    muted\n    readSeq\n    user { id nickname online }\n  }\n": typeof types.MemberFieldsFragmentDoc,
    "\n  query Members($chatId: ID!) {\n    chatMembers(chatId: $chatId, first: 100) { edges { node { ...MemberFields } } }\n  }\n": typeof types.MembersDocument,
    "\n  query History($chatId: ID!, $before: String) {\n    messages(chatId: $chatId, last: 30, before: $before) {\n      edges { node { ...MessageFields } }\n      pageInfo { hasPreviousPage startCursor }\n    }\n  }\n": typeof types.HistoryDocument,
    "\n  query CatchUp($chatId: ID!, $after: String) {\n    messages(chatId: $chatId, first: 100, after: $after) {\n      edges { node { ...MessageFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.CatchUpDocument,
    "\n  subscription Live($chatId: ID!) {\n    messageAdded(chatId: $chatId) { ...MessageFields }\n  }\n": typeof types.LiveDocument,
    "\n  subscription Changes($chatId: ID!) {\n    messageUpdated(chatId: $chatId) { ...MessageFields }\n  }\n": typeof types.ChangesDocument,
    "\n  subscription Receipts($chatId: ID!) {\n    readReceipt(chatId: $chatId) { chatId readSeq user { id } }\n  }\n": typeof types.ReceiptsDocument,
    "\n  subscription WhoIsTyping($chatId: ID!) {\n    typing(chatId: $chatId) { chatId typing user { id nickname } }\n  }\n": typeof types.WhoIsTypingDocument,
    "\n  fragment ChatItemFields on ChatListItem {\n    id\n    title\n    pinned\n    hidden\n    doNotDisturb\n    meMuted\n    canSend\n    unreadCount\n    unreadMentionCount\n    readSeq\n    peerReadSeq\n    role\n    lastActivityAt\n    lastMessage { id seq type text deleted sender { id nickname } }\n    peer { id nickname online }\n    chat { id type name memberCount muted }\n  }\n": typeof types.ChatItemFieldsFragmentDoc,
    "\n  fragment MessageFields on Message {\n    id\n    seq\n    type\n    text\n    deleted\n    editedAt\n    createdAt\n    sender { id nickname }\n    attachment { id mimeType url width height }\n    location { latitude longitude address }\n    replyTo { id text deleted sender { nickname } }\n    mentions { id nickname }\n    mentionsAll\n    reactions { emoji count reactedByMe }\n  }\n": typeof types.MessageFieldsFragmentDoc,
    "\n  mutation RefreshToken {\n    refreshToken { token }\n  }\n": typeof types.RefreshTokenDocument,
};
const documents: Documents = {
    "\n  mutation UploadFile($file: Upload!) {\n    uploadFile(file: $file) { id mimeType url width height }\n  }\n": types.UploadFileDocument,
    "\n  mutation Settings($chatId: ID!, $input: ChatSettingsInput!) {\n    updateChatSettings(chatId: $chatId, input: $input) { ...ChatItemFields }\n  }\n": types.SettingsDocument,
    "\n  query RecentChats {\n    recentChats(first: 50) { edges { node { ...ChatItemFields } } }\n  }\n": types.RecentChatsDocument,
    "\n  subscription ListUpdates {\n    chatListUpdated { ...ChatItemFields }\n  }\n": types.ListUpdatesDocument,
    "\n  subscription ListRemovals {\n    chatListRemoved\n  }\n": types.ListRemovalsDocument,
    "\n  subscription FriendPresence {\n    presenceChanged { id online }\n  }\n": types.FriendPresenceDocument,
    "\n  mutation Send($input: SendMessageInput!) {\n    sendMessage(input: $input) { ...MessageFields }\n  }\n": types.SendDocument,
    "\n  mutation Edit($id: ID!, $text: String!) {\n    editMessage(id: $id, text: $text) { ...MessageFields }\n  }\n": types.EditDocument,
    "\n  mutation Typing($chatId: ID!, $typing: Boolean!) {\n    setTyping(chatId: $chatId, typing: $typing)\n  }\n": types.TypingDocument,
    "\n  query Chat($id: ID!) {\n    chat(id: $id) { ...ChatItemFields }\n  }\n": types.ChatDocument,
    "\n  subscription ChatUpdates {\n    chatListUpdated { ...ChatItemFields }\n  }\n": types.ChatUpdatesDocument,
    "\n  mutation MarkRead($chatId: ID!, $seq: Int) {\n    markChatRead(chatId: $chatId, upToSeq: $seq) { ...ChatItemFields }\n  }\n": types.MarkReadDocument,
    "\n  mutation MuteMember($chatId: ID!, $userId: ID!, $muted: Boolean!) {\n    setMemberMuted(chatId: $chatId, userId: $userId, muted: $muted) { ...MemberFields }\n  }\n": types.MuteMemberDocument,
    "\n  mutation MuteGroup($chatId: ID!, $muted: Boolean!) {\n    setGroupMuted(chatId: $chatId, muted: $muted) { id muted }\n  }\n": types.MuteGroupDocument,
    "\n  mutation Invite($chatId: ID!, $userIds: [ID!]!) {\n    inviteToGroup(chatId: $chatId, userIds: $userIds) { id status targetUser { id nickname } }\n  }\n": types.InviteDocument,
    "\n  query FriendsToInvite {\n    friends { id user { id nickname } }\n  }\n": types.FriendsToInviteDocument,
    "\n  mutation Delete($id: ID!) {\n    deleteMessage(id: $id) { ...MessageFields }\n  }\n": types.DeleteDocument,
    "\n  mutation React($id: ID!, $emoji: String!) {\n    addReaction(messageId: $id, emoji: $emoji) { ...MessageFields }\n  }\n": types.ReactDocument,
    "\n  mutation Unreact($id: ID!, $emoji: String!) {\n    removeReaction(messageId: $id, emoji: $emoji) { ...MessageFields }\n  }\n": types.UnreactDocument,
    "\n  mutation CreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) { id }\n  }\n": types.CreateGroupDocument,
    "\n  query Friends {\n    friends { id remark user { id nickname online } }\n  }\n": types.FriendsDocument,
    "\n  query FindUser($username: String!) {\n    findUser(username: $username) { id username nickname }\n  }\n": types.FindUserDocument,
    "\n  mutation AddFriend($userId: ID!) {\n    requestFriend(userId: $userId) { id status }\n  }\n": types.AddFriendDocument,
    "\n  mutation OpenDirect($userId: ID!) {\n    openDirectChat(userId: $userId) { id }\n  }\n": types.OpenDirectDocument,
    "\n  subscription Presence {\n    presenceChanged { id online }\n  }\n": types.PresenceDocument,
    "\n  query IncomingRequests {\n    joinRequests(direction: INCOMING, status: PENDING) { id type message requester { id nickname } chat { id name } }\n  }\n": types.IncomingRequestsDocument,
    "\n  mutation Review($id: ID!, $decision: JoinDecision!) {\n    reviewJoinRequest(id: $id, decision: $decision) { id status }\n  }\n": types.ReviewDocument,
    "\n  subscription RequestUpdates {\n    joinRequestUpdated { id status }\n  }\n": types.RequestUpdatesDocument,
    "\n  mutation SignUp($username: String!, $password: String!, $nickname: String!) {\n    signUp(username: $username, password: $password, nickname: $nickname) {\n      token\n      user { id username nickname }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation SignIn($username: String!, $password: String!) {\n    signIn(username: $username, password: $password) {\n      token\n      user { id username nickname }\n    }\n  }\n": types.SignInDocument,
    "\n  fragment MemberFields on ChatMember {\n    id\n    role\n    muted\n    readSeq\n    user { id nickname online }\n  }\n": types.MemberFieldsFragmentDoc,
    "\n  query Members($chatId: ID!) {\n    chatMembers(chatId: $chatId, first: 100) { edges { node { ...MemberFields } } }\n  }\n": types.MembersDocument,
    "\n  query History($chatId: ID!, $before: String) {\n    messages(chatId: $chatId, last: 30, before: $before) {\n      edges { node { ...MessageFields } }\n      pageInfo { hasPreviousPage startCursor }\n    }\n  }\n": types.HistoryDocument,
    "\n  query CatchUp($chatId: ID!, $after: String) {\n    messages(chatId: $chatId, first: 100, after: $after) {\n      edges { node { ...MessageFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.CatchUpDocument,
    "\n  subscription Live($chatId: ID!) {\n    messageAdded(chatId: $chatId) { ...MessageFields }\n  }\n": types.LiveDocument,
    "\n  subscription Changes($chatId: ID!) {\n    messageUpdated(chatId: $chatId) { ...MessageFields }\n  }\n": types.ChangesDocument,
    "\n  subscription Receipts($chatId: ID!) {\n    readReceipt(chatId: $chatId) { chatId readSeq user { id } }\n  }\n": types.ReceiptsDocument,
    "\n  subscription WhoIsTyping($chatId: ID!) {\n    typing(chatId: $chatId) { chatId typing user { id nickname } }\n  }\n": types.WhoIsTypingDocument,
    "\n  fragment ChatItemFields on ChatListItem {\n    id\n    title\n    pinned\n    hidden\n    doNotDisturb\n    meMuted\n    canSend\n    unreadCount\n    unreadMentionCount\n    readSeq\n    peerReadSeq\n    role\n    lastActivityAt\n    lastMessage { id seq type text deleted sender { id nickname } }\n    peer { id nickname online }\n    chat { id type name memberCount muted }\n  }\n": types.ChatItemFieldsFragmentDoc,
    "\n  fragment MessageFields on Message {\n    id\n    seq\n    type\n    text\n    deleted\n    editedAt\n    createdAt\n    sender { id nickname }\n    attachment { id mimeType url width height }\n    location { latitude longitude address }\n    replyTo { id text deleted sender { nickname } }\n    mentions { id nickname }\n    mentionsAll\n    reactions { emoji count reactedByMe }\n  }\n": types.MessageFieldsFragmentDoc,
    "\n  mutation RefreshToken {\n    refreshToken { token }\n  }\n": types.RefreshTokenDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadFile($file: Upload!) {\n    uploadFile(file: $file) { id mimeType url width height }\n  }\n"): typeof import('./graphql.js').UploadFileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Settings($chatId: ID!, $input: ChatSettingsInput!) {\n    updateChatSettings(chatId: $chatId, input: $input) { ...ChatItemFields }\n  }\n"): typeof import('./graphql.js').SettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecentChats {\n    recentChats(first: 50) { edges { node { ...ChatItemFields } } }\n  }\n"): typeof import('./graphql.js').RecentChatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ListUpdates {\n    chatListUpdated { ...ChatItemFields }\n  }\n"): typeof import('./graphql.js').ListUpdatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ListRemovals {\n    chatListRemoved\n  }\n"): typeof import('./graphql.js').ListRemovalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription FriendPresence {\n    presenceChanged { id online }\n  }\n"): typeof import('./graphql.js').FriendPresenceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Send($input: SendMessageInput!) {\n    sendMessage(input: $input) { ...MessageFields }\n  }\n"): typeof import('./graphql.js').SendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Edit($id: ID!, $text: String!) {\n    editMessage(id: $id, text: $text) { ...MessageFields }\n  }\n"): typeof import('./graphql.js').EditDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Typing($chatId: ID!, $typing: Boolean!) {\n    setTyping(chatId: $chatId, typing: $typing)\n  }\n"): typeof import('./graphql.js').TypingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Chat($id: ID!) {\n    chat(id: $id) { ...ChatItemFields }\n  }\n"): typeof import('./graphql.js').ChatDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ChatUpdates {\n    chatListUpdated { ...ChatItemFields }\n  }\n"): typeof import('./graphql.js').ChatUpdatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkRead($chatId: ID!, $seq: Int) {\n    markChatRead(chatId: $chatId, upToSeq: $seq) { ...ChatItemFields }\n  }\n"): typeof import('./graphql.js').MarkReadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MuteMember($chatId: ID!, $userId: ID!, $muted: Boolean!) {\n    setMemberMuted(chatId: $chatId, userId: $userId, muted: $muted) { ...MemberFields }\n  }\n"): typeof import('./graphql.js').MuteMemberDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MuteGroup($chatId: ID!, $muted: Boolean!) {\n    setGroupMuted(chatId: $chatId, muted: $muted) { id muted }\n  }\n"): typeof import('./graphql.js').MuteGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Invite($chatId: ID!, $userIds: [ID!]!) {\n    inviteToGroup(chatId: $chatId, userIds: $userIds) { id status targetUser { id nickname } }\n  }\n"): typeof import('./graphql.js').InviteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FriendsToInvite {\n    friends { id user { id nickname } }\n  }\n"): typeof import('./graphql.js').FriendsToInviteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Delete($id: ID!) {\n    deleteMessage(id: $id) { ...MessageFields }\n  }\n"): typeof import('./graphql.js').DeleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation React($id: ID!, $emoji: String!) {\n    addReaction(messageId: $id, emoji: $emoji) { ...MessageFields }\n  }\n"): typeof import('./graphql.js').ReactDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unreact($id: ID!, $emoji: String!) {\n    removeReaction(messageId: $id, emoji: $emoji) { ...MessageFields }\n  }\n"): typeof import('./graphql.js').UnreactDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGroup($input: CreateGroupInput!) {\n    createGroup(input: $input) { id }\n  }\n"): typeof import('./graphql.js').CreateGroupDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Friends {\n    friends { id remark user { id nickname online } }\n  }\n"): typeof import('./graphql.js').FriendsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindUser($username: String!) {\n    findUser(username: $username) { id username nickname }\n  }\n"): typeof import('./graphql.js').FindUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddFriend($userId: ID!) {\n    requestFriend(userId: $userId) { id status }\n  }\n"): typeof import('./graphql.js').AddFriendDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenDirect($userId: ID!) {\n    openDirectChat(userId: $userId) { id }\n  }\n"): typeof import('./graphql.js').OpenDirectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Presence {\n    presenceChanged { id online }\n  }\n"): typeof import('./graphql.js').PresenceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IncomingRequests {\n    joinRequests(direction: INCOMING, status: PENDING) { id type message requester { id nickname } chat { id name } }\n  }\n"): typeof import('./graphql.js').IncomingRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Review($id: ID!, $decision: JoinDecision!) {\n    reviewJoinRequest(id: $id, decision: $decision) { id status }\n  }\n"): typeof import('./graphql.js').ReviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RequestUpdates {\n    joinRequestUpdated { id status }\n  }\n"): typeof import('./graphql.js').RequestUpdatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($username: String!, $password: String!, $nickname: String!) {\n    signUp(username: $username, password: $password, nickname: $nickname) {\n      token\n      user { id username nickname }\n    }\n  }\n"): typeof import('./graphql.js').SignUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($username: String!, $password: String!) {\n    signIn(username: $username, password: $password) {\n      token\n      user { id username nickname }\n    }\n  }\n"): typeof import('./graphql.js').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MemberFields on ChatMember {\n    id\n    role\n    muted\n    readSeq\n    user { id nickname online }\n  }\n"): typeof import('./graphql.js').MemberFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Members($chatId: ID!) {\n    chatMembers(chatId: $chatId, first: 100) { edges { node { ...MemberFields } } }\n  }\n"): typeof import('./graphql.js').MembersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query History($chatId: ID!, $before: String) {\n    messages(chatId: $chatId, last: 30, before: $before) {\n      edges { node { ...MessageFields } }\n      pageInfo { hasPreviousPage startCursor }\n    }\n  }\n"): typeof import('./graphql.js').HistoryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CatchUp($chatId: ID!, $after: String) {\n    messages(chatId: $chatId, first: 100, after: $after) {\n      edges { node { ...MessageFields } }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): typeof import('./graphql.js').CatchUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Live($chatId: ID!) {\n    messageAdded(chatId: $chatId) { ...MessageFields }\n  }\n"): typeof import('./graphql.js').LiveDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Changes($chatId: ID!) {\n    messageUpdated(chatId: $chatId) { ...MessageFields }\n  }\n"): typeof import('./graphql.js').ChangesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Receipts($chatId: ID!) {\n    readReceipt(chatId: $chatId) { chatId readSeq user { id } }\n  }\n"): typeof import('./graphql.js').ReceiptsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription WhoIsTyping($chatId: ID!) {\n    typing(chatId: $chatId) { chatId typing user { id nickname } }\n  }\n"): typeof import('./graphql.js').WhoIsTypingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChatItemFields on ChatListItem {\n    id\n    title\n    pinned\n    hidden\n    doNotDisturb\n    meMuted\n    canSend\n    unreadCount\n    unreadMentionCount\n    readSeq\n    peerReadSeq\n    role\n    lastActivityAt\n    lastMessage { id seq type text deleted sender { id nickname } }\n    peer { id nickname online }\n    chat { id type name memberCount muted }\n  }\n"): typeof import('./graphql.js').ChatItemFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MessageFields on Message {\n    id\n    seq\n    type\n    text\n    deleted\n    editedAt\n    createdAt\n    sender { id nickname }\n    attachment { id mimeType url width height }\n    location { latitude longitude address }\n    replyTo { id text deleted sender { nickname } }\n    mentions { id nickname }\n    mentionsAll\n    reactions { emoji count reactedByMe }\n  }\n"): typeof import('./graphql.js').MessageFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshToken {\n    refreshToken { token }\n  }\n"): typeof import('./graphql.js').RefreshTokenDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
