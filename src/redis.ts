// Redis clients for pub/sub: one that publishes (and runs commands), one that subscribes.
import { Redis } from "ioredis";

/** `prefix` namespaces every key and channel, so that deployments can share one Redis. */
export type RedisClients = { pub: Redis; sub: Redis; prefix: string; close(): Promise<void> };

export function openRedis(url: string, prefix: string): RedisClients {
  const retryStrategy = (times: number) => Math.min(times * 100, 2000);
  // Commands fail fast while Redis is away; subscriptions wait for it and are renewed on reconnect.
  const pub = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy });
  const sub = new Redis(url, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    autoResubscribe: true,
    retryStrategy,
  });
  for (const client of [pub, sub]) client.on("error", () => {}); // reconnects by itself; health reports it
  return {
    pub,
    sub,
    prefix,
    close: async () => {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
