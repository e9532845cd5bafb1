// Writing: text (with @nickname mentions of group members), an image (uploadFile, then an IMAGE
// message), the browser's location, replies and edits. Sends typing while the user types
// (renewed every 3 s, stopped after 4 s idle) and a clientMessageId with every send (docs/messages.md).
import { type FormEvent, useEffect, useRef, useState } from "react";
import { graphql } from "../gql";
import type { ChatItemFieldsFragment, MessageFieldsFragment, SendMessageInput } from "../gql/graphql";
import { useSession } from "../session";

const Send = graphql(`
  mutation Send($input: SendMessageInput!) {
    sendMessage(input: $input) { ...MessageFields }
  }
`);

const Edit = graphql(`
  mutation Edit($id: ID!, $text: String!) {
    editMessage(id: $id, text: $text) { ...MessageFields }
  }
`);

const Typing = graphql(`
  mutation Typing($chatId: ID!, $typing: Boolean!) {
    setTyping(chatId: $chatId, typing: $typing)
  }
`);

export type Draft =
  | { kind: "new" }
  | { kind: "reply"; to: MessageFieldsFragment }
  | { kind: "edit"; message: MessageFieldsFragment };

type Props = {
  chat: ChatItemFieldsFragment;
  draft: Draft;
  onDraft(draft: Draft): void;
  onError(err: unknown): void;
  /** Group members, for @nickname mentions. */
  members?: { id: string; nickname: string }[];
};

export function Composer({ chat, draft, onDraft, onError, members = [] }: Props) {
  const { api } = useSession();
  const [text, setText] = useState("");
  const typing = useTypingSender(chat.id);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => setText(draft.kind === "edit" ? draft.message.text : ""), [draft]);

  const send = (input: Omit<SendMessageInput, "chatId" | "clientMessageId">) =>
    api.request(Send, {
      input: {
        chatId: chat.id,
        clientMessageId: crypto.randomUUID(),
        ...(draft.kind === "reply" ? { replyToId: draft.to.id } : {}),
        ...input,
      },
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    try {
      if (draft.kind === "edit") await api.request(Edit, { id: draft.message.id, text });
      else {
        const mentionIds = members.filter((m) => text.includes(`@${m.nickname}`)).map((m) => m.id);
        await send({ type: "TEXT", text, ...(mentionIds.length ? { mentionIds } : {}) });
      }
      typing.stop(false);
      setText("");
      onDraft({ kind: "new" });
    } catch (err) {
      onError(err);
    }
  }

  async function sendImage(file: File | undefined) {
    if (!file) return;
    try {
      const { id } = await api.upload(file);
      await send({ type: "IMAGE", fileId: id });
      onDraft({ kind: "new" });
    } catch (err) {
      onError(err);
    } finally {
      if (fileInput.current) fileInput.current.value = "";
    }
  }

  function sendLocation() {
    navigator.geolocation.getCurrentPosition(
      ({ coords }) =>
        send({ type: "LOCATION", location: { latitude: coords.latitude, longitude: coords.longitude } }).catch(onError),
      (err) => onError(new Error(`location: ${err.message}`)),
    );
  }

  if (!chat.canSend) return <p className="composer muted-text">You cannot send in this chat (muted).</p>;
  return (
    <form className="composer" onSubmit={submit}>
      {draft.kind !== "new" && (
        <p className="draft">
          {draft.kind === "reply" ? `Replying to ${draft.to.sender.nickname}: ${draft.to.text}` : "Editing"}{" "}
          <button type="button" className="link" onClick={() => onDraft({ kind: "new" })}>
            Cancel
          </button>
        </p>
      )}
      <input
        aria-label="Message"
        placeholder="Write a message"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (draft.kind !== "edit") typing.keystroke();
        }}
      />
      <button type="submit">{draft.kind === "edit" ? "Save" : "Send"}</button>
      <label className="button" title="Send an image">
        🖼
        <input
          ref={fileInput}
          type="file"
          accept="image/*"
          aria-label="Image"
          hidden
          onChange={(e) => sendImage(e.target.files?.[0])}
        />
      </label>
      <button type="button" title="Send my location" onClick={sendLocation}>
        📍
      </button>
    </form>
  );
}

/** setTyping(true) at most every 3 s while keys are pressed; setTyping(false) after 4 s without one. */
function useTypingSender(chatId: string) {
  const { api } = useSession();
  const state = useRef({ sentAt: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });
  const set = (typing: boolean) => api.request(Typing, { chatId, typing }).catch(() => {});
  const stop = (tell: boolean) => {
    clearTimeout(state.current.idle);
    if (tell && state.current.sentAt) set(false);
    state.current.sentAt = 0;
  };
  useEffect(() => () => clearTimeout(state.current.idle), []);
  return {
    keystroke() {
      if (Date.now() - state.current.sentAt > 3000) {
        state.current.sentAt = Date.now();
        set(true);
      }
      clearTimeout(state.current.idle);
      state.current.idle = setTimeout(() => stop(true), 4000);
    },
    /** Sending a message stops typing on the server: no setTyping(false) needed then. */
    stop,
  };
}
