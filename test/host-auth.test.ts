// External identity: xim takes the host application's tokens (its JWKS), creates and updates users
// from their claims, refuses its own accounts, and finds host users through the host's profile
// endpoint (PROFILE_URL). A JWKS server and a profile endpoint run on loopback. Both backends.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "graphql-ws";
import { exportJWK, generateKeyPair, type JWK, SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  CreateGroupDocument,
  FindHostUserDocument,
  HostMeDocument,
  InviteToGroupDocument,
  SignInDocument,
  SignOutEverywhereDocument,
  SignUpDocument,
  UpdateProfileDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";

const ISSUER = "https://host.example";
const AUDIENCE = "xim-test";
const PROFILE_TOKEN = "profile-secret-token";
let server: Server;
let base: string;
let key: CryptoKey;
let stranger: CryptoKey;
let jwk: JWK;
const profiles = new Map<string, object>([["host-9", { nickname: "Nine", avatarUrl: "https://cdn.example/9.png" }]]);
const profileAuth: (string | undefined)[] = [];
let t: TestApp;

beforeAll(async () => {
  const pair = await generateKeyPair("ES256", { extractable: true });
  key = pair.privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "ES256" };
  stranger = (await generateKeyPair("ES256")).privateKey;
  server = createServer((req, res) => {
    if (req.url === "/jwks") return void res.end(JSON.stringify({ keys: [jwk] }));
    const m = /^\/users\/([^/]+)$/.exec(req.url ?? "");
    const profile = m?.[1] ? profiles.get(decodeURIComponent(m[1])) : undefined;
    profileAuth.push(req.headers.authorization);
    if (!profile) return void res.writeHead(404).end();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(profile));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await startTestApp({
    AUTH_JWKS_URL: `${base}/jwks`,
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    PROFILE_URL: `${base}/users/{externalId}`,
    PROFILE_TOKEN,
  });
});

afterAll(async () => {
  await t?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

function hostToken(
  sub: string,
  claims: Record<string, unknown> = {},
  o: { key?: CryptoKey; iss?: string; aud?: string; exp?: number | string } = {},
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", kid: "k1" })
    .setSubject(sub)
    .setIssuer(o.iss ?? ISSUER)
    .setAudience(o.aud ?? AUDIENCE)
    .setExpirationTime(o.exp ?? "10m")
    .sign(o.key ?? key);
}

const as = async (sub: string, claims?: Record<string, unknown>) => t.anon.with(await hostToken(sub, claims));

describe("host identities", () => {
  it("creates the user on first sight, from the token's claims, and updates them when the claims change", async () => {
    const ada = await as("host-1", { name: "Ada L.", preferred_username: "ada", picture: "https://cdn.example/a.png" });
    const { me } = await ada.run(HostMeDocument);
    expect(me).toMatchObject({ username: "ada", nickname: "Ada L.", externalId: "host-1" });
    const again = await as("host-1", { name: "Ada Lovelace", preferred_username: "ada" });
    const after = (await again.run(HostMeDocument)).me;
    expect(after).toMatchObject({ id: me.id, nickname: "Ada Lovelace", externalId: "host-1" });
  });

  it("derives a stable username when the preferred one is taken or absent", async () => {
    const other = (await (await as("host-2", { nickname: "Other", preferred_username: "ada" })).run(HostMeDocument)).me;
    expect(other.username).toMatch(/^h-[a-z2-7]{16}$/);
    expect(other.nickname).toBe("Other");
    const same = (await (await as("host-2", { nickname: "Other" })).run(HostMeDocument)).me;
    expect(same.username).toBe(other.username);
  });

  it("answers a wrong issuer, audience, key, an expired token and alg none with UNAUTHENTICATED", async () => {
    const bad = [
      await hostToken("host-1", {}, { iss: "https://evil.example" }),
      await hostToken("host-1", {}, { aud: "other" }),
      await hostToken("host-1", {}, { key: stranger }),
      await hostToken("host-1", {}, { exp: Math.floor(Date.now() / 1000) - 10 }),
      new UnsecuredJWT({})
        .setSubject("host-1")
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime("10m")
        .encode(),
    ];
    for (const token of bad) expect(await t.anon.with(token).code(HostMeDocument)).toBe("UNAUTHENTICATED");
  });

  it("refuses xim's own accounts and the host's profile fields (FORBIDDEN)", async () => {
    const ada = await as("host-1", { name: "Ada Lovelace", preferred_username: "ada" });
    expect(await t.anon.code(SignUpDocument, { username: "someone", password: "correct horse", nickname: "S" })).toBe(
      "FORBIDDEN",
    );
    expect(await t.anon.code(SignInDocument, { username: "ada", password: "whatever1" })).toBe("FORBIDDEN");
    expect(await ada.code(SignOutEverywhereDocument)).toBe("FORBIDDEN");
    expect(await ada.code("mutation { refreshToken { token } }")).toBe("FORBIDDEN");
    expect(
      await ada.code('mutation { changePassword(currentPassword: "a", newPassword: "bcdefghij") { token } }'),
    ).toBe("FORBIDDEN");
    expect(await ada.code(UpdateProfileDocument, { nickname: "Mine" })).toBe("FORBIDDEN");
    expect((await ada.run(HostMeDocument)).me.nickname).toBe("Ada Lovelace");
  });

  it("finds a host user who never signed in through PROFILE_URL, who can then be invited", async () => {
    const ada = await as("host-1", { name: "Ada Lovelace", preferred_username: "ada" });
    const { findUser } = await ada.run(FindHostUserDocument, { externalId: "host-9" });
    expect(findUser).toMatchObject({ nickname: "Nine", externalId: "host-9" });
    expect(profileAuth.at(-1)).toBe(`Bearer ${PROFILE_TOKEN}`);
    expect((await ada.run(FindHostUserDocument, { externalId: "host-404" })).findUser).toBeNull();
    const { createGroup } = await ada.run(CreateGroupDocument, { input: { name: "Host group", memberIds: [] } });
    const { inviteToGroup } = await ada.run(InviteToGroupDocument, {
      chatId: createGroup.chat.id,
      userIds: [findUser?.id as string],
    });
    expect(inviteToGroup).toHaveLength(1);
    // The same user when they sign in later: no second account.
    const nine = await as("host-9", { name: "Nine" });
    expect((await nine.run(HostMeDocument)).me.id).toBe(findUser?.id);
  });

  it("closes a socket with 4403 when its host token expires", async () => {
    const token = await hostToken("host-1", { name: "Ada Lovelace" }, { exp: Math.floor(Date.now() / 1000) + 2 });
    const closed = new Promise<number>((resolve) => {
      const client = createClient({
        url: t.url.replace(/^http/, "ws"),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => {},
        connectionParams: { authorization: `Bearer ${token}` },
        on: { closed: (e) => resolve((e as { code: number }).code) },
      });
      client.subscribe(
        { query: "subscription { chatListUpdated { id } }" },
        { next: () => {}, error: () => {}, complete: () => {} },
      );
    });
    expect(await closed).toBe(4403);
  }, 15_000);
});
