// Per-key rate limits over a fixed window: counted per instance in memory, and with Redis shared by
// every instance without a round trip per hit (each instance adds its counts to Redis in batches).
// Keys are stored as fixed-size digests, and an instance keeps at most `maxKeys` windows: what a
// caller puts in a key (a username, an address) costs the same small amount whatever its length.
import { createHash } from "node:crypto";
import { rateLimited } from "../errors.ts";
import { pipelineEach, type RedisCommands } from "../redis.ts";

export type Counter = {
  /** Counts `n` hits (1 unless told). */
  count(key: string, windowMs: number, limit: number, n?: number): Promise<{ count: number; resetInMs: number }>;
  /** Windows held in memory by this instance. */
  readonly size: number;
};

export const DEFAULT_MAX_KEYS = 100_000;

/**
 * `signin:<anything>` -> `signin:<22 characters of its SHA-256>`: readable scope, bounded size. A
 * key whose part after the scope is shorter than that (`send:42`) is kept as it is: already small,
 * and it cannot equal a digest, whose part is always 22 characters.
 */
export function digestKey(key: string): string {
  const colon = key.indexOf(":");
  const scope = colon > 0 && colon <= 16 ? key.slice(0, colon + 1) : "";
  if (key.length - scope.length < 22) return key;
  return scope + createHash("sha256").update(key).digest("base64url").slice(0, 22);
}

export class Limiter {
  /** `onRefused` hears the key of each refused hit (metrics count refusals by the key's scope). */
  constructor(
    private readonly counter: Counter,
    private readonly onRefused: (key: string) => void = () => {},
  ) {}

  /** Counts one hit (or `n`) against `limit` per minute; over it, throws RATE_LIMITED with the delay. */
  async hit(key: string, limit: number, n = 1): Promise<void> {
    const { count, resetInMs } = await this.counter.count(digestKey(key), 60_000, limit, n);
    if (count > limit) {
      this.onRefused(key);
      throw rateLimited(Math.max(1, resetInMs));
    }
  }

  get size(): number {
    return this.counter.size;
  }
}

type Window = {
  /** Hits known to Redis at the last sync (this instance's and the others'). */
  shared: number;
  /** This instance's hits not yet added to Redis, and those being added now. */
  pending: number;
  sending: number;
  resetAt: number;
};

/**
 * Windows of the keys hit in this instance, in the order they opened (a key whose window is
 * renewed moves to the end). Expired windows are dropped from the oldest end as new ones open;
 * when `maxKeys` live windows are held, the oldest goes.
 */
class Windows {
  readonly map = new Map<string, Window>();
  constructor(private readonly maxKeys: number) {}

  /** Counts a hit; `fresh` when it opened a new window for the key in this instance. */
  hit(key: string, windowMs: number, now: number, n = 1): { w: Window; fresh: boolean } {
    let w = this.map.get(key);
    const fresh = !w || w.resetAt <= now;
    if (!w || fresh) {
      this.map.delete(key);
      this.evict(now);
      w = { shared: 0, pending: 0, sending: 0, resetAt: now + windowMs };
      this.map.set(key, w);
    }
    w.pending += n;
    return { w, fresh };
  }

  private evict(now: number) {
    for (const [k, w] of this.map) {
      if (w.resetAt > now && this.map.size < this.maxKeys) return;
      this.map.delete(k);
    }
  }
}

const countOf = (w: Window) => w.shared + w.sending + w.pending;

export function memoryCounter({ maxKeys = DEFAULT_MAX_KEYS } = {}): Counter {
  const windows = new Windows(maxKeys);
  return {
    async count(key, windowMs, _limit, n = 1) {
      const now = Date.now();
      const { w } = windows.hit(key, windowMs, now, n);
      return { count: countOf(w), resetInMs: w.resetAt - now };
    },
    get size() {
      return windows.map.size;
    },
  };
}

/**
 * Adds ARGV[1] hits to a key, starts its window (ARGV[2] ms) if it has none, and answers its total
 * and the window's remaining ms: one command a key on each flush (its three commands were three
 * command objects, replies and round trips through the client for every key, every 20 ms). Any
 * Redis version: no PEXPIRE NX, the script runs whole.
 */
const ADD_HITS = `local total = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {total, ttl}`;
type AddHits = { ximAddHits(key: string, n: number, windowMs: number): unknown };

/**
 * Every `flushMs`, the hits counted since the last sync are added to Redis in one pipeline
 * (a script per key), and the totals that come back include the other instances'.
 * A hit waits for that sync when it opens the key's window in this instance (it starts from what
 * the others counted) and once the key is past half its limit (near the limit, every instance
 * counts every hit in Redis before answering). A single instance counts exactly; so do several
 * near the limit. With Redis away, each instance goes on limiting by its own counts; a Redis that
 * answers the script with an error (scripting refused) is told once to `onRefused`, and each
 * instance limits by its own counts then too.
 */
export function redisCounter(
  redis: RedisCommands,
  prefix: string,
  {
    flushMs = 20,
    maxKeys = DEFAULT_MAX_KEYS,
    onRefused = () => {},
  }: { flushMs?: number; maxKeys?: number; onRefused?: (err: Error) => void } = {},
): Counter {
  let told = false;
  if (!("ximAddHits" in redis)) redis.defineCommand("ximAddHits", { numberOfKeys: 1, lua: ADD_HITS });
  const windows = new Windows(maxKeys);
  // Windows with hits not yet sent (kept here even when evicted, so their counts still reach Redis).
  let dirty = new Map<string, Window>();
  let timer: NodeJS.Timeout | null = null;

  const flush = async () => {
    timer = null;
    if (dirty.size === 0) return;
    const batch = dirty;
    dirty = new Map();
    const sends = [...batch].map(([key, w]) => {
      const n = w.pending;
      w.sending += n;
      w.pending = 0;
      return { key: `${prefix}rate:${key}`, w, n };
    });
    // One key per item: on a cluster, each key's command goes to its own node.
    const replies = await pipelineEach(redis, sends, (pipeline, { key, w, n }) =>
      (pipeline as unknown as AddHits).ximAddHits(key, n, Math.max(1, w.resetAt - Date.now())),
    );
    const now = Date.now();
    for (const [i, { w, n }] of sends.entries()) {
      w.sending -= n;
      const [err, reply] = replies[i]?.[0] ?? [];
      const [total, ttl] = Array.isArray(reply) ? reply : [];
      if (err?.name === "ReplyError" && !told) {
        told = true;
        onRefused(err);
      }
      if (err || total === undefined || ttl === undefined) {
        w.shared += n; // Redis did not answer: this instance's own count
        continue;
      }
      w.shared = Number(total);
      if (Number(ttl) > 0) w.resetAt = now + Number(ttl);
    }
  };

  return {
    async count(key, windowMs, limit, n = 1) {
      const { w, fresh } = windows.hit(key, windowMs, Date.now(), n);
      dirty.set(key, w);
      if (fresh || countOf(w) * 2 > limit) {
        if (timer) clearTimeout(timer);
        await flush();
      } else timer ??= setTimeout(() => void flush(), flushMs).unref();
      return { count: countOf(w), resetInMs: Math.max(1, w.resetAt - Date.now()) };
    },
    get size() {
      return windows.map.size;
    },
  };
}
