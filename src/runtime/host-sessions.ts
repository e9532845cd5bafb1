// Host tokens to users (external identity): a token is verified once and its user resolved once
// (created or updated from its claims), then remembered until it expires, so that a client's every
// request costs neither a signature check nor a query.
import type { HostClaims, HostTokens } from "./host-tokens.ts";

export type HostSession = { userId: number; expiresAt: number };
const CACHE_SIZE = 10_000;

export class HostSessions {
  readonly #known = new Map<string, HostSession>();
  constructor(
    private readonly tokens: HostTokens,
    private readonly resolve: (claims: HostClaims) => Promise<number>,
  ) {}

  /** The session of a valid token, or null (bad or expired). */
  async session(token: string): Promise<HostSession | null> {
    const known = this.#known.get(token);
    if (known) return known.expiresAt > Date.now() ? known : null;
    const claims = await this.tokens.verify(token);
    if (!claims) return null;
    const session = { userId: await this.resolve(claims), expiresAt: claims.expiresAt };
    if (this.#known.size >= CACHE_SIZE) this.#known.delete(this.#known.keys().next().value as string);
    this.#known.set(token, session);
    return session;
  }
}
