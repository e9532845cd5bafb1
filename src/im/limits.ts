// Per-key rate limits over a fixed window: counted per instance in memory, and with Redis shared by
// every instance without a round trip per hit (each instance adds its counts to Redis in batches).
import type { Redis } from "ioredis";
import { rateLimited } from "../errors.ts";

type Counter = (key: string, windowMs: number, limit: number) => Promise<{ count: number; resetInMs: number }>;

export class Limiter {
  constructor(private readonly counter: Counter) {}

  /** Counts one hit against `limit` per minute; over it, throws RATE_LIMITED with the delay. */
  async hit(key: string, limit: number): Promise<void> {
    const { count, resetInMs } = await this.counter(key, 60_000, limit);
    if (count > limit) throw rateLimited(Math.max(1, resetInMs));
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

/** Windows of the keys hit in this instance; expired ones are dropped as they are met. */
class Windows {
  readonly map = new Map<string, Window>();

  /** Counts a hit; `fresh` when it opened a new window for the key in this instance. */
  hit(key: string, windowMs: number, now: number): { w: Window; fresh: boolean } {
    let w = this.map.get(key);
    const fresh = !w || w.resetAt <= now;
    if (!w || fresh) {
      if (this.map.size > 100_000) this.sweep(now);
      w = { shared: 0, pending: 0, sending: 0, resetAt: now + windowMs };
      this.map.set(key, w);
    }
    w.pending++;
    return { w, fresh };
  }

  sweep(now: number) {
    for (const [k, w] of this.map) if (w.resetAt <= now) this.map.delete(k);
  }
}

const countOf = (w: Window) => w.shared + w.sending + w.pending;

export function memoryCounter(): Counter {
  const windows = new Windows();
  return async (key, windowMs) => {
    const now = Date.now();
    const { w } = windows.hit(key, windowMs, now);
    return { count: countOf(w), resetInMs: w.resetAt - now };
  };
}

/**
 * Every `flushMs`, the hits counted since the last sync are added to Redis in one pipeline
 * (INCRBY, PEXPIRE NX, PTTL per key), and the totals that come back include the other instances'.
 * A hit waits for that sync when it opens the key's window in this instance (it starts from what
 * the others counted) and once the key is past half its limit (near the limit, every instance
 * counts every hit in Redis before answering). A single instance counts exactly; so do several
 * near the limit. With Redis away, each instance goes on limiting by its own counts.
 */
export function redisCounter(redis: Redis, prefix: string, flushMs = 20): Counter {
  const windows = new Windows();
  let timer: NodeJS.Timeout | null = null;

  const flush = async () => {
    timer = null;
    const batch = [...windows.map].filter(([, w]) => w.pending > 0);
    if (batch.length === 0) return;
    const pipeline = redis.pipeline();
    const sends = batch.map(([key, w]) => {
      const n = w.pending;
      const k = `${prefix}rate:${key}`;
      pipeline
        .incrby(k, n)
        .pexpire(k, Math.max(1, w.resetAt - Date.now()), "NX")
        .pttl(k);
      w.sending += n;
      w.pending = 0;
      return { w, n };
    });
    const replies = await pipeline.exec().catch(() => null);
    const now = Date.now();
    for (const [i, { w, n }] of sends.entries()) {
      w.sending -= n;
      const total = replies?.[i * 3];
      const ttl = replies?.[i * 3 + 2];
      if (!total || total[0] || !ttl || ttl[0]) {
        w.shared += n; // Redis did not answer: this instance's own count
        continue;
      }
      w.shared = Number(total[1]);
      if (Number(ttl[1]) > 0) w.resetAt = now + Number(ttl[1]);
    }
  };

  return async (key, windowMs, limit) => {
    const { w, fresh } = windows.hit(key, windowMs, Date.now());
    if (fresh || countOf(w) * 2 > limit) {
      if (timer) clearTimeout(timer);
      await flush();
    } else timer ??= setTimeout(() => void flush(), flushMs).unref();
    return { count: countOf(w), resetInMs: Math.max(1, w.resetAt - Date.now()) };
  };
}
