// A group's members (docs/groups.md): role, mute, read position; reloaded on demand (after an
// invitation is accepted the group's chatListUpdated carries the new memberCount).
import { useCallback, useEffect, useState } from "react";
import { graphql } from "../gql";
import type { ChatItemFieldsFragment, MemberFieldsFragment } from "../gql/graphql";
import { useSession } from "../session";

export const MemberFields = graphql(`
  fragment MemberFields on ChatMember {
    id
    role
    muted
    readSeq
    user { id nickname online }
  }
`);

const Members = graphql(`
  query Members($chatId: ID!) {
    chatMembers(chatId: $chatId, first: 100) { edges { node { ...MemberFields } } }
  }
`);

export type Member = MemberFieldsFragment;

export function useMembers(chat: ChatItemFieldsFragment | null) {
  const { api } = useSession();
  const [members, setMembers] = useState<Member[]>([]);
  const chatId = chat?.chat.type === "GROUP" ? chat.id : null;
  const memberCount = chat?.chat.memberCount;
  const reload = useCallback(() => {
    if (chatId)
      api.request(Members, { chatId }).then((d) => setMembers(d.chatMembers.edges.map((e) => e.node)), console.error);
  }, [api, chatId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new member count means new members
  useEffect(reload, [reload, memberCount]);
  const replace = (member: Member) => setMembers((held) => held.map((m) => (m.id === member.id ? member : m)));
  return { members, reload, replace };
}
