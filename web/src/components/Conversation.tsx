// One chat (docs/messages.md): the newest 30 messages, older pages on demand, live messages and
// changes (caught up after a lost connection), typing, read receipts; marks the chat read as
// messages arrive while it is open.
import { useCallback, useEffect, useRef, useState } from "react";
import { graphql } from "../gql";
import type { CatchUpQuery, ChatItemFieldsFragment, MessageFieldsFragment } from "../gql/graphql";
import { useReconnect, useSession, useSubscription } from "../session";
import { ChatHeader } from "./ChatHeader";
import { Composer, type Draft } from "./Composer";
import { GroupPanel } from "./GroupPanel";
import { MessageItem } from "./MessageItem";
import { useMembers } from "./useMembers";
import { useReceipts } from "./useReceipts";
import { useTyping } from "./useTyping";

const ChatQuery = graphql(`
  query Chat($id: ID!) {
    chat(id: $id) { ...ChatItemFields }
  }
`);

const History = graphql(`
  query History($chatId: ID!, $before: String) {
    messages(chatId: $chatId, last: 30, before: $before) {
      edges { node { ...MessageFields } }
      pageInfo { hasPreviousPage startCursor }
    }
  }
`);

const CatchUp = graphql(`
  query CatchUp($chatId: ID!, $after: String) {
    messages(chatId: $chatId, first: 100, after: $after) {
      edges { node { ...MessageFields } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const Live = graphql(`
  subscription Live($chatId: ID!) {
    messageAdded(chatId: $chatId) { ...MessageFields }
  }
`);

const Changes = graphql(`
  subscription Changes($chatId: ID!) {
    messageUpdated(chatId: $chatId) { ...MessageFields }
  }
`);

const ChatUpdates = graphql(`
  subscription ChatUpdates {
    chatListUpdated { ...ChatItemFields }
  }
`);

const MarkRead = graphql(`
  mutation MarkRead($chatId: ID!, $seq: Int) {
    markChatRead(chatId: $chatId, upToSeq: $seq) { ...ChatItemFields }
  }
`);

type Message = MessageFieldsFragment;
type Page = { hasOlder: boolean; cursor: string | null };

/** Adds messages by seq, replacing ones already held (a live message may race the history page). */
const merge = (held: Message[], more: Message[]) => {
  const bySeq = new Map(held.map((m) => [m.seq, m]));
  for (const m of more) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
};

/** Loads the chat, keeps it current (chatListUpdated), and shows it once loaded. */
export function Conversation({ chatId }: { chatId: string }) {
  const { api } = useSession();
  const [chat, setChat] = useState<ChatItemFieldsFragment | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.request(ChatQuery, { id: chatId }).then(
      (d) => setChat(d.chat ?? null),
      (err: Error) => setError(err.message),
    );
  }, [api, chatId]);
  useSubscription(ChatUpdates, {}, ({ chatListUpdated }) => chatListUpdated.id === chatId && setChat(chatListUpdated));
  if (!chat) return error ? <p className="error">{error}</p> : null;
  return <ChatView chat={chat} onChange={setChat} />;
}

function ChatView({ chat, onChange }: { chat: ChatItemFieldsFragment; onChange(chat: ChatItemFieldsFragment): void }) {
  const { api } = useSession();
  const chatId = chat.id;
  const [messages, setMessages] = useState<Message[]>([]);
  const [page, setPage] = useState<Page>({ hasOlder: false, cursor: null });
  const [draft, setDraft] = useState<Draft>({ kind: "new" });
  const [error, setError] = useState<string | null>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const typing = useTyping(chatId);
  const { members, replace } = useMembers(chat);
  const readBy = useReceipts(chat, members);
  const showError = useCallback((err: unknown) => setError((err as Error).message), []);

  const loadOlder = useCallback(
    async (before: string | null) => {
      const { messages: page } = await api.request(History, { chatId, before });
      setMessages((held) =>
        merge(
          held,
          page.edges.map((e) => e.node),
        ),
      );
      setPage({ hasOlder: page.pageInfo.hasPreviousPage, cursor: page.pageInfo.startCursor ?? null });
    },
    [api, chatId],
  );
  useEffect(() => {
    loadOlder(null).catch(showError);
  }, [loadOlder, showError]);

  useSubscription(Live, { chatId }, ({ messageAdded }) => setMessages((held) => merge(held, [messageAdded])));
  useSubscription(Changes, { chatId }, ({ messageUpdated: m }) =>
    setMessages((held) => held.map((h) => (h.id === m.id ? m : h))),
  );

  // Back from a lost connection: the messages after the newest one held (a cursor is a seq).
  const lastSeq = messages.at(-1)?.seq ?? 0;
  useReconnect(async () => {
    let after: string | null | undefined = String(lastSeq);
    while (after) {
      const { messages: newer }: CatchUpQuery = await api.request(CatchUp, { chatId, after });
      setMessages((held) =>
        merge(
          held,
          newer.edges.map((e) => e.node),
        ),
      );
      after = newer.pageInfo.hasNextPage ? newer.pageInfo.endCursor : null;
    }
  });

  // Read up to the newest message while the chat is open and the page visible.
  useEffect(() => {
    if (lastSeq > chat.readSeq && document.visibilityState === "visible")
      api.request(MarkRead, { chatId, seq: lastSeq }).then((d) => onChange(d.markChatRead), showError);
  }, [api, chatId, lastSeq, chat.readSeq, onChange, showError]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls down when a newer message arrives
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "end" }); // newer browsers answer a Promise: not a clean-up
  }, [lastSeq]);

  return (
    <section className="conversation" aria-label={chat.title}>
      <ChatHeader chat={chat} onChange={onChange} onError={showError} />
      {chat.chat.type === "GROUP" && (
        <GroupPanel chat={chat} members={members} onMemberChange={replace} onError={showError} />
      )}
      <div className="messages">
        {page.hasOlder && (
          <button type="button" className="link older" onClick={() => loadOlder(page.cursor).catch(showError)}>
            Load older messages
          </button>
        )}
        {messages.map((m) => (
          <MessageItem
            key={m.id}
            message={m}
            chat={chat}
            readBy={readBy(m.seq)}
            onDraft={setDraft}
            onError={showError}
          />
        ))}
        <div ref={bottom} />
      </div>
      {typing.length > 0 && (
        <p className="typing" data-testid="typing">
          {typing.join(", ")} {typing.length > 1 ? "are" : "is"} typing…
        </p>
      )}
      {error && (
        <button type="button" className="error" onClick={() => setError(null)}>
          {error} ✕
        </button>
      )}
      <Composer chat={chat} draft={draft} onDraft={setDraft} onError={showError} members={members.map((m) => m.user)} />
    </section>
  );
}
