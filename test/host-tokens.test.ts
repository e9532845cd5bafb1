// Host tokens verified against a real JWKS server on loopback: the algorithms a host signs with,
// and every bad token answered null (the caller then refuses with UNAUTHENTICATED).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, SignJWT, UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HostTokens } from "../src/runtime/host-tokens.ts";

const ISSUER = "https://host.example";
const AUDIENCE = "xim";
type Key = { kid: string; alg: string; privateKey: CryptoKey; jwk: JWK };

let server: Server;
let jwksUrl: string;
let published: JWK[] = [];
let fetches = 0;
const keys: Record<string, Key> = {};

async function makeKey(kid: string, alg: string, opts?: { crv?: string }): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { ...opts, extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg } };
}

function sign(
  key: Key,
  claims: Record<string, unknown> = {},
  opts: { iss?: string; aud?: string; exp?: string | number } = {},
) {
  return new SignJWT({ name: "Ada", picture: "https://cdn.example/ada.png", ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setSubject("host-user-1")
    .setIssuer(opts.iss ?? ISSUER)
    .setAudience(opts.aud ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.exp ?? "10m")
    .sign(key.privateKey);
}

beforeAll(async () => {
  keys.rsa = await makeKey("rsa-1", "RS256");
  keys.ec = await makeKey("ec-1", "ES256");
  keys.ed = await makeKey("ed-1", "EdDSA", { crv: "Ed25519" });
  keys.other = await makeKey("other-1", "RS256");
  keys.late = await makeKey("late-1", "ES256");
  published = [keys.rsa.jwk, keys.ec.jwk, keys.ed.jwk];
  server = createServer((_req, res) => {
    fetches++;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const verifier = () => new HostTokens({ jwksUrl, issuer: ISSUER, audience: AUDIENCE });

describe("host tokens", () => {
  it.each(["rsa", "ec", "ed"])("accepts a %s-signed token and maps its claims", async (k) => {
    const claims = await verifier().verify(await sign(keys[k] as Key, { preferred_username: "ada" }));
    expect(claims).toMatchObject({
      externalId: "host-user-1",
      nickname: "Ada",
      avatarUrl: "https://cdn.example/ada.png",
      preferredUsername: "ada",
    });
    expect(claims?.expiresAt).toBeGreaterThan(Date.now());
  });

  it("takes nickname when there is no name, and drops a picture that is not an http(s) URL", async () => {
    const token = await sign(keys.rsa as Key, {
      name: undefined,
      nickname: "ada-nick",
      picture: "javascript:alert(1)",
    });
    expect(await verifier().verify(token)).toMatchObject({ nickname: "ada-nick", avatarUrl: null });
  });

  it("refuses a wrong issuer, a wrong audience, an unknown key, an expired token and alg none", async () => {
    const v = verifier();
    const rsa = keys.rsa as Key;
    const bad = [
      await sign(rsa, {}, { iss: "https://evil.example" }),
      await sign(rsa, {}, { aud: "someone-else" }),
      await sign(keys.other as Key),
      await sign({ ...(keys.other as Key), kid: "rsa-1" }),
      await sign(rsa, {}, { exp: Math.floor(Date.now() / 1000) - 60 }),
      new UnsecuredJWT({ sub: "host-user-1" })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime("10m")
        .encode(),
      "not.a.jwt",
    ];
    for (const token of bad) expect(await v.verify(token)).toBeNull();
  });

  it("refetches the key set on an unknown key id, at most once a minute", async () => {
    const v = verifier();
    expect(await v.verify(await sign(keys.rsa as Key))).not.toBeNull();
    const first = fetches;
    // The host adds a key: within the minute after a fetch, its tokens wait (no fetch storm)…
    published = [...published, (keys.late as Key).jwk];
    expect(await v.verify(await sign(keys.late as Key))).toBeNull();
    expect(fetches).toBe(first);
    // …a minute later one refetch finds it, and unknown key ids again and again fetch no more.
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockImplementation(() => now + 61_000);
    try {
      expect(await v.verify(await sign(keys.late as Key))).not.toBeNull();
      expect(fetches).toBe(first + 1);
      for (let i = 0; i < 5; i++)
        expect(await v.verify(await sign({ ...(keys.other as Key), kid: `x-${i}` }))).toBeNull();
      expect(fetches).toBe(first + 1);
    } finally {
      clock.mockRestore();
    }
  });
});
