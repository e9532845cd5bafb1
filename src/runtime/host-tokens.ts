// Tokens signed by the host application's keys (external identity, AUTH_JWKS_URL): verified
// against its JSON Web Key Set, fetched and cached by jose, refetched on an unknown key id at most
// once a minute. xim issues no tokens in this mode; sessions are the host's.
import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from "jose";

export type HostAuthConfig = { jwksUrl: string; issuer: string; audience: string };

/** What xim takes from a host token: who (sub) and the profile the host gives. */
export type HostClaims = {
  externalId: string;
  nickname: string | null;
  avatarUrl: string | null;
  preferredUsername: string | null;
  expiresAt: number;
};

const ALGORITHMS = ["RS256", "ES256", "EdDSA"];
const MAX_EXTERNAL_ID = 255;
const REFETCH_AT_MOST_EVERY_MS = 60_000;

export class HostTokens {
  readonly #keys: ReturnType<typeof createRemoteJWKSet>;
  constructor(private readonly cfg: HostAuthConfig) {
    this.#keys = createRemoteJWKSet(new URL(cfg.jwksUrl), {
      cooldownDuration: REFETCH_AT_MOST_EVERY_MS,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 5_000,
    });
  }

  /** The claims of a valid host token, or null (bad signature, issuer, audience, algorithm or expiry). */
  async verify(token: string): Promise<HostClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.#keys, {
        algorithms: ALGORITHMS,
        issuer: this.cfg.issuer,
        audience: this.cfg.audience,
        requiredClaims: ["sub", "exp"],
      });
      return claimsOf(payload);
    } catch (err) {
      if (err instanceof errors.JOSEError) return null;
      throw err;
    }
  }
}

function claimsOf(payload: JWTPayload): HostClaims | null {
  const sub = payload.sub;
  if (!sub || sub.length > MAX_EXTERNAL_ID || typeof payload.exp !== "number") return null;
  return {
    externalId: sub,
    nickname: str(payload.name) ?? str(payload.nickname),
    avatarUrl: url(payload.picture),
    preferredUsername: str(payload.preferred_username),
    expiresAt: payload.exp * 1000,
  };
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/** Only http(s) URLs reach an img src. */
function url(v: unknown): string | null {
  const s = str(v);
  if (!s || s.length > 2048) return null;
  try {
    const u = new URL(s);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}
