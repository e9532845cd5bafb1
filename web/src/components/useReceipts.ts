// Read receipts (docs/chats.md): each other member's read position, from peerReadSeq (direct) or
// the members' readSeq (groups), moved by readReceipt. Answers how many others read up to a seq.
import { useCallback, useEffect, useState } from "react";
import { graphql } from "../gql";
import type { ChatItemFieldsFragment } from "../gql/graphql";
import { useSession, useSubscription } from "../session";
import type { Member } from "./useMembers";

const Receipts = graphql(`
  subscription Receipts($chatId: ID!) {
    readReceipt(chatId: $chatId) { chatId readSeq user { id } }
  }
`);

type Positions = Map<string, number>;

const advance = (held: Positions, userId: string, seq: number) =>
  new Map(held).set(userId, Math.max(held.get(userId) ?? 0, seq));

export function useReceipts(chat: ChatItemFieldsFragment, members: Member[]): (seq: number) => number {
  const { me } = useSession();
  const [positions, setPositions] = useState<Positions>(new Map());
  const peer = chat.peer?.id;
  const peerReadSeq = chat.peerReadSeq ?? 0;

  useEffect(() => {
    if (peer) setPositions((held) => advance(held, peer, peerReadSeq));
  }, [peer, peerReadSeq]);
  useEffect(() => {
    setPositions((held) =>
      members.filter((m) => m.user.id !== me.id).reduce((acc, m) => advance(acc, m.user.id, m.readSeq), held),
    );
  }, [members, me.id]);
  useSubscription(Receipts, { chatId: chat.id }, ({ readReceipt: r }) =>
    setPositions((held) => advance(held, r.user.id, r.readSeq)),
  );

  return useCallback((seq: number) => [...positions.values()].filter((read) => read >= seq).length, [positions]);
}
