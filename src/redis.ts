// Redis clients for pub/sub: one that publishes (and runs commands), one that subscribes.
import { Redis } from "ioredis";

export type RedisClients = { pub: Redis; sub: Redis; close(): Promise<void> };

export function openRedis(url: string): RedisClients {
  const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false };
  const pub = new Redis(url, options);
  const sub = new Redis(url, { ...options, enableOfflineQueue: true });
  for (const client of [pub, sub]) client.on("error", () => {}); // reconnects by itself; health reports it
  return {
    pub,
    sub,
    close: async () => {
      pub.disconnect();
      sub.disconnect();
    },
  };
}
