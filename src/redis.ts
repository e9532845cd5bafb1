// Redis clients for pub/sub: one that publishes (and runs commands), one that subscribes. Either one
// Redis (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_URLS), whose pub/sub is sharded.
import { Cluster, type ClusterOptions, Redis } from "ioredis";

/** What the stores run their commands on: one Redis, or a cluster (multi-key commands need one slot there). */
export type RedisCommands = Redis | Cluster;

type Common = {
  /** Namespaces every key and channel, so that deployments can share one Redis. */
  prefix: string;
  /** Whether both clients are connected now. */
  up(): boolean;
  /** Resolves true once both clients are connected, false if they are not within `ms`. */
  ready(ms: number): Promise<boolean>;
  close(): Promise<void>;
};

export type SingleRedisClients = Common & { kind: "single"; pub: Redis; sub: Redis };
/** `shards`: how many shard channels the topics are hashed over (SSUBSCRIBE, one slot each). */
export type ClusterClients = Common & { kind: "cluster"; pub: Cluster; sub: Cluster; shards: number };
export type RedisClients = SingleRedisClients | ClusterClients;

type Log = { error(...args: unknown[]): void; info(...args: unknown[]): void };

/** Where a redis:// URL (or a comma-separated list of them) points, without credentials. */
export const redisAddress = (urls: string) =>
  urls
    .split(",")
    .map((url) => {
      const u = new URL(url.trim());
      return `${u.hostname}:${u.port || 6379}`;
    })
    .join(",");

const retryStrategy = (times: number) => Math.min(times * 100, 2000);

/** The clients the configuration asks for: a cluster, one Redis, or none (in-process pub/sub). */
export function openRedisFor(
  config: { redisUrl?: string; redisClusterUrls?: string[]; redisPrefix: string; redisPubsubShards: number },
  log: Log = console,
): RedisClients | undefined {
  if (config.redisClusterUrls?.length)
    return openRedisCluster(config.redisClusterUrls, config.redisPrefix, config.redisPubsubShards, log);
  return config.redisUrl ? openRedis(config.redisUrl, config.redisPrefix, log) : undefined;
}

/** Commands fail fast while Redis is away (the publisher, the stores, the outbox relay's XADD). */
const commandOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy };

/**
 * A client for commands alone (no subscriber): one Redis or a cluster, as the configuration asks;
 * null without Redis. The outbox relay's worker thread has its own.
 */
export function openCommandClient(config: { redisUrl?: string; redisClusterUrls?: string[] }): RedisCommands | null {
  if (config.redisClusterUrls?.length) {
    const { nodes, options } = clusterOf(config.redisClusterUrls);
    return new Cluster(nodes, options(false, 1));
  }
  return config.redisUrl ? new Redis(config.redisUrl, commandOptions) : null;
}

export function openRedis(url: string, prefix: string, log: Log = console): SingleRedisClients {
  // Subscriptions wait for Redis and are renewed on reconnect.
  const pub = new Redis(url, commandOptions);
  const sub = new Redis(url, {
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
    autoResubscribe: true,
    retryStrategy,
  });
  return { kind: "single", pub, sub, ...common(pub, sub, prefix, redisAddress(url), log) };
}

/**
 * A cluster from its seed nodes (the others are discovered). Credentials and TLS come from the
 * first URL and apply to every node. The subscriber holds one connection per master for its
 * shard channels (ioredis' sharded subscribers), moved and renewed with the slots.
 */
export function openRedisCluster(urls: string[], prefix: string, shards: number, log: Log = console): ClusterClients {
  const { nodes, options } = clusterOf(urls);
  const pub = new Cluster(nodes, options(false, 1));
  const sub = new Cluster(nodes, { ...options(true, null), shardedSubscribers: true });
  return { kind: "cluster", pub, sub, shards, ...common(pub, sub, prefix, redisAddress(urls.join(",")), log) };
}

/** A cluster's seed nodes, and its clients' options (`offline`: queue commands while away). */
function clusterOf(urls: string[]) {
  const first = new URL(urls[0] ?? "redis://127.0.0.1:6379");
  const nodes = urls.map((u) => {
    const { hostname, port } = new URL(u);
    return { host: hostname, port: Number(port || 6379) };
  });
  const auth = {
    ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
    ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
    ...(first.protocol === "rediss:" ? { tls: {} } : {}),
  };
  const options = (offline: boolean, retries: number | null): ClusterOptions => ({
    clusterRetryStrategy: retryStrategy,
    enableOfflineQueue: offline,
    redisOptions: { ...auth, maxRetriesPerRequest: retries },
  });
  return { nodes, options };
}

function common(pub: RedisCommands, sub: RedisCommands, prefix: string, address: string, log: Log): Common {
  const up = () => pub.status === "ready" && sub.status === "ready";
  // Each client reconnects by itself: say once that Redis is away, and once that it is back.
  let away = false;
  for (const client of [pub, sub]) {
    client.on("error", (err: Error) => {
      if (away) return;
      away = true;
      log.error(`Redis unreachable at ${address} (${err.message}): live delivery across instances waits for it`);
    });
    // A cluster stays ready while one master is away: its sharded subscribers say when they are back.
    for (const event of ["ready", "subscribersReady"])
      client.on(event, () => {
        if (!away || !up()) return;
        away = false;
        log.info(`Redis reachable again at ${address}`);
      });
  }
  return {
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

type Replies = [error: Error | null, result: unknown][];
type Chain = ReturnType<RedisCommands["pipeline"]>;

/**
 * Runs `build`'s commands for each item, all at once, and returns each item's replies (null when
 * they did not run). On one Redis they share one pipeline. On a cluster a pipeline's keys must
 * live on one node, so each item gets its own: `build` must touch one slot per item.
 */
export async function pipelineEach<T>(
  redis: RedisCommands,
  items: T[],
  build: (pipeline: Chain, item: T) => void,
): Promise<(Replies | null)[]> {
  if (redis.isCluster)
    return Promise.all(
      items.map((item) => {
        const pipeline = redis.pipeline();
        build(pipeline, item);
        return pipeline.exec().catch(() => null);
      }),
    );
  const pipeline = redis.pipeline();
  const ends = items.map((item) => {
    build(pipeline, item);
    return pipeline.length;
  });
  const replies = await pipeline.exec().catch(() => null);
  return ends.map((end, i) => replies?.slice(i === 0 ? 0 : ends[i - 1], end) ?? null);
}
