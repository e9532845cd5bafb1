// Faults: Redis going away and coming back, SIGTERM, PostgreSQL refused at start and lost during
// operation. Nothing stored is lost; nothing crashes.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  MeDocument,
  MessageCatchUpDocument,
  MessagesDocument,
  OpenDirectChatDocument,
  SendMessageDocument,
  SignUpDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";
import { freshDatabase, onServices } from "./helpers/backend.ts";
import { Http, Recorder, settle, sleep } from "./helpers/client.ts";
import { CuttableProxy, freePort, startRedis, startXim, stopProcess } from "./helpers/processes.ts";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function health(url: string) {
  const res = await fetch(url.replace(/\/graphql$/, "/health"));
  return { status: res.status, body: (await res.json()) as { status: string } };
}

async function until(check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(200);
  }
}

describe.skipIf(!onServices)("Redis goes away and comes back", () => {
  it("stores and answers while it is away, then resumes live delivery; catch-up fills the hole", {
    timeout: 60_000,
  }, async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    const t: TestApp = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    cleanups.push(
      () => t.close(),
      () => stopProcess(redis),
    );
    const [alice, bob] = await Promise.all([t.signUp("Alice"), t.signUp("Bob")]);
    const chatId = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
    const send = (text: string) => alice.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } });

    const live = new Recorder(t.ws(bob), MessageCatchUpDocument, { chatId });
    await settle();
    await send("before");
    const lastSeen = (await live.waitFor(1))[0]?.messageAdded.seq ?? 0;

    await stopProcess(redis);
    await until(async () => (await health(t.url)).body.status === "degraded");
    const missed = [];
    for (let i = 1; i <= 3; i++) missed.push((await send(`while away ${i}`)).sendMessage.seq);
    expect(missed).toEqual([lastSeen + 1, lastSeen + 2, lastSeen + 3]);

    redis = await startRedis(port);
    await until(async () => (await health(t.url)).body.status === "ok");
    await sleep(500); // the subscriber connection renews its subscriptions
    await send("after");
    await until(async () => live.items.some((i) => i.messageAdded.text === "after"));

    const caught = new Recorder(t.ws(bob), MessageCatchUpDocument, { chatId, afterSeq: lastSeen });
    const got = await caught.waitFor(4);
    expect(got.map((g) => g.messageAdded.text)).toEqual(["while away 1", "while away 2", "while away 3", "after"]);
    const { messages } = await bob.http.run(MessagesDocument, { chatId, first: 100 });
    expect(messages.edges.map((e) => e.node.text)).toEqual([
      "before",
      "while away 1",
      "while away 2",
      "while away 3",
      "after",
    ]);
  });
});

describe.skipIf(!onServices)("PostgreSQL lost during operation", () => {
  it("answers with coded errors, reports down, and recovers when it returns", { timeout: 60_000 }, async () => {
    const db = await freshDatabase();
    cleanups.push(() => db.drop());
    const proxy = new CuttableProxy(await freePort(), 5432);
    await proxy.open();
    const t = await startTestApp({ DATABASE_URL: db.url.replace(":5432/", `:${proxy.port}/`) });
    cleanups.push(() => t.close());
    const u = await t.signUp("U");
    await proxy.cut();
    const r = await u.http.raw(MeDocument);
    expect(r.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(JSON.stringify(r)).not.toMatch(/prisma|ECONN|select|stack/i);
    expect(await health(t.url)).toMatchObject({ status: 503, body: { status: "down" } });
    await proxy.open();
    await until(async () => !(await u.http.raw(MeDocument)).errors);
  });
});

describe("process lifecycle", () => {
  it("exits 0 on SIGTERM, closing websockets with 1001", { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), "xim-"));
    const x = await startXim({ XIM_DATA_DIR: dir });
    expect(x.url).not.toBe("");
    const http = new Http(x.url);
    const { signUp } = await http.run(SignUpDocument, {
      username: `sig${Date.now()}`,
      password: "correct horse",
      nickname: "S",
    });
    const ws = new WebSocket(x.url.replace(/^http/, "ws"), "graphql-transport-ws");
    await new Promise((r) => ws.once("open", r));
    ws.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${signUp.token}` } }));
    await new Promise((r) => ws.once("message", r));
    const closed = new Promise<number>((r) => ws.once("close", (code) => r(code)));
    const started = Date.now();
    x.proc.kill("SIGTERM");
    expect(await closed).toBe(1001);
    expect(await x.exit).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(x.output()).toMatch(/stopped in \d+ ms/);
  });

  it("exits 1 with one clear line when PostgreSQL refuses at start", { timeout: 30_000 }, async () => {
    const x = await startXim({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none", JWT_SECRET: "x".repeat(32) });
    expect(await x.exit).toBe(1);
    expect(x.output().trim()).toMatch(/^xim failed to start: .+/);
    expect(x.output().trim().split("\n")).toHaveLength(1);
  });

  it("exits 1 naming the variable when the configuration is invalid", { timeout: 30_000 }, async () => {
    const x = await startXim({ PORT: "not-a-port" });
    expect(await x.exit).toBe(1);
    expect(x.output().trim()).toMatch(/^invalid configuration: PORT: /);
    const y = await startXim({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/x", JWT_SECRET: "" });
    expect(await y.exit).toBe(1);
    expect(y.output()).toContain("JWT_SECRET");
  });
});
