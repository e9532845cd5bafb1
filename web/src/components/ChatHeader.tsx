// The open chat's title and the caller's own settings for it: pin and do-not-disturb (docs/chats.md).

import { graphql } from "../gql";
import type { ChatItemFieldsFragment } from "../gql/graphql";
import { useSession } from "../session";
import { PresenceDot } from "./PresenceDot";

const Settings = graphql(`
  mutation Settings($chatId: ID!, $input: ChatSettingsInput!) {
    updateChatSettings(chatId: $chatId, input: $input) { ...ChatItemFields }
  }
`);

type Props = {
  chat: ChatItemFieldsFragment;
  onChange(chat: ChatItemFieldsFragment): void;
  onError(err: unknown): void;
};

export function ChatHeader({ chat, onChange, onError }: Props) {
  const { api } = useSession();
  const set = (input: { pinned?: boolean; doNotDisturb?: boolean }) =>
    api.request(Settings, { chatId: chat.id, input }).then((d) => onChange(d.updateChatSettings), onError);
  return (
    <header className="chat-header">
      <h2>
        {chat.peer && <PresenceDot online={chat.peer.online} />}
        {chat.title}
        {chat.chat.type === "GROUP" && <span className="muted-text"> · {chat.chat.memberCount} members</span>}
      </h2>
      <label>
        <input type="checkbox" checked={chat.pinned} onChange={(e) => set({ pinned: e.target.checked })} /> Pin
      </label>
      <label>
        <input type="checkbox" checked={chat.doNotDisturb} onChange={(e) => set({ doNotDisturb: e.target.checked })} />{" "}
        Do not disturb
      </label>
    </header>
  );
}
