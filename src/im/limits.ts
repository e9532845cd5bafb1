// Per-key rate limits over a fixed window (per instance in memory, shared through Redis).
import type { Redis } from "ioredis";
import { rateLimited } from "../errors.ts";

type Counter = (key: string, windowMs: number) => Promise<{ count: number; resetInMs: number }>;

export class Limiter {
  constructor(private readonly counter: Counter) {}

  /** Counts one hit against `limit` per minute; over it, throws RATE_LIMITED with the delay. */
  async hit(key: string, limit: number): Promise<void> {
    const { count, resetInMs } = await this.counter(key, 60_000);
    if (count > limit) throw rateLimited(Math.max(1, resetInMs));
  }
}

export function memoryCounter(): Counter {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return async (key, windowMs) => {
    const now = Date.now();
    let w = windows.get(key);
    if (!w || w.resetAt <= now) {
      if (windows.size > 100_000) for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
      w = { count: 0, resetAt: now + windowMs };
      windows.set(key, w);
    }
    w.count++;
    return { count: w.count, resetInMs: w.resetAt - now };
  };
}

export function redisCounter(redis: Redis, prefix: string, fallback = memoryCounter()): Counter {
  return async (key, windowMs) => {
    const k = `${prefix}rate:${key}`;
    try {
      const res = await redis.multi().incr(k).pexpire(k, windowMs, "NX").pttl(k).exec();
      const count = Number(res?.[0]?.[1] ?? 1);
      const ttl = Number(res?.[2]?.[1] ?? windowMs);
      return { count, resetInMs: ttl > 0 ? ttl : windowMs };
    } catch {
      // Redis down: limit per instance rather than not at all.
      return fallback(key, windowMs);
    }
  };
}
