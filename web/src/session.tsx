// The signed-in session: the token and user kept in localStorage (docs/auth.md), and the Api made
// with that token, handed to components through React context.
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef } from "react";
import { type Api, createApi } from "./api";
import type { TypedDocumentString } from "./gql/graphql";

export type Me = { id: string; username: string; nickname: string };
export type Session = { token: string; user: Me };

const KEY = "xim.session";

export function loadSession(): Session | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? "null") as Session | null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null) {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
}

type Signed = { api: Api; me: Me; signOut(): void };
const SessionContext = createContext<Signed | null>(null);

export function SessionProvider(props: { session: Session; onSignOut(): void; children: ReactNode }) {
  const { session, onSignOut } = props;
  const api = useMemo(() => createApi(session.token, onSignOut), [session.token, onSignOut]);
  useEffect(() => () => api.close(), [api]);
  const value = useMemo(() => ({ api, me: session.user, signOut: onSignOut }), [api, session.user, onSignOut]);
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Signed {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** Runs a subscription while the component is mounted; restarts it when its variables change. */
export function useSubscription<T, V>(doc: TypedDocumentString<T, V>, variables: V, onData: (data: T) => void) {
  const { api } = useSession();
  const handler = useRef(onData);
  handler.current = onData;
  const key = JSON.stringify(variables);
  useEffect(() => api.subscribe(doc, JSON.parse(key) as V, (data) => handler.current(data)), [api, doc, key]);
}
