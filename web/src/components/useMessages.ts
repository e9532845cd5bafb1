// A chat's messages (docs/messages.md): the newest 30, older pages on demand (before: the oldest
// held), live ones and changes; after a lost connection, the ones sent meanwhile (after: the newest
// held). Held by seq, so a live message racing a page is kept once.
import { useCallback, useEffect, useState } from "react";
import { graphql } from "../gql";
import type { CatchUpQuery, MessageFieldsFragment } from "../gql/graphql";
import { useReconnect, useSession, useSubscription } from "../session";

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

type Message = MessageFieldsFragment;

const merge = (held: Message[], more: Message[]) => {
  const bySeq = new Map(held.map((m) => [m.seq, m]));
  for (const m of more) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
};

export function useMessages(chatId: string, onError: (err: unknown) => void) {
  const { api } = useSession();
  const [messages, setMessages] = useState<Message[]>([]);
  const [older, setOlder] = useState<{ has: boolean; cursor: string | null }>({ has: false, cursor: null });

  const loadPage = useCallback(
    async (before: string | null) => {
      const { messages: page } = await api.request(History, { chatId, before });
      setMessages((held) =>
        merge(
          held,
          page.edges.map((e) => e.node),
        ),
      );
      setOlder({ has: page.pageInfo.hasPreviousPage, cursor: page.pageInfo.startCursor ?? null });
    },
    [api, chatId],
  );
  useEffect(() => {
    loadPage(null).catch(onError);
  }, [loadPage, onError]);

  useSubscription(Live, { chatId }, ({ messageAdded }) => setMessages((held) => merge(held, [messageAdded])));
  useSubscription(Changes, { chatId }, ({ messageUpdated: m }) =>
    setMessages((held) => held.map((h) => (h.id === m.id ? m : h))),
  );

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

  return {
    messages,
    hasOlder: older.has,
    loadOlder: () => loadPage(older.cursor).catch(onError),
  };
}
