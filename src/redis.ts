// Redis clients for pub/sub: one that publishes (and runs commands), one that subscribes.
import { Redis } from "ioredis";

/** `prefix` namespaces every key and channel, so that deployments can share one Redis. */
export type RedisClients = {
  pub: Redis;
  sub: Redis;
  prefix: string;
  /** Whether both clients are connected now. */
  up(): boolean;
  /** Resolves true once both clients are connected, false if they are not within `ms`. */
  ready(ms: number): Promise<boolean>;
  close(): Promise<void>;
};

type Log = { error(...args: unknown[]): void; info(...args: unknown[]): void };

/** Where a redis:// URL points, without its credentials. */
export const redisAddress = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 6379}`;
};

export function openRedis(url: string, prefix: string, log: Log = console): RedisClients {
  const retryStrategy = (times: number) => Math.min(times * 100, 2000);
  // Commands fail fast while Redis is away; subscriptions wait for it and are renewed on reconnect.
  const pub = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy });
  const sub = new Redis(url, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    autoResubscribe: true,
    retryStrategy,
  });
  // Each client reconnects by itself: say once that Redis is away, and once that it is back.
  let away = false;
  for (const client of [pub, sub]) {
    client.on("error", (err: Error) => {
      if (away) return;
      away = true;
      log.error(
        `Redis unreachable at ${redisAddress(url)} (${err.message}): live delivery across instances waits for it`,
      );
    });
    client.on("ready", () => {
      if (!away || pub.status !== "ready" || sub.status !== "ready") return;
      away = false;
      log.info(`Redis reachable again at ${redisAddress(url)}`);
    });
  }
  const up = () => pub.status === "ready" && sub.status === "ready";
  return {
    pub,
    sub,
    prefix,
    up,
    ready: async (ms) => {
      const deadline = Date.now() + ms;
      while (!up() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      return up();
    },
    close: async () => {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
