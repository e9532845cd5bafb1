// One chat: its messages (useMessages), typing, read receipts, the group's members; marks the chat
// read as messages arrive while it is open (docs/chats.md).
import { useCallback, useEffect, useRef, useState } from "react";
import { graphql } from "../gql";
import type { ChatItemFieldsFragment } from "../gql/graphql";
import { useSession, useSubscription } from "../session";
import { ChatHeader } from "./ChatHeader";
import { Composer, type Draft } from "./Composer";
import { GroupPanel } from "./GroupPanel";
import { MessageItem } from "./MessageItem";
import { useMembers } from "./useMembers";
import { useMessages } from "./useMessages";
import { useReceipts } from "./useReceipts";
import { useTyping } from "./useTyping";

const ChatQuery = graphql(`
  query Chat($id: ID!) {
    chat(id: $id) { ...ChatItemFields }
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
  const [draft, setDraft] = useState<Draft>({ kind: "new" });
  const [error, setError] = useState<string | null>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const showError = useCallback((err: unknown) => setError((err as Error).message), []);
  const { messages, hasOlder, loadOlder } = useMessages(chatId, showError);
  const typing = useTyping(chatId);
  const { members, replace } = useMembers(chat);
  const readBy = useReceipts(chat, members);
  const lastSeq = messages.at(-1)?.seq ?? 0;

  // Read up to the newest message while the chat is open and the page visible.
  const visible = usePageVisible();
  useEffect(() => {
    if (visible && lastSeq > chat.readSeq)
      api.request(MarkRead, { chatId, seq: lastSeq }).then((d) => onChange(d.markChatRead), showError);
  }, [api, chatId, visible, lastSeq, chat.readSeq, onChange, showError]);
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
        {hasOlder && (
          <button type="button" className="link older" onClick={loadOlder}>
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

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(document.visibilityState === "visible");
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === "visible");
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, []);
  return visible;
}
