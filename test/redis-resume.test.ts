// Redis away and back while sockets stay open: each instance replays to its still-connected
// messageAdded subscriptions what they missed (from their last delivered seq), exactly once, in
// seq order. The Redis here is the test's own (restarting it disturbs no other test), reached
// directly or through a proxy that can cut one instance off.
import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../src/server.ts";
import { MessageCatchUpDocument, OpenDirectChatDocument, SendMessageDocument, SignUpDocument } from "./gql/graphql.ts";
import { onServices, testBackend, testConfig } from "./helpers/backend.ts";
import { Http, Recorder, settle, sleep, wsClient } from "./helpers/client.ts";
import { silentLog } from "./helpers/logs.ts";
import { CuttableProxy, freePort, startRedis, stopProcess } from "./helpers/processes.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function until(check: () => boolean | Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(100);
  }
}

const healthOf = async (url: string) =>
  ((await (await fetch(url.replace(/\/graphql$/, "/health"))).json()) as { status: string }).status;

/** Instances on one fresh database, each with its own Redis URL (the test's redis-server, or a proxy to it). */
async function instances(redisUrls: string[]) {
  const backend = await testBackend();
  const apps: { app: App; url: string; http: Http }[] = [];
  for (const REDIS_URL of redisUrls) {
    const app = await buildApp(testConfig(backend.env, { REDIS_URL }), { log: silentLog() });
    const { url } = await app.start();
    apps.push({ app, url, http: new Http(url) });
  }
  cleanups.push(async () => {
    for (const a of apps) await a.app.stop();
    await backend.drop();
  });
  return apps;
}

async function redisOfOurOwn() {
  const port = await freePort();
  const proc = { current: (await startRedis(port)) as ChildProcess };
  cleanups.push(() => stopProcess(proc.current));
  return { port, url: `redis://127.0.0.1:${port}`, proc };
}

async function proxyTo(port: number) {
  const proxy = new CuttableProxy(await freePort(), port);
  await proxy.open();
  cleanups.push(() => proxy.cut());
  return proxy;
}

/** Alice and Bob with a direct chat; Bob's socket on `bobOn`, with a stream per `after` given. */
async function pair(alicesHttp: Http, bobOn: { url: string; http: Http }) {
  const signUp = async (via: Http, name: string) => {
    const { signUp } = await via.run(SignUpDocument, {
      username: `${name}${Date.now()}${Math.floor(Math.random() * 1e6)}`,
      password: "correct horse",
      nickname: name,
    });
    return { id: signUp.user.id, token: signUp.token };
  };
  const alice = await signUp(alicesHttp, "alice");
  const bob = await signUp(bobOn.http, "bob");
  const chatId = (await alicesHttp.with(alice.token).run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat
    .chat.id;
  const socket = wsClient(bobOn.url, { authorization: `Bearer ${bob.token}` });
  cleanups.push(async () => socket.dispose());
  // One stream that gave no seq (it tracks from when it started), one that resumes from seq 0.
  const streams = [
    new Recorder(socket, MessageCatchUpDocument, {}),
    new Recorder(socket, MessageCatchUpDocument, { after: [{ chatId, seq: 0 }] }),
  ];
  await settle();
  const send = (via: Http, text: string, clientMessageId?: string) =>
    via.with(alice.token).run(SendMessageDocument, { input: { chatId, type: "TEXT", text, clientMessageId } });
  return { streams, send, chatId };
}

/** What each stream received, as text, once `n` arrived and a stray repeat had time to show up. */
/**
 * Two instances on a Redis of their own, instance `behind` reaching it through a proxy the test can
 * cut; Ada signed in on A, Bob subscribed on B (pair).
 */
async function splitRedis(behind: "a" | "b") {
  const redis = await redisOfOurOwn();
  const proxy = await proxyTo(redis.port);
  const viaProxy = `redis://127.0.0.1:${proxy.port}`;
  const [a, b] = await instances(behind === "a" ? [viaProxy, redis.url] : [redis.url, viaProxy]);
  if (!a || !b) throw new Error("two instances");
  return { proxy, a, b, ...(await pair(a.http, b)) };
}

async function received(streams: Recorder<{ messageAdded: { seq: number; text: string | null } }>[], n: number) {
  for (const s of streams) await s.waitFor(n, 15_000);
  await settle();
  return streams.map((s) => {
    expect(s.errors).toEqual([]);
    expect(s.completed).toBe(false); // the socket stayed open the whole time
    expect(s.items.map((i) => i.messageAdded.seq)).toEqual(s.items.map((_, k) => k + 1));
    return s.items.map((i) => i.messageAdded.text);
  });
}

describe.skipIf(!onServices)("Redis away and back, sockets kept", () => {
  it("replays to a subscriber whose instance lost Redis what was published meanwhile", {
    timeout: 60_000,
  }, async () => {
    const { proxy, a, b, streams, send } = await splitRedis("b");
    await send(a.http, "before");
    await received(streams, 1);

    await proxy.cut();
    await until(async () => (await healthOf(b.url)) === "degraded");
    // A's Redis is up: these are published, but B is not subscribed to hear them.
    for (const text of ["away 1", "away 2", "away 3"]) await send(a.http, text);
    await sleep(500);
    expect(streams.map((s) => s.items.length)).toEqual([1, 1]);

    await proxy.open();
    const texts = await received(streams, 4);
    for (const t of texts) expect(t).toEqual(["before", "away 1", "away 2", "away 3"]);
    await send(a.http, "after");
    for (const t of await received(streams, 5)) expect(t.at(-1)).toBe("after");
  });

  it("delivers what a publisher could not publish: on a seq gap at once, and when its Redis is back", {
    timeout: 60_000,
  }, async () => {
    const { proxy, a, b, streams, send } = await splitRedis("a");
    await send(a.http, "before");
    await received(streams, 1);

    await proxy.cut();
    await until(async () => (await healthOf(a.url)) === "degraded");
    await send(a.http, "unpublished 1");
    await send(a.http, "unpublished 2");
    await sleep(500);
    expect(streams.map((s) => s.items.length)).toEqual([1, 1]);
    // Sent through B, this one is heard with seq 4: the stream fills seqs 2 and 3 from the store first.
    await send(b.http, "through b");
    for (const t of await received(streams, 4))
      expect(t).toEqual(["before", "unpublished 1", "unpublished 2", "through b"]);

    // A sends its kept events again when its Redis is back: repeats, told apart by their seq.
    await send(a.http, "unpublished 3");
    await proxy.open();
    await until(async () => (await healthOf(a.url)) === "ok");
    for (const t of await received(streams, 5)) {
      expect(t).toEqual(["before", "unpublished 1", "unpublished 2", "through b", "unpublished 3"]);
    }
  });

  it("a retried send publishes again: the first try's instance may have stored it and never published it", {
    timeout: 60_000,
  }, async () => {
    const { proxy, a, b, streams, send } = await splitRedis("a");
    await proxy.cut();
    await until(async () => (await healthOf(a.url)) === "degraded");
    const first = await send(a.http, "once", "key-1");
    await sleep(500);
    expect(streams.map((s) => s.items.length)).toEqual([0, 0]);
    const retry = await send(b.http, "once", "key-1");
    expect(retry.sendMessage.id).toBe(first.sendMessage.id);
    for (const t of await received(streams, 1)) expect(t).toEqual(["once"]);
    await proxy.open(); // and A's own kept event, a repeat, changes nothing
    await until(async () => (await healthOf(a.url)) === "ok");
    for (const t of await received(streams, 1)) expect(t).toEqual(["once"]);
  });

  it("restarting Redis loses nothing for an instance's own sockets, and repeats nothing", {
    timeout: 60_000,
  }, async () => {
    const redis = await redisOfOurOwn();
    const [a] = await instances([redis.url]);
    if (!a) throw new Error("one instance");
    const { streams, send } = await pair(a.http, a);
    await send(a.http, "before");
    await received(streams, 1);

    await stopProcess(redis.proc.current);
    await until(async () => (await healthOf(a.url)) === "degraded");
    for (const text of ["away 1", "away 2", "away 3"]) await send(a.http, text);
    redis.proc.current = await startRedis(redis.port);
    for (const t of await received(streams, 4)) expect(t).toEqual(["before", "away 1", "away 2", "away 3"]);
  });
});
