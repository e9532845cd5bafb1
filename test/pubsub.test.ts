// Every topic's publish function reaches the listeners of that topic (and id) only, in memory and
// over Redis; over Redis a topic is one subscription however many listen, and publishing with
// Redis away neither throws nor rejects.
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { Message } from "../src/generated/prisma/client.ts";
import {
  createXimPubSub,
  messageEvent,
  type PubSub,
  publishChatChanged,
  publishChatDissolved,
  publishDeviceRemoved,
  publishEntryChanged,
  publishJoinRequest,
  publishMembership,
  publishMessageAdded,
  publishPresence,
  publishReadReceipt,
  publishSignedOut,
  publishTyping,
} from "../src/pubsub.ts";
import { openRedis, type RedisClients } from "../src/redis.ts";
import { onServices, REDIS_URL } from "./helpers/backend.ts";

const message: Message = {
  id: 9007199254740993n,
  chatId: 1,
  seq: 7,
  senderId: 3,
  senderDeviceId: null,
  type: "LOCATION",
  text: "",
  fileId: null,
  latitude: 31.2,
  longitude: 121.5,
  cityCode: 310000,
  address: "Bund",
  clientMessageId: "c-1",
  clientRequestHash: "h-1",
  isDeleted: false,
  createdAt: new Date("2026-01-02T03:04:05.678Z"),
  editedAt: null,
  replyToId: 9007199254740991n,
  mentionsAll: true,
};

const opened: RedisClients[] = [];
afterAll(async () => {
  for (const r of opened) await r.close();
});

function redisClients(url: string): RedisClients {
  const r = openRedis(url, `pubsub_${randomBytes(4).toString("hex")}:`, { error: () => {}, info: () => {} });
  opened.push(r);
  return r;
}

/** What each listener received, once every event published so far has come round. */
async function received(pubsub: PubSub, publish: () => void) {
  const got: Record<string, unknown[]> = { chat1: [], chat2: [], user3: [], user4: [], revocations: [] };
  const offs = [
    pubsub.listen("chat", 1, (e) => got.chat1?.push(e)),
    pubsub.listen("chat", 2, (e) => got.chat2?.push(e)),
    pubsub.listen("user", 3, (e) => got.user3?.push(e)),
    pubsub.listen("user", 4, (e) => got.user4?.push(e)),
    pubsub.listenAll("revocations", (e) => got.revocations?.push(e)),
  ];
  await pubsub.settled();
  publish();
  // The last event is on revocations: Redis delivers one connection's messages in order.
  pubsub.publish("revocations", { kind: "signedOut", userId: 0, version: 0 });
  await expect.poll(() => got.revocations?.at(-1)).toEqual({ kind: "signedOut", userId: 0, version: 0 });
  got.revocations?.pop();
  for (const off of offs) off();
  return got;
}

const backends: [string, () => PubSub][] = [
  ["in memory", () => createXimPubSub()],
  ...(onServices ? [["over Redis", () => createXimPubSub(redisClients(REDIS_URL))] as [string, () => PubSub]] : []),
];

describe.each(backends)("pub/sub %s", (_name, make) => {
  it("chat: a message (its row intact), a change, a dissolution", async () => {
    const pubsub = make();
    const got = await received(pubsub, () => {
      publishMessageAdded(pubsub, message);
      publishChatChanged(pubsub, 1);
      publishChatDissolved(pubsub, 2);
    });
    expect(got.chat1).toEqual([messageEvent(message), { kind: "changed", chatId: 1 }]);
    expect(got.chat2).toEqual([{ kind: "dissolved", chatId: 2 }]);
    expect([got.user3, got.user4, got.revocations]).toEqual([[], [], []]);
  });

  it("user: entries, memberships, join requests", async () => {
    const pubsub = make();
    const got = await received(pubsub, () => {
      publishEntryChanged(pubsub, 3, 1, 5);
      publishMembership(pubsub, [3, 4], 2, true);
      publishMembership(pubsub, [4], 2, false);
      publishJoinRequest(pubsub, [3, 3, 4], 8);
    });
    expect(got.user3).toEqual([
      { kind: "entry", chatId: 1, fromDeviceId: 5 },
      { kind: "joined", chatId: 2 },
      { kind: "joinRequest", requestId: 8 },
    ]);
    expect(got.user4).toEqual([
      { kind: "joined", chatId: 2 },
      { kind: "left", chatId: 2 },
      { kind: "joinRequest", requestId: 8 },
    ]);
    expect([got.chat1, got.chat2]).toEqual([[], []]);
  });

  it("revocations: a sign-out everywhere, a removed device", async () => {
    const pubsub = make();
    const got = await received(pubsub, () => {
      publishSignedOut(pubsub, 3, 2);
      publishDeviceRemoved(pubsub, 4, 6);
    });
    expect(got.revocations).toEqual([
      { kind: "signedOut", userId: 3, version: 2 },
      { kind: "deviceRemoved", userId: 4, deviceId: 6 },
    ]);
  });

  it("chat and user: read receipts, typing, presence", async () => {
    const pubsub = make();
    const got = await received(pubsub, () => {
      publishReadReceipt(pubsub, 1, 3, 7);
      publishTyping(pubsub, 2, 4, true);
      publishPresence(pubsub, [3, 3], 4, false);
    });
    expect(got.chat1).toEqual([{ kind: "read", chatId: 1, userId: 3, readSeq: 7 }]);
    expect(got.chat2).toEqual([{ kind: "typing", chatId: 2, userId: 4, typing: true }]);
    expect(got.user3).toEqual([{ kind: "presence", userId: 4, online: false }]);
    expect([got.user4, got.revocations]).toEqual([[], []]);
  });

  it("stops delivering to a listener once it is removed", async () => {
    const pubsub = make();
    const got: unknown[] = [];
    const off = pubsub.listen("chat", 1, (e) => got.push(e));
    const stay = pubsub.listen("chat", 1, () => {});
    off();
    const seen = await received(pubsub, () => publishChatChanged(pubsub, 1));
    stay();
    expect(seen.chat1).toEqual([{ kind: "changed", chatId: 1 }]);
    expect(got).toEqual([]);
  });
});

describe.skipIf(!onServices)("pub/sub over Redis", () => {
  it("holds one Redis subscription per topic, however many listen, until the last stops", async () => {
    const redis = redisClients(REDIS_URL);
    const pubsub = createXimPubSub(redis);
    const channel = `${redis.prefix}chat:42`;
    const subscribers = async () => {
      await pubsub.settled();
      // Its commands fail fast while it connects (no offline queue): wait until it is ready.
      if (redis.pub.status !== "ready") await new Promise((r) => redis.pub.once("ready", r));
      const [, count] = (await redis.pub.pubsub("NUMSUB", channel)) as [string, number];
      return count;
    };
    const first = pubsub.listen("chat", 42, () => {});
    const second = pubsub.listen("chat", 42, () => {});
    expect(await subscribers()).toBe(1);
    first();
    expect(await subscribers()).toBe(1);
    second();
    expect(await subscribers()).toBe(0);
  });

  it("hands an event to its own instance's listeners at once and to the others' once, without its mark", async () => {
    const a = redisClients(REDIS_URL);
    const b = openRedis(REDIS_URL, a.prefix, { error: () => {}, info: () => {} });
    opened.push(b);
    const [here, there] = [createXimPubSub(a), createXimPubSub(b)];
    const got = { here: [] as unknown[], there: [] as unknown[], wire: [] as string[] };
    here.listen("chat", 1, (e) => got.here.push(e));
    there.listen("chat", 1, (e) => got.there.push(e));
    // A reader that knows nothing of marks (an older instance), on the same channel.
    const old = a.sub.duplicate();
    opened.push({ close: async () => void old.disconnect() } as RedisClients);
    await old.subscribe(`${a.prefix}chat:1`);
    old.on("message", (_channel: string, text: string) => got.wire.push(text));
    await Promise.all([here.settled(), there.settled()]);

    publishMessageAdded(here, message);
    // No round trip through Redis for its own listeners.
    expect(got.here).toEqual([messageEvent(message)]);
    await expect.poll(() => got.there).toEqual([messageEvent(message)]);
    // An event without a mark (from an older instance) reaches both.
    await a.pub.publish(`${a.prefix}chat:1`, JSON.stringify({ kind: "changed", chatId: 1 }));
    await expect.poll(() => got.wire.length).toBe(2);
    await expect.poll(() => got.here.length).toBe(2);
    await expect.poll(() => got.there.length).toBe(2);
    await new Promise((r) => setTimeout(r, 100));
    // Its echo did not come back to it a second time.
    expect(got.here).toEqual([messageEvent(message), { kind: "changed", chatId: 1 }]);
    expect(got.there).toEqual(got.here);
    // The older reader parses the marked event as the event plus one member.
    expect(JSON.parse(got.wire[0] as string)).toEqual({ "@": expect.any(String), ...messageEvent(message) });
  });

  it("publishes without throwing or rejecting while Redis is away, and says so", async () => {
    const errors: unknown[] = [];
    const pubsub = createXimPubSub(redisClients("redis://127.0.0.1:1"), (err) => errors.push(err));
    expect(() => publishChatChanged(pubsub, 1)).not.toThrow();
    await expect.poll(() => errors.length).toBeGreaterThan(0);
  });
});
