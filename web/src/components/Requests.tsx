// Incoming friend requests and group invitations, kept live with joinRequestUpdated (docs/friends.md).
import { useCallback, useEffect, useState } from "react";
import { graphql } from "../gql";
import type { IncomingRequestsQuery, JoinDecision } from "../gql/graphql";
import { useSession, useSubscription } from "../session";

const Incoming = graphql(`
  query IncomingRequests {
    joinRequests(direction: INCOMING, status: PENDING) { id type message requester { id nickname } chat { id name } }
  }
`);

const Review = graphql(`
  mutation Review($id: ID!, $decision: JoinDecision!) {
    reviewJoinRequest(id: $id, decision: $decision) { id status }
  }
`);

const RequestUpdates = graphql(`
  subscription RequestUpdates {
    joinRequestUpdated { id status }
  }
`);

export function Requests({ onAccepted }: { onAccepted(): void }) {
  const { api } = useSession();
  const [requests, setRequests] = useState<IncomingRequestsQuery["joinRequests"]>([]);
  const load = useCallback(() => api.request(Incoming).then((d) => setRequests(d.joinRequests), console.error), [api]);
  useEffect(() => void load(), [load]);
  // A request made or reviewed, to or from the caller: the pending list and the friends may change.
  useSubscription(RequestUpdates, {}, () => {
    load();
    onAccepted();
  });

  const review = (id: string, decision: JoinDecision) =>
    api
      .request(Review, { id, decision })
      .then(() => setRequests((list) => list.filter((r) => r.id !== id)), console.error);

  if (requests.length === 0) return null;
  return (
    <section className="requests">
      <h3>Requests</h3>
      <ul>
        {requests.map((r) => (
          <li key={r.id} data-testid="request">
            {r.type === "INVITE" ? `${r.requester.nickname} invites you to ${r.chat?.name}` : `${r.requester.nickname}`}
            {r.message && <span className="muted-text"> “{r.message}”</span>}{" "}
            <button type="button" onClick={() => review(r.id, "APPROVE")}>
              Accept
            </button>
            <button type="button" className="link" onClick={() => review(r.id, "REJECT")}>
              Reject
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
