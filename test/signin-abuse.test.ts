// Attacks on signIn (issue #10, points 2, 7 and 10): huge and malformed usernames are refused before
// anything is counted or queried, the rate limiter's memory stays bounded, password hashing is
// bounded (overflow: RATE_LIMITED at once), and sign-ins are limited per client address.
import v8 from "node:v8";
import vm from "node:vm";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignInDocument, SignUpDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";
import { onServices, REDIS_URL } from "./helpers/backend.ts";
import type { Http, Result } from "./helpers/client.ts";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const MB = 1024 * 1024;
const code = (r: Result<unknown>) => r.errors?.[0]?.extensions?.code;
const field = (r: Result<unknown>) => r.errors?.[0]?.extensions?.field;
const signIn = (http: Http, username: string, password = "correct horse") =>
  http.raw(SignInDocument, { username, password });

/** Runs `fn(0..total-1)`, `batch` at a time, and tallies what each returns. */
async function tally(total: number, batch: number, fn: (i: number) => Promise<string>) {
  const counts: Record<string, number> = {};
  for (let i = 0; i < total; i += batch) {
    const round = Array.from({ length: Math.min(batch, total - i) }, (_, j) => fn(i + j));
    for (const c of await Promise.all(round)) counts[c] = (counts[c] ?? 0) + 1;
  }
  return counts;
}

/** Sign-ins with ~900 KB distinct usernames (first..first+count-1), 8 at a time; bodies built once. */
async function hugeSignIns(url: string, first: number, count: number) {
  const template = JSON.stringify({
    query: SignInDocument.toString(),
    variables: { username: `000000_${"x".repeat(900_000)}`, password: "correct horse" },
  });
  const counts: Record<string, number> = {};
  let next = first;
  const lane = async () => {
    const body = Buffer.from(template);
    const at = body.indexOf("000000_");
    for (let i = next++; i < first + count; i = next++) {
      body.write(String(i).padStart(6, "0"), at, "latin1");
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
      const r = (await res.json()) as Result<unknown>;
      const key = `${code(r)}/${field(r)}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return counts;
}

describe("signIn input", () => {
  let t: TestApp;
  let statements = 0;
  beforeAll(async () => {
    t = await startTestApp(
      { RATE_LIMIT_MAX_KEYS: "200", PASSWORD_HASH_CONCURRENCY: "1", PASSWORD_HASH_QUEUE: "0" },
      () => {
        statements++;
      },
    );
  });
  afterAll(() => t?.close());

  it("refuses NUL and control characters, bad lengths and huge passwords before any query or count", async () => {
    const user = await t.signUp();
    const [before, keys] = [statements, t.app.services.limiter.size];
    const cases: [string, string, string][] = [
      [`${user.username}\u0000`, "correct horse", "username"],
      [`al\u0000ice`, "correct horse", "username"],
      [`ali\u0007ce`, "correct horse", "username"],
      ["ab", "correct horse", "username"],
      ["a".repeat(33), "correct horse", "username"],
      [user.username, "", "password"],
      [user.username, "x".repeat(129), "password"],
      [user.username, "x".repeat(500_000), "password"],
    ];
    for (const [username, password, name] of cases) {
      const r = await signIn(t.anon, username, password);
      expect({ username: username.slice(0, 40), code: code(r), field: field(r) }).toEqual({
        username: username.slice(0, 40),
        code: "BAD_USER_INPUT",
        field: name,
      });
    }
    expect(statements - before).toBe(0);
    expect(t.app.services.limiter.size).toBe(keys);
    expect((await signIn(t.anon, user.username)).errors).toBeUndefined();
  });

  it("keeps the limiter and the heap bounded under 1,000 huge and 1,000 unknown usernames", {
    timeout: 60_000,
  }, async () => {
    const { limiter, prisma } = t.app.services;
    const users = await prisma.user.count();
    // Warm up the paths taken below, so that the baseline has their code and caches.
    await hugeSignIns(t.url, 10_000, 20);
    await tally(20, 10, async (i) => code(await signIn(t.anon, `warmup_${i}`)) ?? "ok");
    const [heapBefore, keysBefore, sqlBefore] = [heapAfterGc(), limiter.size, statements];

    expect(await hugeSignIns(t.url, 0, 1000)).toEqual({ "BAD_USER_INPUT/username": 1000 });
    expect(limiter.size).toBe(keysBefore);
    expect(statements).toBe(sqlBefore);

    // Valid, unknown usernames: each opens a limiter window; most are refused by the bounded hasher.
    const unknown = await tally(1000, 100, async (i) => code(await signIn(t.anon, `nobody_${i}`)) ?? "ok");
    expect(Object.keys(unknown).filter((c) => c !== "UNAUTHENTICATED" && c !== "RATE_LIMITED")).toEqual([]);
    expect(limiter.size).toBeLessThanOrEqual(200);

    expect(heapAfterGc() - heapBefore).toBeLessThan(20 * MB);
    expect(await prisma.user.count()).toBe(users);
  });

  it.runIf(onServices)("stores digest-sized keys in Redis", async () => {
    await signIn(t.anon, `long_${"y".repeat(26)}`);
    const redis = new Redis(REDIS_URL);
    const prefix = `${t.app.services.config.redisPrefix}rate:`;
    const keys = await redis.keys(`${prefix}*`);
    await redis.quit();
    expect(keys.length).toBeGreaterThan(0);
    // A digest (22 characters) for a long key, the key itself when shorter (an address).
    for (const key of keys) expect(key.slice(prefix.length)).toMatch(/^signin(-ip)?:([\w-]{22}|.{0,21})$/);
    expect(keys.join(" ")).not.toContain("long_");
  });
});

describe("password hashing bound", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      PASSWORD_HASH_CONCURRENCY: "1",
      PASSWORD_HASH_QUEUE: "1",
      RATE_LIMIT_SIGNIN_PER_MINUTE: "1000",
    });
  });
  afterAll(() => t?.close());

  it("answers sign-ins and sign-ups past the queue with RATE_LIMITED at once, then serves a real sign-in", async () => {
    const user = await t.signUp();
    const { hasher, prisma } = t.app.services;
    const users = await prisma.user.count();
    // The one hashing slot is taken (as by a long scrypt), so the queue's one place is all there is.
    let release = () => {};
    const held = hasher.run(() => new Promise<void>((r) => (release = r)));

    let refused = 0;
    let allRefused = () => {};
    const refusedAll = new Promise<void>((r) => (allRefused = r));
    const attempts = Array.from({ length: 30 }, async (_, i) => {
      const r = await signIn(t.anon, i % 2 ? `nobody_${i}` : user.username, i % 2 ? "guess" : "correct horse");
      if (code(r) === "RATE_LIMITED" && ++refused === 29) allRefused();
      return r;
    });
    await refusedAll; // 29 answered while the slot is still held: refused at once, not after waiting
    expect(hasher.waiting).toBe(1);
    const signUp = await t.anon.raw(SignUpDocument, { username: "newcomer", password: "correct horse", nickname: "N" });
    expect(code(signUp)).toBe("RATE_LIMITED");
    expect(await prisma.user.count()).toBe(users);

    release();
    await held;
    const answers = await Promise.all(attempts);
    const limited = answers.filter((r) => code(r) === "RATE_LIMITED");
    expect(limited.map((r) => r.errors?.[0]?.extensions?.retryAfterMs)).toEqual(Array(29).fill(1000));
    expect(hasher.running).toBe(0);
    const { signIn: ok } = await t.anon.run(SignInDocument, { username: user.username, password: "correct horse" });
    expect(ok.user.id).toBe(user.id);
  });
});

describe("sign-ins per client address", () => {
  const apps: TestApp[] = [];
  afterAll(() => Promise.all(apps.map((a) => a.close())));
  const start = async (trustProxy: string) => {
    const t = await startTestApp({
      RATE_LIMIT_SIGNIN_PER_IP_PER_MINUTE: "3",
      RATE_LIMIT_SIGNIN_PER_MINUTE: "100",
      TRUST_PROXY: trustProxy,
    });
    apps.push(t);
    return t;
  };
  const from = (t: TestApp, forwardedFor: string) => t.anon.with(undefined, { "x-forwarded-for": forwardedFor });

  it("counts every username from one address against one limit, and ignores X-Forwarded-For by default", async () => {
    const t = await start("false");
    const user = await t.signUp();
    for (let i = 0; i < 3; i++)
      expect(code(await signIn(from(t, `203.0.113.${i}`), `nobody_${i}`))).toBe("UNAUTHENTICATED");
    expect(code(await signIn(from(t, "203.0.113.9"), user.username))).toBe("RATE_LIMITED");
    expect(code(await signIn(t.anon, user.username))).toBe("RATE_LIMITED");
  });

  it("with TRUST_PROXY, counts the forwarded addresses apart, and a spoofed left entry does not help", async () => {
    const t = await start("true");
    const user = await t.signUp();
    for (let i = 0; i < 3; i++)
      expect(code(await signIn(from(t, "203.0.113.1"), `nobody_${i}`))).toBe("UNAUTHENTICATED");
    expect(code(await signIn(from(t, "203.0.113.1"), user.username))).toBe("RATE_LIMITED");
    expect(code(await signIn(from(t, "198.51.100.7, 203.0.113.1"), user.username))).toBe("RATE_LIMITED");
    expect((await signIn(from(t, "203.0.113.2"), user.username)).errors).toBeUndefined();
    // IPv6: one /64 is one client.
    for (let i = 1; i <= 3; i++) await signIn(from(t, `2001:db8::${i}`), `nobody_${i}`);
    expect(code(await signIn(from(t, "2001:db8:0:0:ffff::9"), user.username))).toBe("RATE_LIMITED");
    expect((await signIn(from(t, "2001:db8:0:1::1"), user.username)).errors).toBeUndefined();
  });
});
