// The host application's profile endpoint (PROFILE_URL, e.g. https://host/api/users/{externalId}),
// answering { "nickname", "avatarUrl" } for a user who may never have signed in to xim. Answers
// (a profile, or "no such user") are cached for PROFILE_TTL; an unreachable host is not cached.
import { z } from "zod";
import type { Config } from "../config.ts";
import type { HostProfile } from "../domain/host-users.ts";

const answer = z.object({
  nickname: z.string().trim().min(1).max(256).nullish(),
  avatarUrl: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .nullish(),
  username: z.string().max(64).nullish(),
});
const CACHE_SIZE = 10_000;

export class HostProfiles {
  readonly #cache = new Map<string, { at: number; profile: HostProfile | null }>();
  constructor(private readonly cfg: NonNullable<Config["profiles"]>) {}

  /** The host's profile, null when the host knows no such user, undefined when it did not answer. */
  async get(externalId: string): Promise<HostProfile | null | undefined> {
    const hit = this.#cache.get(externalId);
    if (hit && Date.now() - hit.at < this.cfg.ttlMs) return hit.profile;
    const profile = await this.#fetch(externalId);
    if (profile !== undefined) {
      if (this.#cache.size >= CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(externalId, { at: Date.now(), profile });
    }
    return profile;
  }

  async #fetch(externalId: string): Promise<HostProfile | null | undefined> {
    const url = this.cfg.urlTemplate.replace("{externalId}", encodeURIComponent(externalId));
    try {
      const res = await fetch(url, {
        headers: {
          accept: "application/json",
          ...(this.cfg.token ? { authorization: `Bearer ${this.cfg.token}` } : {}),
        },
        redirect: "error",
        signal: AbortSignal.timeout(5_000),
      });
      if (res.status === 404) return null;
      if (!res.ok) return undefined;
      const parsed = answer.safeParse(await res.json());
      if (!parsed.success) return undefined;
      const { nickname, avatarUrl, username } = parsed.data;
      return { externalId, nickname: nickname ?? null, avatarUrl: avatarUrl ?? null, username: username ?? null };
    } catch {
      return undefined;
    }
  }
}
