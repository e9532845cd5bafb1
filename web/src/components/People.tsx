// Friends with presence dots (a click opens the direct chat), finding a user by username to ask
// for friendship, incoming requests and invitations, and a new group (docs/friends.md).
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { graphql } from "../gql";
import type { FindUserQuery } from "../gql/graphql";
import { useSession, useSubscription } from "../session";
import { NewGroup } from "./NewGroup";
import { PresenceDot } from "./PresenceDot";
import { Requests } from "./Requests";

const Friends = graphql(`
  query Friends {
    friends { id remark user { id nickname online } }
  }
`);

const FindUser = graphql(`
  query FindUser($username: String!) {
    findUser(username: $username) { id username nickname }
  }
`);

const AddFriend = graphql(`
  mutation AddFriend($userId: ID!) {
    requestFriend(userId: $userId) { id status }
  }
`);

const OpenDirect = graphql(`
  mutation OpenDirect($userId: ID!) {
    openDirectChat(userId: $userId) { id }
  }
`);

const Presence = graphql(`
  subscription Presence {
    presenceChanged { id online }
  }
`);

type Friend = { id: string; nickname: string; online: boolean };

export function People({ onOpenChat }: { onOpenChat(chatId: string): void }) {
  const { api } = useSession();
  const [friends, setFriends] = useState<Friend[]>([]);
  const [found, setFound] = useState<FindUserQuery["findUser"] | undefined>(undefined);
  const [note, setNote] = useState<string | null>(null);

  const loadFriends = useCallback(
    () => api.request(Friends).then((d) => setFriends(d.friends.map((f) => f.user)), console.error),
    [api],
  );
  useEffect(() => void loadFriends(), [loadFriends]);
  useSubscription(Presence, {}, ({ presenceChanged: u }) =>
    setFriends((list) => list.map((f) => (f.id === u.id ? { ...f, online: u.online } : f))),
  );

  async function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const username = String(new FormData(event.currentTarget).get("username"));
    setNote(null);
    setFound((await api.request(FindUser, { username })).findUser);
  }
  const fail = (err: unknown) => setNote((err as Error).message);
  const addFriend = (userId: string) =>
    api.request(AddFriend, { userId }).then(() => (setFound(undefined), setNote("Friend request sent")), fail);
  const open = (userId: string) =>
    api.request(OpenDirect, { userId }).then((d) => onOpenChat(d.openDirectChat.id), fail);

  return (
    <section className="people">
      <h3>Friends</h3>
      <ul className="friends">
        {friends.map((f) => (
          <li key={f.id}>
            <button type="button" className="link" data-testid="friend" onClick={() => open(f.id)}>
              <PresenceDot online={f.online} /> {f.nickname}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => find(e).catch(fail)}>
        <input name="username" placeholder="Find a user by username" aria-label="Find user" required />
        <button type="submit">Find</button>
      </form>
      {found === null && <p className="muted-text">No such user.</p>}
      {found && (
        <p className="found">
          {found.nickname} <span className="muted-text">@{found.username}</span>{" "}
          <button type="button" onClick={() => addFriend(found.id)}>
            Add friend
          </button>
        </p>
      )}
      {note && <p className="muted-text">{note}</p>}
      <Requests onAccepted={loadFriends} />
      <NewGroup friends={friends} onCreated={onOpenChat} />
    </section>
  );
}
