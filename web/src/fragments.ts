// Fields the list, its live updates and the conversation share (docs/chats.md, docs/messages.md).
import { graphql } from "./gql";

export const ChatItemFields = graphql(`
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
    lastMessage { id seq type text deleted sender { id nickname } }
    peer { id nickname online }
    chat { id type name memberCount muted }
  }
`);

export const MessageFields = graphql(`
  fragment MessageFields on Message {
    id
    seq
    type
    text
    deleted
    editedAt
    createdAt
    sender { id nickname }
    attachment { id mimeType url width height }
    location { latitude longitude address }
    replyTo { id text deleted sender { nickname } }
    mentions { id nickname }
    mentionsAll
    reactions { emoji count reactedByMe }
  }
`);
