// Typing: a member who may speak says they are typing (or stopped); the chat's other members hear
// it, never the typer's own devices. Nothing is stored: a client renews typing while it lasts and
// treats it as lapsed after TYPING_LAPSE_MS without renewal. When the typer sends a message, each
// subscriber that saw them typing is told they stopped: the stream derives it from the message's
// own event (typingStream below), so the send path publishes nothing more and keeps no marker.
import type { Services, Viewer } from "../context.ts";
import { type ChatEvent, publishTyping } from "../pubsub.ts";
import { blockersOf } from "./blocks.ts";
import { requireMember } from "./chats.ts";
import { assertMaySpeak } from "./roles.ts";

/** How long a client shows a typing indicator without renewal. */
export const TYPING_LAPSE_MS = 6_000;

export type Typing = { chatId: number; userId: number; typing: boolean };

/** Outsiders: NOT_FOUND; members who may not speak (muted, a muted group): FORBIDDEN. */
export async function setTyping(svc: Services, viewer: Viewer, chatId: number, typing: boolean): Promise<boolean> {
  await svc.limiter.hit(`typing:${viewer.userId}`, svc.config.typingPerMinute);
  assertMaySpeak(await requireMember(svc.prisma, chatId, viewer.userId));
  publishTyping(svc.pubsub, chatId, viewer.userId, typing, await blockersOf(svc.prisma, viewer.userId));
  return true;
}

/**
 * Whether `viewerId` hears `typerId` typing: the one place that decides it (members of the chat
 * only, which the stream ensures; never the typer themself, nor anyone who blocked the typer).
 */
export function hearsTyping(viewerId: number, typerId: number, hiddenFrom: number[] = []): boolean {
  return viewerId !== typerId && !hiddenFrom.includes(viewerId);
}

/**
 * The typing events of one subscriber, from its chats' events: each `typing` event another member
 * published, and `typing: false` when a member it saw typing (within the lapse) sends a message.
 * Keeps only who it saw typing, bounded.
 */
export function typingSelector(viewerId: number): (event: ChatEvent) => Typing | null {
  const typingUntil = new Map<string, number>();
  return (event) => {
    if (event.kind === "typing") {
      if (!hearsTyping(viewerId, event.userId, event.hiddenFrom)) return null;
      const key = `${event.chatId}:${event.userId}`;
      if (event.typing) remember(typingUntil, key, Date.now() + TYPING_LAPSE_MS);
      else typingUntil.delete(key);
      return { chatId: event.chatId, userId: event.userId, typing: event.typing };
    }
    if (event.kind === "message") {
      const key = `${event.chatId}:${event.senderId}`;
      const until = typingUntil.get(key);
      if (until === undefined) return null;
      typingUntil.delete(key);
      return until > Date.now() ? { chatId: event.chatId, userId: event.senderId, typing: false } : null;
    }
    return null;
  };
}

function remember(typingUntil: Map<string, number>, key: string, until: number) {
  if (typingUntil.size >= 1_000) {
    const now = Date.now();
    for (const [k, t] of typingUntil) if (t <= now) typingUntil.delete(k);
    if (typingUntil.size >= 1_000) typingUntil.clear();
  }
  typingUntil.set(key, until);
}
