// Who is typing in a chat (docs/messages.md): typing events from other members; an indicator
// lapses 6 s after its last renewal.
import { useEffect, useState } from "react";
import { graphql } from "../gql";
import { useSubscription } from "../session";

const WhoIsTyping = graphql(`
  subscription WhoIsTyping($chatId: ID!) {
    typing(chatId: $chatId) { chatId typing user { id nickname } }
  }
`);

const LAPSE_MS = 6000;

type Typist = { nickname: string; until: number };

export function useTyping(chatId: string): string[] {
  const [typists, setTypists] = useState<Map<string, Typist>>(new Map());
  useSubscription(WhoIsTyping, { chatId }, ({ typing: event }) =>
    setTypists((held) => {
      const next = new Map(held);
      if (event.typing) next.set(event.user.id, { nickname: event.user.nickname, until: Date.now() + LAPSE_MS });
      else next.delete(event.user.id);
      return next;
    }),
  );
  useEffect(() => {
    if (typists.size === 0) return;
    const timer = setInterval(() => {
      const now = Date.now();
      setTypists((held) => new Map([...held].filter(([, t]) => t.until > now)));
    }, 1000);
    return () => clearInterval(timer);
  }, [typists.size]);
  return [...typists.values()].map((t) => t.nickname);
}
