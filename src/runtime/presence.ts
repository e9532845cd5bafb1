// Device presence. A device is online while any instance holds a graphql-ws connection for it, or
// within the TTL after a heartbeat. Each holder writes its own expiry, so a crashed instance's
// claims lapse by themselves. With Redis every instance sees the same state.
import { pipelineEach, type RedisCommands } from "../redis.ts";

type Store = {
  set(deviceId: number, holder: string, expiresAt: number): Promise<void>;
  del(deviceId: number, holder: string): Promise<void>;
  get(deviceIds: number[]): Promise<Map<number, number[]>>;
};

export class Presence {
  readonly #connections = new Map<number, number>();
  readonly #timer: NodeJS.Timeout;
  private readonly store: Store;
  constructor(
    store: Store,
    private readonly instanceId: string,
    private readonly ttlMs: number,
  ) {
    this.store = tolerant(store);
    // Connected devices keep their claim fresh while the instance lives.
    this.#timer = setInterval(() => void this.#refresh(), Math.max(250, ttlMs / 3)).unref();
  }

  async heartbeat(deviceId: number): Promise<void> {
    await this.store.set(deviceId, "hb", Date.now() + this.ttlMs);
  }

  async connected(deviceId: number): Promise<void> {
    this.#connections.set(deviceId, (this.#connections.get(deviceId) ?? 0) + 1);
    await this.store.set(deviceId, this.instanceId, Date.now() + this.ttlMs);
  }

  async disconnected(deviceId: number): Promise<void> {
    const left = (this.#connections.get(deviceId) ?? 1) - 1;
    if (left > 0) return void this.#connections.set(deviceId, left);
    this.#connections.delete(deviceId);
    await this.store.del(deviceId, this.instanceId);
  }

  /** Forgets a device everywhere (removed device): heartbeat claims go; live connections stay theirs. */
  async forget(deviceId: number): Promise<void> {
    await this.store.del(deviceId, "hb");
  }

  async online(deviceIds: number[]): Promise<Set<number>> {
    const now = Date.now();
    const claims = await this.store.get(deviceIds);
    return new Set(deviceIds.filter((id) => (claims.get(id) ?? []).some((exp) => exp > now)));
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.allSettled([...this.#connections.keys()].map((id) => this.store.del(id, this.instanceId)));
    this.#connections.clear();
  }

  async #refresh(): Promise<void> {
    const expiresAt = Date.now() + this.ttlMs;
    await Promise.allSettled([...this.#connections.keys()].map((id) => this.store.set(id, this.instanceId, expiresAt)));
  }
}

export function memoryPresenceStore(): Store {
  const claims = new Map<number, Map<string, number>>();
  return {
    async set(id, holder, exp) {
      const m = claims.get(id) ?? new Map<string, number>();
      claims.set(id, m.set(holder, exp));
    },
    async del(id, holder) {
      claims.get(id)?.delete(holder);
    },
    async get(ids) {
      return new Map(ids.map((id) => [id, [...(claims.get(id)?.values() ?? [])]]));
    },
  };
}

export function redisPresenceStore(redis: RedisCommands, prefix: string, ttlMs: number): Store {
  const key = (id: number) => `${prefix}presence:${id}`;
  return {
    async set(id, holder, exp) {
      await redis
        .multi()
        .hset(key(id), holder, String(exp))
        .pexpire(key(id), ttlMs * 2)
        .exec();
    },
    async del(id, holder) {
      await redis.hdel(key(id), holder);
    },
    async get(ids) {
      if (!ids.length) return new Map();
      const results = await pipelineEach(redis, ids, (pipeline, id) => pipeline.hvals(key(id)));
      return new Map(ids.map((id, i) => [id, ((results[i]?.[0]?.[1] as string[] | undefined) ?? []).map(Number)]));
    },
  };
}

/** Presence is best effort: with its store away, devices read as offline and nothing throws. */
function tolerant(store: Store): Store {
  return {
    set: (id, holder, exp) => store.set(id, holder, exp).catch(() => {}),
    del: (id, holder) => store.del(id, holder).catch(() => {}),
    get: (ids) => store.get(ids).catch(() => new Map<number, number[]>()),
  };
}
