// A group's members and its management (docs/groups.md): owner and admins mute the group or a
// member; any member who may speak invites friends.
import { useEffect, useState } from "react";
import { graphql } from "../gql";
import type { ChatItemFieldsFragment } from "../gql/graphql";
import { useSession } from "../session";
import { PresenceDot } from "./PresenceDot";
import type { Member } from "./useMembers";

const MuteMember = graphql(`
  mutation MuteMember($chatId: ID!, $userId: ID!, $muted: Boolean!) {
    setMemberMuted(chatId: $chatId, userId: $userId, muted: $muted) { ...MemberFields }
  }
`);

const MuteGroup = graphql(`
  mutation MuteGroup($chatId: ID!, $muted: Boolean!) {
    setGroupMuted(chatId: $chatId, muted: $muted) { id muted }
  }
`);

const Invite = graphql(`
  mutation Invite($chatId: ID!, $userIds: [ID!]!) {
    inviteToGroup(chatId: $chatId, userIds: $userIds) { id status targetUser { id nickname } }
  }
`);

const FriendsToInvite = graphql(`
  query FriendsToInvite {
    friends { id user { id nickname } }
  }
`);

type Props = {
  chat: ChatItemFieldsFragment;
  members: Member[];
  onMemberChange(member: Member): void;
  onError(err: unknown): void;
};

export function GroupPanel({ chat, members, onMemberChange, onError }: Props) {
  const { api, me } = useSession();
  const moderator = chat.role === "OWNER" || chat.role === "ADMIN";
  const [friends, setFriends] = useState<{ id: string; nickname: string }[]>([]);
  const [invited, setInvited] = useState<string | null>(null);

  useEffect(() => {
    api.request(FriendsToInvite).then((d) => setFriends(d.friends.map((f) => f.user)), onError);
  }, [api, onError]);
  const outside = friends.filter((f) => !members.some((m) => m.user.id === f.id));

  const muteMember = (m: Member) =>
    api
      .request(MuteMember, { chatId: chat.id, userId: m.user.id, muted: !m.muted })
      .then((d) => onMemberChange(d.setMemberMuted), onError);
  const invite = (userId: string) =>
    api
      .request(Invite, { chatId: chat.id, userIds: [userId] })
      .then((d) => setInvited(d.inviteToGroup.map((r) => r.targetUser?.nickname).join(", ")), onError);

  return (
    <details className="group-panel">
      <summary>Members</summary>
      {moderator && (
        <label>
          <input
            type="checkbox"
            checked={chat.chat.muted}
            onChange={(e) => api.request(MuteGroup, { chatId: chat.id, muted: e.target.checked }).catch(onError)}
          />{" "}
          Mute the group (only the owner and admins send)
        </label>
      )}
      <ul>
        {members.map((m) => (
          <li key={m.id} data-testid="member">
            <PresenceDot online={m.user.online} /> {m.user.nickname}
            {m.role !== "MEMBER" && <span className="muted-text"> {m.role.toLowerCase()}</span>}
            {m.muted && <span className="tag"> muted</span>}
            {moderator && m.user.id !== me.id && m.role !== "OWNER" && (
              <button type="button" className="link" onClick={() => muteMember(m)}>
                {m.muted ? "Unmute" : "Mute"}
              </button>
            )}
          </li>
        ))}
      </ul>
      {chat.canSend && outside.length > 0 && (
        <p>
          Invite:{" "}
          {outside.map((f) => (
            <button type="button" className="link" key={f.id} onClick={() => invite(f.id)}>
              {f.nickname}
            </button>
          ))}
        </p>
      )}
      {invited && <p className="muted-text">Invited {invited}</p>}
    </details>
  );
}
