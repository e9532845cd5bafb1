// The signed-in session: the token and user kept in localStorage (docs/auth.md), and the Api made
// with that token, handed to components through React context.
import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef } from "react";
import { type Api, createApi } from "./api";
import { graphql } from "./gql";
import type { TypedDocumentString } from "./gql/graphql";

export type Me = { id: string; username: string; nickname: string };
/** `renewedAt`: when the token was issued (ms), to renew it a day later (refreshToken; tokens last TOKEN_TTL, 7 days by default). */
export type Session = { token: string; user: Me; renewedAt: number };

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

const RENEW_AFTER_MS = 24 * 60 * 60 * 1000;

const Refresh = graphql(`
  mutation RefreshToken {
    refreshToken { token }
  }
`);

type ProviderProps = { session: Session; onSignOut(): void; onRenewed(session: Session): void; children: ReactNode };

export function SessionProvider({ session, onSignOut, onRenewed, children }: ProviderProps) {
  const api = useMemo(() => createApi(session.token, onSignOut), [session.token, onSignOut]);
  useEffect(() => () => api.close(), [api]);
  useEffect(() => {
    if (Date.now() - (session.renewedAt ?? 0) < RENEW_AFTER_MS) return;
    api
      .request(Refresh)
      .then(
        ({ refreshToken }) => onRenewed({ ...session, token: refreshToken.token, renewedAt: Date.now() }),
        console.error,
      );
  }, [api, session, onRenewed]);
  const value = useMemo(() => ({ api, me: session.user, signOut: onSignOut }), [api, session.user, onSignOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
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

/** Runs `onReconnect` when the socket is back after a lost connection (to catch up what was missed). */
export function useReconnect(onReconnect: () => void) {
  const { api } = useSession();
  const handler = useRef(onReconnect);
  handler.current = onReconnect;
  useEffect(() => api.onReconnect(() => handler.current()), [api]);
}
