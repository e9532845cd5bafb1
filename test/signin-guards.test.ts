// The pieces that bound sign-in abuse, on their own: the password hasher's slots and queue, the
// rate limiter's key digests and memory cap, and the client address behind trusted proxies.
import type { IncomingMessage } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { addressKey, clientAddress } from "../src/http/client-address.ts";
import { PasswordHasher } from "../src/runtime/password-hasher.ts";
import { digestKey, Limiter, memoryCounter } from "../src/runtime/rate-limits.ts";

describe("PasswordHasher", () => {
  it("runs N at once, queues Q, and refuses the next one at once with RATE_LIMITED", async () => {
    const hasher = new PasswordHasher(2, 3);
    const gates: (() => void)[] = [];
    const started: number[] = [];
    const held = Array.from({ length: 5 }, (_, i) =>
      hasher.run(async () => {
        started.push(i);
        await new Promise<void>((r) => gates.push(r));
        return i;
      }),
    );
    await Promise.resolve();
    expect([hasher.running, hasher.waiting, started]).toEqual([2, 3, [0, 1]]);

    const refused = await hasher.run(async () => 6).catch((e: { extensions?: unknown }) => e.extensions);
    expect(refused).toEqual({ code: "RATE_LIMITED", retryAfterMs: 1000 });

    gates[0]?.();
    expect(await held[0]).toBe(0);
    await vi.waitFor(() => expect(started).toEqual([0, 1, 2]));
    expect([hasher.running, hasher.waiting]).toEqual([2, 2]);

    for (let i = 1; i < 5; i++) {
      await vi.waitFor(() => expect(gates[i]).toBeDefined());
      gates[i]?.();
    }
    expect(await Promise.all(held)).toEqual([0, 1, 2, 3, 4]);
    expect([hasher.running, hasher.waiting]).toEqual([0, 0]);
  });

  it("frees the slot when a task fails", async () => {
    const hasher = new PasswordHasher(1, 0);
    await expect(hasher.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await hasher.run(async () => "next")).toBe("next");
    expect(await hasher.verify("correct horse", await hasher.hash("correct horse"))).toBe(true);
  });
});

describe("Limiter", () => {
  afterEach(() => vi.useRealTimers());

  it("keys by a fixed-size digest that keeps the scope readable", () => {
    const long = digestKey(`signin:${"x".repeat(900_000)}`);
    expect(long).toMatch(/^signin:[\w-]{22}$/);
    expect(digestKey("signin:alice")).not.toBe(digestKey("signin:alicf"));
    expect(digestKey("send:42")).toBe("send:42"); // short already: kept
    expect(digestKey(`signin:${"a".repeat(22)}`)).toMatch(/^signin:[\w-]{22}$/);
    expect(digestKey(`signin:${"a".repeat(22)}`)).not.toBe(`signin:${"a".repeat(22)}`);
    expect(digestKey(`${"s".repeat(40)}:x`)).toMatch(/^[\w-]{22}$/);
  });

  it("holds at most maxKeys windows, dropping expired ones first, then the oldest", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const limiter = new Limiter(memoryCounter({ maxKeys: 100 }));
    for (let i = 0; i < 1000; i++) await limiter.hit(`signin:user${i}`, 5);
    expect(limiter.size).toBe(100);
    // The newest keys are still counted.
    for (let i = 0; i < 4; i++) await limiter.hit("signin:user999", 5);
    await expect(limiter.hit("signin:user999", 5)).rejects.toMatchObject({ extensions: { code: "RATE_LIMITED" } });

    vi.setSystemTime(Date.now() + 61_000);
    await limiter.hit("signin:late", 5);
    expect(limiter.size).toBe(1);
  });
});

describe("clientAddress", () => {
  const req = (remoteAddress: string, forwardedFor?: string) =>
    ({
      socket: { remoteAddress },
      headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
    }) as unknown as IncomingMessage;

  it("is the socket's peer unless proxies are trusted", () => {
    expect(clientAddress(req("::ffff:10.0.0.1", "203.0.113.5"), 0)).toBe("10.0.0.1");
    expect(clientAddress(undefined, 1)).toBeNull();
  });

  it("behind n trusted proxies, is the entry the outermost one appended", () => {
    expect(clientAddress(req("10.0.0.1", "203.0.113.5"), 1)).toBe("203.0.113.5");
    expect(clientAddress(req("10.0.0.1", "1.2.3.4, 203.0.113.5"), 1)).toBe("203.0.113.5");
    expect(clientAddress(req("10.0.0.1", "1.2.3.4, 203.0.113.5, 10.0.0.2"), 2)).toBe("203.0.113.5");
    expect(clientAddress(req("10.0.0.1", "203.0.113.5"), 3)).toBe("203.0.113.5");
    expect(clientAddress(req("10.0.0.1", "not an address"), 1)).toBe("10.0.0.1");
    expect(clientAddress(req("10.0.0.1"), 1)).toBe("10.0.0.1");
  });

  it("counts IPv4 addresses one by one and IPv6 addresses by /64", () => {
    expect(addressKey("203.0.113.5")).toBe("203.0.113.5");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("2001:0db8:0000:0000:ffff:0:0:9")).toBe("2001:db8:0:0::/64");
    expect(addressKey("2001:db8:0:1::1")).toBe("2001:db8:0:1::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("::ffff:1.2.3.4")).toBe("0:0:0:0::/64");
  });
});
