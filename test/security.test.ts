// Limits on what one request or one user may do, and tokens that expire.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MeDocument,
  OpenDirectChatDocument,
  SendMessageDocument,
  SignInDocument,
  SignOutEverywhereDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";
import { signedInSocket, sleep } from "./helpers/client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_SEND_PER_MINUTE: "5", RATE_LIMIT_SIGNIN_PER_MINUTE: "3" });
});
afterAll(() => t?.close());

describe("request limits", () => {
  it("refuses too many aliases and too many tokens with BAD_USER_INPUT", async () => {
    const u = await t.signUp();
    const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: me { id }`).join(" ")} }`;
    expect(await u.http.code(aliases)).toBe("BAD_USER_INPUT");
    const tokens = `{ me { ${Array.from({ length: 1500 }, () => "id").join(" ")} } }`;
    expect(await u.http.code(tokens)).toBe("BAD_USER_INPUT");
    expect(await u.http.code("{ me { nope } }")).toBe("BAD_USER_INPUT");
    expect(await u.http.code("{ me { id ")).toBe("BAD_USER_INPUT");
  });

  it("serves a rich recent-list page, and refuses a request that asks for many", async () => {
    const u = await t.signUp();
    const page = `recentChats(first: 100) { edges { node { title unreadCount chat { id name owner { id username nickname avatarFileId } }
      lastMessage { id text sender { id username nickname } } peer { id username nickname } } } }`;
    expect((await u.http.raw(`{ ${page} }`)).errors).toBeUndefined();
    const many = `{ ${Array.from({ length: 10 }, (_, i) => `p${i}: ${page}`).join(" ")} }`;
    expect(await u.http.code(many)).toBe("BAD_USER_INPUT");
  });

  it("refuses a body over 1 MiB", async () => {
    const res = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ __typename }`, variables: { pad: "x".repeat(1_100_000) } }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    // Chunked, with no Content-Length to check up front.
    const big = new TextEncoder().encode(
      JSON.stringify({ query: "{ __typename }", variables: { pad: "x".repeat(1_100_000) } }),
    );
    const chunked = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < big.length; i += 65536) c.enqueue(big.slice(i, i + 65536));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });
});

describe("rate limits", () => {
  it("limits sendMessage per user, with the delay to wait", async () => {
    const [a, b] = await Promise.all([t.signUp(), t.signUp()]);
    const chatId = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
    const send = () => a.http.raw(SendMessageDocument, { input: { chatId, type: "TEXT", text: "hi" } });
    for (let i = 0; i < 5; i++) expect((await send()).errors).toBeUndefined();
    const limited = await send();
    expect(limited.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(limited.errors?.[0]?.extensions?.retryAfterMs).toBeGreaterThan(0);
    expect(
      (await b.http.raw(SendMessageDocument, { input: { chatId, type: "TEXT", text: "me" } })).errors,
    ).toBeUndefined();
  });

  it("limits signIn attempts per username", async () => {
    const u = await t.signUp();
    for (let i = 0; i < 3; i++) await t.anon.raw(SignInDocument, { username: u.username, password: "wrong password" });
    expect(await t.anon.code(SignInDocument, { username: u.username, password: "correct horse" })).toBe("RATE_LIMITED");
  });
});

describe("sign-out everywhere", () => {
  it("voids every earlier token at once: HTTP refuses it and open sockets close with 4403", async () => {
    const u = await t.signUp();
    const { closed } = await signedInSocket(t.url, u.token);
    const { signOutEverywhere } = await u.http.run(SignOutEverywhereDocument);
    expect(await closed).toBe(4403);
    expect(await u.http.code(MeDocument)).toBe("UNAUTHENTICATED");
    expect((await u.http.with(signOutEverywhere.token).run(MeDocument)).me.id).toBe(u.id);
    const again = await t.anon.run(SignInDocument, { username: u.username, password: "correct horse" });
    expect((await u.http.with(again.signIn.token).run(MeDocument)).me.id).toBe(u.id);
  });
});

describe("token expiry", () => {
  it("refuses an expired token on HTTP and closes an open socket with 4403", { timeout: 30_000 }, async () => {
    const short = await startTestApp({ TOKEN_TTL: "2" });
    const u = await short.signUp();
    const { ack, closed } = await signedInSocket(short.url, u.token);
    expect(ack.type).toBe("connection_ack");
    expect(await closed).toBe(4403);
    await sleep(100);
    expect(await u.http.code(MeDocument)).toBe("UNAUTHENTICATED");
    await short.close();
  });
});
