// One message: its body (text, image, location), the message it replies to, reactions, ✓/✓✓ on
// the caller's own, and its actions: reply, react, edit (own text), delete (own, or as a group's
// owner or admin).
import { graphql } from "../gql";
import type { ChatItemFieldsFragment, MessageFieldsFragment } from "../gql/graphql";
import { useSession } from "../session";
import type { Draft } from "./Composer";

const Delete = graphql(`
  mutation Delete($id: ID!) {
    deleteMessage(id: $id) { ...MessageFields }
  }
`);

const React = graphql(`
  mutation React($id: ID!, $emoji: String!) {
    addReaction(messageId: $id, emoji: $emoji) { ...MessageFields }
  }
`);

const Unreact = graphql(`
  mutation Unreact($id: ID!, $emoji: String!) {
    removeReaction(messageId: $id, emoji: $emoji) { ...MessageFields }
  }
`);

const EMOJIS = ["👍", "❤️", "😂"];

type Props = {
  message: MessageFieldsFragment;
  chat: ChatItemFieldsFragment;
  /** How many other members have read up to this message. */
  readBy: number;
  onDraft(draft: Draft): void;
  onError(err: unknown): void;
};

export function MessageItem({ message: m, chat, readBy, onDraft, onError }: Props) {
  const { api, me } = useSession();
  const mine = m.sender.id === me.id;
  const moderator = chat.role === "OWNER" || chat.role === "ADMIN";
  const reacted = (emoji: string) => m.reactions.some((r) => r.emoji === emoji && r.reactedByMe);
  const toggle = (emoji: string) =>
    (reacted(emoji) ? api.request(Unreact, { id: m.id, emoji }) : api.request(React, { id: m.id, emoji })).catch(
      onError,
    );

  return (
    <article className={mine ? "message mine" : "message"} data-testid="message" data-seq={m.seq}>
      <header>
        <strong>{m.sender.nickname}</strong> <time>{new Date(m.createdAt).toLocaleTimeString()}</time>
        {m.editedAt && <span className="muted-text"> (edited)</span>}
      </header>
      {m.replyTo && (
        <blockquote className="reply-to">
          {m.replyTo.sender.nickname}: {m.replyTo.deleted ? "Message deleted" : m.replyTo.text}
        </blockquote>
      )}
      <Body message={m} />
      {!m.deleted && (
        <footer>
          {m.reactions.map((r) => (
            <button
              type="button"
              key={r.emoji}
              className={r.reactedByMe ? "reaction mine" : "reaction"}
              onClick={() => toggle(r.emoji)}
            >
              {r.emoji} {r.count}
            </button>
          ))}
          <span className="actions">
            {EMOJIS.filter((e) => !m.reactions.some((r) => r.emoji === e)).map((e) => (
              <button type="button" key={e} className="link" title={`React ${e}`} onClick={() => toggle(e)}>
                {e}
              </button>
            ))}
            <button type="button" className="link" onClick={() => onDraft({ kind: "reply", to: m })}>
              Reply
            </button>
            {mine && m.type === "TEXT" && (
              <button type="button" className="link" onClick={() => onDraft({ kind: "edit", message: m })}>
                Edit
              </button>
            )}
            {(mine || moderator) && (
              <button type="button" className="link" onClick={() => api.request(Delete, { id: m.id }).catch(onError)}>
                Delete
              </button>
            )}
          </span>
          {mine && (
            <span className="receipt" data-testid="receipt" title={readBy ? "Read" : "Sent"}>
              {readBy ? "✓✓" : "✓"}
              {readBy > 0 && chat.chat.type === "GROUP" ? ` ${readBy}` : ""}
            </span>
          )}
        </footer>
      )}
    </article>
  );
}

function Body({ message: m }: { message: MessageFieldsFragment }) {
  if (m.deleted) return <p className="muted-text">Message deleted</p>;
  if (m.attachment && m.type === "IMAGE")
    return (
      <img
        className="image"
        src={m.attachment.url}
        width={m.attachment.width ?? undefined}
        height={m.attachment.height ?? undefined}
        alt=""
      />
    );
  if (m.location) {
    const { latitude, longitude, address } = m.location;
    const map = `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
    return (
      <p>
        📍{" "}
        <a href={map} target="_blank" rel="noreferrer">
          {address || `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`}
        </a>
      </p>
    );
  }
  return <p className="text">{m.text}</p>;
}
