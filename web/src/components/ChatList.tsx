// The recent-chat list (docs/chats.md): pinned first, then by last activity; kept live with
// chatListUpdated (replace by id, move to its place), chatListRemoved and presenceChanged;
// loaded again after a lost connection.
import { useCallback, useEffect, useState } from "react";
import { graphql } from "../gql";
import type { ChatItemFieldsFragment } from "../gql/graphql";
import { useReconnect, useSession, useSubscription } from "../session";
import { PresenceDot } from "./PresenceDot";

const RecentChats = graphql(`
  query RecentChats {
    recentChats(first: 50) { edges { node { ...ChatItemFields } } }
  }
`);

const ListUpdates = graphql(`
  subscription ListUpdates {
    chatListUpdated { ...ChatItemFields }
  }
`);

const ListRemovals = graphql(`
  subscription ListRemovals {
    chatListRemoved
  }
`);

const FriendPresence = graphql(`
  subscription FriendPresence {
    presenceChanged { id online }
  }
`);

type Item = ChatItemFieldsFragment;

const order = (a: Item, b: Item) =>
  Number(b.pinned) - Number(a.pinned) || b.lastActivityAt.localeCompare(a.lastActivityAt);

export function ChatList({ selected, onSelect }: { selected: string | null; onSelect(id: string): void }) {
  const { api } = useSession();
  const [items, setItems] = useState<Item[]>([]);

  const load = useCallback(
    () => api.request(RecentChats).then((d) => setItems(d.recentChats.edges.map((e) => e.node)), console.error),
    [api],
  );
  useEffect(() => void load(), [load]);
  useReconnect(load);
  // A hidden chat (hideChat) leaves the list until its next message, which updates it again.
  useSubscription(ListUpdates, {}, ({ chatListUpdated: item }) =>
    setItems((list) => [...list.filter((i) => i.id !== item.id), ...(item.hidden ? [] : [item])].sort(order)),
  );
  useSubscription(ListRemovals, {}, ({ chatListRemoved: id }) => setItems((list) => list.filter((i) => i.id !== id)));
  useSubscription(FriendPresence, {}, ({ presenceChanged: user }) =>
    setItems((list) =>
      list.map((i) => (i.peer?.id === user.id ? { ...i, peer: { ...i.peer, online: user.online } } : i)),
    ),
  );

  return (
    <nav className="chat-list" aria-label="Chats">
      {items.map((item) => (
        <button
          type="button"
          key={item.id}
          data-testid={`chat-${item.id}`}
          className={item.id === selected ? "chat-item selected" : "chat-item"}
          onClick={() => onSelect(item.id)}
        >
          <span className="chat-title">
            {item.peer && <PresenceDot online={item.peer.online} />}
            {item.title}
            {item.pinned && <span title="Pinned"> 📌</span>}
            {item.doNotDisturb && <span title="Do not disturb"> 🔕</span>}
            {(item.chat.muted || item.meMuted) && <span title="Muted"> 🔇</span>}
          </span>
          <span className="chat-preview">{preview(item.lastMessage)}</span>
          <span className="badges">
            {item.unreadMentionCount > 0 && <span className="badge mention">@</span>}
            {item.unreadCount > 0 && (
              <span className="badge" data-testid="unread">
                {item.unreadCount}
              </span>
            )}
          </span>
        </button>
      ))}
    </nav>
  );
}

function preview(m: Item["lastMessage"]): string {
  if (!m) return "";
  if (m.deleted) return "Message deleted";
  const body = m.type === "TEXT" ? m.text : `[${m.type.toLowerCase()}]`;
  return `${m.sender.nickname}: ${body}`;
}
