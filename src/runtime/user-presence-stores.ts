// The stores of user presence (user-presence.ts): in memory for one instance, or in Redis for all.
// Redis keys (after the prefix): up:u:<user> a hash of claims (holder -> expiry ms); up:exp the
// users to re-evaluate, scored by their latest finite expiry; up:on the users announced online;
// up:instances the live instances, scored by when they are taken for dead; up:held:<instance> the
// users whose sockets an instance holds. Each change is one Lua script, so re-evaluating a user is
// atomic: of two instances sweeping together, one alone announces them offline. On a Redis Cluster
// the keys share one hash tag (`{<prefix>up}:u:<user>`...), so that each script's keys live in one
// slot; each script names one of them (KEYS[1]) for the cluster to route it by.
import type { RedisCommands } from "../redis.ts";
import { HELD, type UserPresenceStore } from "./user-presence.ts";

export function memoryUserPresenceStore(): UserPresenceStore {
  const claims = new Map<number, Map<string, number>>();
  const due = new Map<number, number>();
  const on = new Set<number>();
  const evaluate = (userId: number, now: number): number => {
    const mine = claims.get(userId) ?? new Map<string, number>();
    let latest = -1;
    for (const [holder, exp] of mine) {
      if (exp <= now) mine.delete(holder);
      else latest = Math.max(latest, exp);
    }
    if (latest < 0) {
      claims.delete(userId);
      due.delete(userId);
      return on.delete(userId) ? -1 : 0;
    }
    if (latest >= HELD) due.delete(userId);
    else due.set(userId, latest);
    if (on.has(userId)) return 0;
    on.add(userId);
    return 1;
  };
  return {
    async claim(userId, holder, expiresAt, now) {
      claims.set(userId, (claims.get(userId) ?? new Map()).set(holder, expiresAt));
      return evaluate(userId, now);
    },
    async online(userIds, now) {
      return new Set(userIds.filter((id) => [...(claims.get(id)?.values() ?? [])].some((exp) => exp > now)));
    },
    async sweep(now) {
      const gone: number[] = [];
      for (const [userId, at] of [...due]) if (at <= now && evaluate(userId, now) === -1) gone.push(userId);
      return gone;
    },
    async alive() {
      return false;
    },
  };
}

const EVALUATE = `
local P = ARGV[1]
local function evaluate(uid, now)
  local key = P .. 'u:' .. uid
  local kv = redis.call('HGETALL', key)
  local latest = -1
  for i = 1, #kv, 2 do
    local exp = tonumber(kv[i + 1])
    if exp <= now then redis.call('HDEL', key, kv[i]) elseif exp > latest then latest = exp end
  end
  if latest < 0 then
    redis.call('ZREM', P .. 'exp', uid)
    if redis.call('SREM', P .. 'on', uid) == 1 then return -1 end
    return 0
  end
  if latest >= ${HELD} then redis.call('ZREM', P .. 'exp', uid) else redis.call('ZADD', P .. 'exp', latest, uid) end
  if redis.call('SADD', P .. 'on', uid) == 1 then return 1 end
  return 0
end
`;

// ARGV: key base, user, holder, expiresAt, now, instance ('' for none), '1' add / '0' remove.
const CLAIM = `${EVALUATE}
redis.call('HSET', P .. 'u:' .. ARGV[2], ARGV[3], ARGV[4])
if ARGV[6] ~= '' then
  if ARGV[7] == '1' then redis.call('SADD', P .. 'held:' .. ARGV[6], ARGV[2])
  else redis.call('SREM', P .. 'held:' .. ARGV[6], ARGV[2]) end
end
return evaluate(ARGV[2], tonumber(ARGV[5]))`;

// ARGV: key base, now, limit. Dead instances' sockets first, then the users due.
const SWEEP = `${EVALUATE}
local now = tonumber(ARGV[2])
for _, inst in ipairs(redis.call('ZRANGEBYSCORE', P .. 'instances', '-inf', ARGV[2])) do
  redis.call('ZREM', P .. 'instances', inst)
  local held = P .. 'held:' .. inst
  for _, uid in ipairs(redis.call('SMEMBERS', held)) do
    redis.call('HDEL', P .. 'u:' .. uid, 's:' .. inst)
    redis.call('ZADD', P .. 'exp', ARGV[2], uid)
  end
  redis.call('DEL', held)
end
local gone = {}
for _, uid in ipairs(redis.call('ZRANGEBYSCORE', P .. 'exp', '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))) do
  if evaluate(uid, now) == -1 then table.insert(gone, uid) end
end
return gone`;

type Scripts = {
  ximPresenceClaim(...args: string[]): Promise<number>;
  ximPresenceSweep(...args: string[]): Promise<string[]>;
};

export function redisUserPresenceStore(redis: RedisCommands, prefix: string): UserPresenceStore {
  redis.defineCommand("ximPresenceClaim", { numberOfKeys: 1, lua: CLAIM });
  redis.defineCommand("ximPresenceSweep", { numberOfKeys: 1, lua: SWEEP });
  const scripts = redis as unknown as Scripts;
  const base = redis.isCluster ? `{${prefix}up}:` : `${prefix}up:`;
  const anchor = `${base}exp`;
  return {
    async claim(userId, holder, expiresAt, now, held) {
      const [instance, add] = held ? [held.instance, held.add ? "1" : "0"] : ["", "0"];
      return Number(
        await scripts.ximPresenceClaim(
          anchor,
          base,
          String(userId),
          holder,
          String(expiresAt),
          String(now),
          instance,
          add,
        ),
      );
    },
    async online(userIds, now) {
      const pipeline = redis.pipeline();
      for (const id of userIds) pipeline.hvals(`${base}u:${id}`);
      const results = (await pipeline.exec()) ?? [];
      return new Set(
        userIds.filter((_, i) => ((results[i]?.[1] as string[] | undefined) ?? []).some((exp) => Number(exp) > now)),
      );
    },
    async sweep(now) {
      return (await scripts.ximPresenceSweep(anchor, base, String(now), "1000")).map(Number);
    },
    async alive(instance, until) {
      return (await redis.zadd(`${base}instances`, until, instance)) === 1;
    },
  };
}
