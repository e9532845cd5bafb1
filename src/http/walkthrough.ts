// The README's walkthrough, as GraphiQL's default tabs: what a newcomer runs first. The README shows
// the same text (a test checks), and a test follows it literally, twice.
export const WALKTHROUGH_TABS = [
  {
    name: "Bob",
    query: `# 1. Bob: run SignUpBob (the second time you follow this walkthrough: SignInBob).
#    Put his token in this tab's Headers: {"Authorization": "Bearer <Bob's token>"}
mutation SignUpBob {
  signUp(username: "bob", password: "password1", nickname: "Bob") { token user { id } }
}

mutation SignInBob {
  signIn(username: "bob", password: "password1") { token user { id } }
}

# 6. Bob's recent chats: the chat with Alice, with its unread count.
query Inbox {
  recentChats(first: 20) {
    edges { node { id title unreadCount lastMessage { text sender { nickname } } } }
    pageInfo { hasNextPage endCursor }
  }
}

# 7. Bob reads it. Variables: {"chat": "<the chat's id from Inbox>"}
mutation ReadAll($chat: ID!) {
  markChatRead(chatId: $chat) { unreadCount readSeq }
}
`,
  },
  {
    name: "Bob, live",
    query: `# 2. Bob's token in this tab's Headers too, then run Live: it stays open, and shows each
#    message sent to Bob as it arrives.
subscription Live {
  messageAdded { chatId seq text sender { nickname } }
}
`,
  },
  {
    name: "Alice",
    query: `# 3. Alice: run SignUpAlice (the second time: SignInAlice).
#    Put her token in this tab's Headers: {"Authorization": "Bearer <Alice's token>"}
mutation SignUpAlice {
  signUp(username: "alice", password: "password1", nickname: "Alice") { token user { id } }
}

mutation SignInAlice {
  signIn(username: "alice", password: "password1") { token user { id } }
}

# 4. Alice opens a chat with Bob. Variables: {"bob": "<Bob's user id from step 1>"}
mutation OpenChatWithBob($bob: ID!) {
  openDirectChat(userId: $bob) { chat { id } title }
}

# 5. Alice says hi; Bob's Live tab shows it. Variables: {"chat": "<the chat's id from step 4>"}
mutation SayHi($chat: ID!) {
  sendMessage(input: { chatId: $chat, type: TEXT, text: "Hi Bob!" }) { id seq createdAt }
}
`,
  },
] as const;
