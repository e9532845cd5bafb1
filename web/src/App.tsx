// Signed out: the sign-in form. Signed in: the chat list and people on the left, the open
// conversation on the right.
import { useCallback, useState } from "react";
import { ChatList } from "./components/ChatList";
import { Conversation } from "./components/Conversation";
import { People } from "./components/People";
import { SignIn } from "./components/SignIn";
import { loadSession, type Session, SessionProvider, saveSession, useSession } from "./session";

export function App() {
  const [session, setSession] = useState(loadSession);
  const signIn = useCallback((s: Session) => (saveSession(s), setSession(s)), []);
  const signOut = useCallback(() => (saveSession(null), setSession(null)), []);
  if (!session) return <SignIn onSignedIn={signIn} />;
  return (
    <SessionProvider session={session} onSignOut={signOut} onRenewed={signIn}>
      <Main />
    </SessionProvider>
  );
}

function Main() {
  const { me, signOut } = useSession();
  const [chatId, setChatId] = useState<string | null>(null);
  return (
    <div className="app">
      <aside className="sidebar">
        <header className="me">
          <span data-testid="me">{me.nickname}</span>
          <span className="muted-text">@{me.username}</span>
          <button type="button" className="link" onClick={signOut}>
            Sign out
          </button>
        </header>
        <ChatList selected={chatId} onSelect={setChatId} />
        <People onOpenChat={setChatId} />
      </aside>
      <main className="pane">
        {chatId ? <Conversation key={chatId} chatId={chatId} /> : <p className="empty">Pick a chat.</p>}
      </main>
    </div>
  );
}
