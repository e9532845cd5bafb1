// Sign-out everywhere: a user's token version, bumped to void every token issued before. Each
// instance caches versions and drops an entry when any instance publishes a revocation; the cache
// also expires, so a revocation lost while Redis was away takes effect within a minute.
import { unauthenticated } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { type PubSub, publishSignedOut } from "../pubsub.ts";

const TTL_MS = 60_000;
const MAX = 50_000;

export class Sessions {
  readonly #versions = new Map<number, { version: number; at: number }>();
  readonly #off: () => void;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly pubsub: PubSub,
  ) {
    this.#off = pubsub.listenAll("revocations", (r) => {
      if (r.kind === "signedOut") this.#versions.delete(r.userId);
    });
  }

  /** Throws UNAUTHENTICATED unless the token's version is the user's current one. */
  async check(userId: number, tokenVersion: number): Promise<void> {
    const now = Date.now();
    let entry = this.#versions.get(userId);
    if (!entry || now - entry.at > TTL_MS) {
      const user = await this.prisma.user.findUnique({ where: { id: userId }, select: { tokenVersion: true } });
      if (!user) throw unauthenticated("unknown user");
      if (this.#versions.size >= MAX) this.#versions.clear();
      entry = { version: user.tokenVersion, at: now };
      this.#versions.set(userId, entry);
    }
    if (entry.version !== tokenVersion) throw unauthenticated("token revoked: sign in again");
  }

  /** Voids every token of the user; returns the new version (for the token issued next). */
  async signOutEverywhere(userId: number): Promise<number> {
    const { tokenVersion } = await this.prisma.user.update({
      where: { id: userId },
      data: { tokenVersion: { increment: 1 } },
      select: { tokenVersion: true },
    });
    this.#versions.delete(userId);
    publishSignedOut(this.pubsub, userId, tokenVersion);
    return tokenVersion;
  }

  close(): void {
    this.#off();
  }
}
