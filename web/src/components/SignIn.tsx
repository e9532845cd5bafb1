import { type FormEvent, useState } from "react";
import { createApi } from "../api";
import { graphql } from "../gql";
import type { Session } from "../session";

const SignUp = graphql(`
  mutation SignUp($username: String!, $password: String!, $nickname: String!) {
    signUp(username: $username, password: $password, nickname: $nickname) {
      token
      user { id username nickname }
    }
  }
`);

const SignInMutation = graphql(`
  mutation SignIn($username: String!, $password: String!) {
    signIn(username: $username, password: $password) {
      token
      user { id username nickname }
    }
  }
`);

export function SignIn({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [mode, setMode] = useState<"in" | "up">("in");
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username"));
    const password = String(form.get("password"));
    const api = createApi(null);
    try {
      const session =
        mode === "up"
          ? (await api.request(SignUp, { username, password, nickname: String(form.get("nickname")) })).signUp
          : (await api.request(SignInMutation, { username, password })).signIn;
      onSignedIn({ ...session, renewedAt: Date.now() });
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <form className="signin" onSubmit={submit}>
      <h1>xim</h1>
      <input name="username" placeholder="Username" autoComplete="username" required />
      <input name="password" type="password" placeholder="Password" autoComplete="current-password" required />
      {mode === "up" && <input name="nickname" placeholder="Nickname" required />}
      <button type="submit">{mode === "up" ? "Sign up" : "Sign in"}</button>
      <button type="button" className="link" onClick={() => setMode(mode === "up" ? "in" : "up")}>
        {mode === "up" ? "I have an account" : "Create an account"}
      </button>
      {error && <p className="error">{error}</p>}
    </form>
  );
}
