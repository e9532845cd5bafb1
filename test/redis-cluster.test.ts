// Two instances on one PostgreSQL and a real three-master Redis Cluster (REDIS_CLUSTER_URLS):
// delivery, presence, catch-up, shared rate limits and revocations cross instances as on one Redis,
// and each instance holds at most REDIS_PUBSUB_SHARDS shard subscriptions however many topics.
import type { Client } from "graphql-ws";
import { Cluster } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import type { PubSub } from "../src/pubsub.ts";
import { openRedisCluster } from "../src/redis.ts";
import { shardChannel, shardedBus, shardOf } from "../src/runtime/sharded-bus.ts";
import {
  DevicesDocument,
  HeartbeatDocument,
  MeDocument,
  MessageAddedDocument,
  MessageCatchUpDocument,
  OpenDirectChatDocument,
  PresenceChangedDocument,
  RegisterDeviceDocument,
  SendMessageDocument,
  SignInDocument,
  SignOutEverywhereDocument,
  SignUpDocument,
  UserOnlineDocument,
} from "./gql/graphql.ts";
import type { TestUser } from "./helpers/app.ts";
import { startCluster } from "./helpers/app.ts";
import { onServices } from "./helpers/backend.ts";
import { type Http, Recorder, settle, signedInSocket, wsClient } from "./helpers/client.ts";
import { type RedisCluster, startRedisCluster } from "./helpers/redis-cluster.ts";
import { befriend, createGroup } from "./helpers/social.ts";

const SHARDS = 8;
const STREAM = `xim-cluster-events-${process.pid}`;

describe.skipIf(!onServices)("two instances on a Redis Cluster", { timeout: 30_000 }, () => {
  let redis: Awaited<ReturnType<typeof startRedisCluster>>;
  let xim: Awaited<ReturnType<typeof startCluster>>;
  const sockets: Client[] = [];
  let a: Http;
  let b: Http;

  beforeAll(async () => {
    redis = await startRedisCluster();
    xim = await startCluster(2, {
      REDIS_URL: "", // instead of the tests' one Redis
      REDIS_CLUSTER_URLS: redis.urls,
      REDIS_PUBSUB_SHARDS: String(SHARDS),
      RATE_LIMIT_SIGNIN_PER_MINUTE: "4",
      PRESENCE_TTL: "2",
      EVENTS_STREAM: STREAM,
    });
    [a, b] = xim.apps.map((x) => x.http) as [Http, Http];
    expect(await Promise.all(xim.apps.map((x) => x.app.pubsubReady(10_000)))).toEqual([true, true]);
  }, 60_000);
  afterAll(async () => {
    await Promise.allSettled(sockets.map((s) => s.dispose()));
    await xim?.close();
    await redis?.stop();
  });

  const user = async (via: Http, name: string): Promise<TestUser> => {
    const username = `${name}${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const { signUp } = await via.run(SignUpDocument, { username, password: "correct horse", nickname: name });
    return { id: signUp.user.id, username, token: signUp.token, http: via.with(signUp.token) };
  };
  const socketOn = (i: number, who: TestUser) => {
    const s = wsClient(xim.apps[i]?.url ?? "", { authorization: `Bearer ${who.token}` });
    sockets.push(s);
    return s;
  };
  const send = (via: Http, who: TestUser, chatId: string, text: string) =>
    via.with(who.token).run(SendMessageDocument, { input: { chatId, type: "TEXT", text } });

  it("runs on the cluster: /health says pubsub up", async () => {
    for (const x of xim.apps) expect(await x.app.health()).toMatchObject({ status: "ok", pubsub: "up" });
  });

  it("delivers a direct chat's and a group's messages to sockets on the other instance", async () => {
    const [alice, bob, carol] = [await user(a, "alice"), await user(b, "bob"), await user(a, "carol")];
    const bobs = new Recorder(socketOn(1, bob), MessageAddedDocument, {});
    const carols = new Recorder(socketOn(0, carol), MessageAddedDocument, {});
    await settle();

    const direct = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
    await send(a, alice, direct, "direct from A");
    await befriend(alice, bob);
    await befriend(alice, carol);
    const group = await createGroup(alice, [bob, carol]);
    await send(b, bob, group, "group from B");
    await send(a, alice, group, "group from A");

    const texts = (r: typeof bobs, n: number) => r.waitFor(n).then((got) => got.map((m) => m.messageAdded.text));
    expect(await texts(bobs, 3)).toEqual(["direct from A", "group from B", "group from A"]);
    expect(await texts(carols, 2)).toEqual(["group from B", "group from A"]);
  });

  it("shares presence: a socket on one instance shows online on the other, and tells friends there", async () => {
    const [dan, erin] = [await user(a, "dan"), await user(b, "erin")];
    await befriend(dan, erin);
    const changes = new Recorder(socketOn(0, dan), PresenceChangedDocument);
    await settle();
    expect((await a.with(dan.token).run(UserOnlineDocument, { id: erin.id })).user?.online).toBe(false);
    const erinOnB = socketOn(1, erin);
    expect((await changes.waitFor(1))[0]?.presenceChanged).toEqual({ id: erin.id, online: true });
    expect((await a.with(dan.token).run(UserOnlineDocument, { id: erin.id })).user?.online).toBe(true);
    await erinOnB.dispose();
    expect((await changes.waitFor(2))[1]?.presenceChanged).toEqual({ id: erin.id, online: false });
  });

  it("shares device presence: a heartbeat through one instance shows that device online on the other", async () => {
    const lee = await user(a, "lee");
    const register = (n: number) =>
      lee.http.run(RegisterDeviceDocument, {
        input: {
          hostname: `pc${n}`,
          os: "linux",
          arch: "x64",
          macs: [{ name: "eth0", address: `02:00:00:00:18:0${n}` }],
        },
      });
    const devices = [
      (await register(1)).registerDevice.id,
      (await register(2)).registerDevice.id,
      (await register(3)).registerDevice.id,
    ];
    await b.with(lee.token).run(HeartbeatDocument, { deviceId: devices[1] ?? "" });
    const listed = (await a.with(lee.token).run(DevicesDocument)).devices;
    expect(devices.map((id) => listed.find((d) => d.id === id)?.online)).toEqual([false, true, false]);
  });

  it("catches up on the other instance from a seq, then goes on live", async () => {
    const [fay, gus] = [await user(a, "fay"), await user(b, "gus")];
    const chatId = (await fay.http.run(OpenDirectChatDocument, { userId: gus.id })).openDirectChat.chat.id;
    const first = (await send(a, fay, chatId, "seen")).sendMessage.seq;
    for (let i = 1; i <= 5; i++) await send(a, fay, chatId, `missed ${i}`);
    const sub = new Recorder(socketOn(1, gus), MessageCatchUpDocument, { chatId, afterSeq: first });
    const replayed = await sub.waitFor(5);
    expect(replayed.map((r) => r.messageAdded.seq)).toEqual([2, 3, 4, 5, 6].map((n) => first + n - 1));
    await send(a, fay, chatId, "live");
    expect((await sub.waitFor(6)).map((r) => r.messageAdded.text).slice(5)).toEqual(["live"]);
  });

  it("feeds the events stream on the cluster (outbox XADD)", async () => {
    const [jo, kim] = [await user(a, "jo"), await user(b, "kim")];
    const chatId = (await jo.http.run(OpenDirectChatDocument, { userId: kim.id })).openDirectChat.chat.id;
    const { id } = (await send(b, kim, chatId, "to the stream")).sendMessage;
    const reader = new Cluster(redis.ports.map((port) => ({ host: "127.0.0.1", port })));
    try {
      const created = async () =>
        (await reader.xrange(STREAM, "-", "+"))
          .map(([, f]) => JSON.parse(f[3] ?? "{}"))
          .filter((e) => e.type === "message.created" && e.data?.message?.id === id);
      await expect.poll(created, { timeout: 10_000 }).toHaveLength(1);
    } finally {
      reader.disconnect();
    }
  });

  it("counts sign-in attempts on both instances against one limit", async () => {
    const { username } = await user(a, "hal");
    const attempt = (via: Http, password: string) => via.code(SignInDocument, { username, password });
    for (let i = 0; i < 3; i++) expect(await attempt(a, "wrong password")).toBe("UNAUTHENTICATED");
    await expect.poll(() => attempt(b, "wrong password")).toBe("UNAUTHENTICATED");
    expect(await attempt(b, "correct horse")).toBe("RATE_LIMITED");
    expect(await attempt(a, "correct horse")).toBe("RATE_LIMITED");
  });

  it("signs out everywhere: the socket held by the other instance closes with 4403", async () => {
    const ivy = await user(a, "ivy");
    const { closed, ack } = await signedInSocket(xim.apps[1]?.url ?? "", ivy.token);
    expect(ack.type).toBe("connection_ack");
    await a.with(ivy.token).run(SignOutEverywhereDocument);
    expect(await closed).toBe(4403);
    expect(await b.with(ivy.token).code(MeDocument)).toBe("UNAUTHENTICATED");
  });

  it("holds REDIS_PUBSUB_SHARDS shard subscriptions per instance, however many chats", async () => {
    const [onA, onB] = xim.apps.map((x) => x.app.services.pubsub) as [PubSub, PubSub];
    const got: number[] = [];
    const offs = Array.from({ length: 500 }, (_, i) => onA.listen("chat", 100_000 + i, (e) => got.push(e.chatId)));
    await onA.settled();
    const channels = await shardChannels(redis, xim.apps[0]?.app.services.config.redisPrefix ?? "");
    expect(channels.size).toBe(SHARDS);
    expect(new Set([...channels.values()].map((c) => c.port)).size).toBeGreaterThan(1); // spread over masters
    // One subscription per instance on each (two instances here), not one per chat.
    for (const [, { subscribers }] of channels) expect(subscribers).toBe(2);

    for (const id of [100_000, 100_250, 100_499, 999_999]) onB.publish("chat", id, { kind: "changed", chatId: id });
    await expect.poll(() => [...got].sort()).toEqual([100_000, 100_250, 100_499]);
    for (const off of offs) off();
  });

  it("subscribes again when a master comes back: says it has resumed, then delivers on its shards", async () => {
    const [onA, onB] = xim.apps.map((x) => x.app.services.pubsub) as [PubSub, PubSub];
    const prefix = xim.apps[0]?.app.services.config.redisPrefix ?? "";
    // A third instance's bus beside the two apps, to watch `resumed`.
    const third = openRedisCluster(redis.urls.split(","), prefix, SHARDS, { error: () => {}, info: () => {} });
    const bus = shardedBus(third, () => {});
    const [onAGot, busGot] = [new Set<number>(), new Set<number>()];
    const ids = Array.from({ length: 64 }, (_, i) => 200_000 + i);
    const offs = ids.flatMap((id) => [
      onA.listen("chat", id, (e) => onAGot.add(e.chatId)),
      bus.add(`chat:${id}`, (e) => busGot.add((e as { chatId: number }).chatId)),
    ]);
    await Promise.all([onA.settled(), bus.settled()]);
    let resumed = 0;
    bus.resumed(() => resumed++);
    const channels = await shardChannels(redis, prefix);
    const [channel, { port, subscribers }] = [...channels].at(0) ?? ["", { port: 0, subscribers: 0 }];
    const there = ids.filter((id) => shardChannel(prefix, shardOf(`chat:${id}`, SHARDS)) === channel);
    expect(there.length).toBeGreaterThan(0);
    const publish = () => {
      for (const id of there) onB.publish("chat", id, { kind: "changed", chatId: id });
    };
    const delivered = (got: Set<number>) => there.filter((id) => got.has(id)).length;
    try {
      await redis.restart(port);
      await expect.poll(() => resumed, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
      publish(); // once: live as soon as `resumed` says so
      await expect.poll(() => delivered(busGot)).toBe(there.length);
      // The app's bus resubscribes the same way.
      await expect.poll(() => (publish(), delivered(onAGot)), { timeout: 15_000, interval: 250 }).toBe(there.length);
      expect((await shardChannels(redis, prefix)).get(channel)?.subscribers).toBe(subscribers);
    } finally {
      for (const off of offs) off();
      await third.close();
    }
  }, 40_000);
});

/** The deployment's shard channels on every master: their subscriber counts (SHARDNUMSUB) and master. */
async function shardChannels(
  redis: RedisCluster,
  prefix: string,
): Promise<Map<string, { subscribers: number; port: number }>> {
  const found = new Map<string, { subscribers: number; port: number }>();
  for (const port of redis.ports) {
    const names = (await redis.cli(port, "PUBSUB", "SHARDCHANNELS", `${prefix}*`)).split("\n").filter(Boolean);
    if (!names.length) continue;
    const counts = (await redis.cli(port, "PUBSUB", "SHARDNUMSUB", ...names)).split("\n").filter(Boolean);
    for (let i = 0; i < counts.length; i += 2) found.set(counts[i] ?? "", { subscribers: Number(counts[i + 1]), port });
  }
  return found;
}

describe("REDIS_CLUSTER_URLS", () => {
  const env = { REDIS_CLUSTER_URLS: "redis://10.0.0.1:7000, redis://:secret@10.0.0.2:7001/" };

  it("reads the seed nodes and the shard count (16 unless told)", () => {
    const c = loadConfig(env);
    expect(c.redisClusterUrls).toEqual(["redis://10.0.0.1:7000", "redis://:secret@10.0.0.2:7001/"]);
    expect(c.redisUrl).toBeUndefined();
    expect(c.redisPubsubShards).toBe(16);
    expect(loadConfig({ ...env, REDIS_PUBSUB_SHARDS: "64" }).redisPubsubShards).toBe(64);
  });

  it("refuses it beside REDIS_URL, a node that is not a redis:// URL, and a shard count out of range", () => {
    expect(() => loadConfig({ ...env, REDIS_URL: "redis://127.0.0.1:6379" })).toThrow(
      "invalid configuration: REDIS_CLUSTER_URLS: set REDIS_URL (one Redis) or REDIS_CLUSTER_URLS (a Redis Cluster), not both",
    );
    expect(() => loadConfig({ REDIS_CLUSTER_URLS: "redis://10.0.0.1:7000,10.0.0.2:7001" })).toThrow(
      /^invalid configuration: REDIS_CLUSTER_URLS: a comma-separated list of redis:\/\/ seed nodes/,
    );
    expect(() => loadConfig({ REDIS_CLUSTER_URLS: "redis://10.0.0.1:7000/2" })).toThrow(/REDIS_CLUSTER_URLS/);
    expect(() => loadConfig({ ...env, REDIS_PUBSUB_SHARDS: "0" })).toThrow(/REDIS_PUBSUB_SHARDS/);
  });

  it("takes EVENTS_STREAM on a cluster as on one Redis", () => {
    expect(loadConfig({ ...env, EVENTS_STREAM: "xim:events" }).events?.stream?.key).toBe("xim:events");
    expect(() => loadConfig({ EVENTS_STREAM: "xim:events" })).toThrow(/needs REDIS_URL or REDIS_CLUSTER_URLS/);
  });
});
