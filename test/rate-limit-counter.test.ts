// runtime/rate-limits.ts redisCounter against a real Redis: two instances' counts add up in one
// key through the counting script, which gives the key its window; a Redis user that may not run
// scripts leaves each instance with its own counts, said once. Services backend (it needs Redis).
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisCounter } from "../src/runtime/rate-limits.ts";
import { onServices, REDIS_URL } from "./helpers/backend.ts";

const clients: Redis[] = [];
const client = (options: { username?: string } = {}) => {
  const c = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, ...options });
  clients.push(c);
  return c;
};
afterAll(async () => {
  for (const c of clients) c.disconnect();
});

describe.skipIf(!onServices)("rate limits counted in Redis", () => {
  it("adds both instances' hits in one key, with the window's expiry", async () => {
    const prefix = `xim_test_${randomBytes(4).toString("hex")}:`;
    const [a, b] = [redisCounter(client(), prefix), redisCounter(client(), prefix)];
    // A fresh window waits for Redis: each instance sees what the other counted.
    expect((await a.count("send:1", 60_000, 100)).count).toBe(1);
    expect((await b.count("send:1", 60_000, 100)).count).toBe(2);
    // Far from the limit, A answers from its own view (1 shared + 3) and adds its hits within 20 ms.
    expect((await a.count("send:1", 60_000, 100, 3)).count).toBe(4);
    await new Promise((r) => setTimeout(r, 100));
    // Past half the limit (B's view: 2 + 1 of 5) every hit is counted in Redis before it is answered.
    const near = await b.count("send:1", 60_000, 5);
    expect(near.count).toBe(6);
    expect(near.resetInMs).toBeGreaterThan(59_000);
    const redis = client();
    expect(await redis.get(`${prefix}rate:send:1`)).toBe("6");
    const ttl = await redis.pttl(`${prefix}rate:send:1`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    // The window is not moved by later hits.
    await new Promise((r) => setTimeout(r, 50));
    expect((await b.count("send:1", 60_000, 5)).count).toBe(7);
    expect(await redis.pttl(`${prefix}rate:send:1`)).toBeLessThan(ttl);
  });

  it("limits by the instance's own counts when Redis refuses the script, and says so once", async () => {
    const admin = client();
    const user = `xim_noscript_${randomBytes(4).toString("hex")}`;
    await admin.call("ACL", "SETUSER", user, "on", "nopass", "~*", "&*", "+@all", "-@scripting");
    try {
      const prefix = `xim_test_${randomBytes(4).toString("hex")}:`;
      const refusals: Error[] = [];
      const counter = redisCounter(client({ username: user }), prefix, { onRefused: (e) => refusals.push(e) });
      expect((await counter.count("signin:x", 60_000, 4)).count).toBe(1);
      expect((await counter.count("signin:x", 60_000, 4)).count).toBe(2);
      expect((await counter.count("signin:x", 60_000, 4)).count).toBe(3);
      expect(refusals).toHaveLength(1);
      expect(refusals[0]?.message).toMatch(/NOPERM/);
      expect(await admin.exists(`${prefix}rate:signin:x`)).toBe(0);
    } finally {
      await admin.call("ACL", "DELUSER", user);
    }
  });
});
