// Passwords (scrypt, constant-time compare) and tokens (JWT, HS256, via jose).
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { errors, jwtVerify, SignJWT } from "jose";

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const PARAMS = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LEN, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await scrypt(password, Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

/** A hash to compare against when the user does not exist, so that timing does not tell. */
export const DUMMY_HASH = `scrypt$16384$8$1$${Buffer.alloc(16).toString("base64")}$${Buffer.alloc(KEY_LEN).toString("base64")}`;

export type TokenClaims = { userId: number; version: number; expiresAt: number };

const VERIFIED_CACHE_SIZE = 10_000;

export class Tokens {
  readonly #key: Uint8Array;
  // Verified tokens, so that a client's every request does not redo the HMAC (the hot path).
  readonly #verified = new Map<string, TokenClaims>();
  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.#key = new TextEncoder().encode(secret);
  }

  issue(userId: number, version: number): Promise<string> {
    return new SignJWT({ ver: version })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(String(userId))
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.#key);
  }

  /** The claims of a valid token, or null for a bad or expired one. */
  async verify(token: string): Promise<TokenClaims | null> {
    const cached = this.#verified.get(token);
    if (cached) return cached.expiresAt > Date.now() ? cached : null;
    const claims = await this.#verify(token);
    if (claims) {
      if (this.#verified.size >= VERIFIED_CACHE_SIZE)
        this.#verified.delete(this.#verified.keys().next().value as string);
      this.#verified.set(token, claims);
    }
    return claims;
  }

  async #verify(token: string): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.#key, { algorithms: ["HS256"] });
      const userId = Number(payload.sub);
      if (!Number.isSafeInteger(userId) || typeof payload.exp !== "number") return null;
      return { userId, version: typeof payload.ver === "number" ? payload.ver : 0, expiresAt: payload.exp * 1000 };
    } catch (err) {
      if (err instanceof errors.JOSEError) return null;
      throw err;
    }
  }
}
