// Creates a group with some of the caller's friends (docs/groups.md); more join by invitation.
import { type FormEvent, useState } from "react";
import { graphql } from "../gql";
import { useSession } from "../session";

const CreateGroup = graphql(`
  mutation CreateGroup($input: CreateGroupInput!) {
    createGroup(input: $input) { id }
  }
`);

type Props = { friends: { id: string; nickname: string }[]; onCreated(chatId: string): void };

export function NewGroup({ friends, onCreated }: Props) {
  const { api } = useSession();
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const input = { name: String(form.get("name")), memberIds: form.getAll("member").map(String) };
    try {
      onCreated((await api.request(CreateGroup, { input })).createGroup.id);
      element.reset();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <details className="new-group">
      <summary>New group</summary>
      <form onSubmit={submit}>
        <input name="name" placeholder="Group name" aria-label="Group name" required />
        {friends.map((f) => (
          <label key={f.id}>
            <input type="checkbox" name="member" value={f.id} /> {f.nickname}
          </label>
        ))}
        <button type="submit">Create</button>
        {error && <p className="error">{error}</p>}
      </form>
    </details>
  );
}
