// /metrics and the logs: counters and histograms move with the right labels, the token guards
// the endpoint, a subscription logs its start and end only, and no secret or message text is logged.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { createXimPubSub, publishChatChanged } from "../src/pubsub.ts";
import { openRedis } from "../src/redis.ts";
import { Metrics } from "../src/runtime/metrics.ts";
import { MessageAddedDocument, OpenDirectChatDocument, SendMessageDocument, SignInDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, SseRecorder, settle } from "./helpers/client.ts";
import { type LogLine, silentLog } from "./helpers/logs.ts";
import { parseMetrics, scrape } from "./helpers/prometheus.ts";

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let chatId: string;

beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_SIGNIN_PER_MINUTE: "3" });
  alice = await t.signUp("Alice");
  bob = await t.signUp("Bob");
  chatId = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
});
afterAll(() => t?.close());

/** A POST of `query` as a client chose to name it, with its headers; the body and the response. */
async function post(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(t.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { res, body: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

const linesOf = (op: string): LogLine[] => t.logs.lines().filter((l) => l.op === op);

describe("metrics", () => {
  it("count sign-ups, sends, batches and deliveries, by root field, never by operation name", async () => {
    const before = await scrape(t.url);
    const carol = await t.signUp("Carol");
    const live = new Recorder(t.ws(bob), MessageAddedDocument, { chatId });
    await settle();
    const during = await scrape(t.url);
    expect(during.value("xim_subscriptions_active", { transport: "ws" })).toBe(1);
    expect(during.value("xim_websockets_open")).toBeGreaterThanOrEqual(1);
    const send = `mutation ClientChosenName7f3 { sendMessage(input: { chatId: "${chatId}", type: TEXT, text: "hi" }) { id } }`;
    const { body } = await post(send, {}, { authorization: `Bearer ${alice.token}` });
    expect(body.errors).toBeUndefined();
    await live.waitFor(1);
    const after = await scrape(t.url);

    const moved = (name: string, labels?: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    expect(moved("graphql_envelop_request", { operation_type: "mutation", root_field: "signUp" })).toBe(1);
    expect(moved("graphql_envelop_request_duration_count", { root_field: "signUp" })).toBe(1);
    expect(moved("graphql_envelop_request", { operation_type: "mutation", root_field: "sendMessage" })).toBe(1);
    expect(moved("graphql_envelop_request_duration_count", { root_field: "sendMessage" })).toBe(1);
    expect(moved("xim_messages_sent_total")).toBe(1);
    expect(moved("xim_send_batch_size_count")).toBe(1);
    expect(moved("xim_send_batch_size_sum")).toBe(1);
    expect(moved("xim_deliveries_total")).toBe(1);
    expect(moved("xim_subscriptions_started_total", { transport: "ws", root_field: "messageAdded" })).toBe(1);
    // signUp, sendMessage and the scrapes themselves.
    expect(
      moved("xim_http_request_duration_seconds_count", { route: "graphql", method: "POST" }),
    ).toBeGreaterThanOrEqual(2);
    expect(
      moved("xim_http_request_duration_seconds_count", { route: "metrics", status: "200" }),
    ).toBeGreaterThanOrEqual(1);
    expect(after.text).not.toContain("ClientChosenName7f3");
    expect(after.has("nodejs_eventloop_lag_seconds")).toBe(true);
    expect(carol.id).toBeTruthy();

    live.stop();
    await expect.poll(async () => (await scrape(t.url)).value("xim_subscriptions_active", { transport: "ws" })).toBe(0);
  });

  it("count errors by the code the client saw, and rate-limit refusals by limit", async () => {
    const before = await scrape(t.url);
    const code = await bob.http.code(SendMessageDocument, { input: { chatId: "999999", type: "TEXT", text: "x" } });
    expect(code).toBeTruthy();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++)
      codes.push(await t.anon.code(SignInDocument, { username: alice.username, password: "not the password" }));
    expect(codes.at(-1)).toBe("RATE_LIMITED");
    const after = await scrape(t.url);
    const moved = (name: string, labels: Record<string, string>) =>
      after.value(name, labels) - before.value(name, labels);
    expect(
      moved("graphql_envelop_error_result", { phase: "execute", code: code ?? "", root_field: "sendMessage" }),
    ).toBe(1);
    expect(moved("graphql_envelop_error_result", { code: "RATE_LIMITED", root_field: "signIn" })).toBe(1);
    expect(moved("xim_rate_limit_refusals_total", { scope: "signin" })).toBe(1);
  });

  it("count errors before execution by their phase: parse, validation, a refused token", async () => {
    const before = await scrape(t.url);
    expect((await post("{ me { id }", {})).body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect((await post("{ me { noSuchField } }", {})).body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const refused = await post("{ me { id } }", {}, { authorization: "Bearer not.a.token" });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const after = await scrape(t.url);
    const moved = (labels: Record<string, string>) =>
      after.value("graphql_envelop_error_result", labels) - before.value("graphql_envelop_error_result", labels);
    expect(moved({ phase: "parse", code: "BAD_USER_INPUT", root_field: "none" })).toBe(1);
    expect(moved({ phase: "validate", code: "BAD_USER_INPUT", root_field: "none" })).toBe(1);
    expect(moved({ phase: "context", code: "UNAUTHENTICATED", root_field: "me" })).toBe(1);
    expect(moved({ phase: "execute" })).toBe(0);
  });

  it("label an operation by its root field when its query text was seen before (parsed once)", async () => {
    const query = "query SeenTwice { me { id } }";
    const before = await scrape(t.url);
    for (let i = 0; i < 2; i++) {
      const ok = await post(query, {}, { authorization: `Bearer ${alice.token}` });
      expect(ok.body.data).toEqual({ me: { id: alice.id } });
      const refused = await post(query, {}, { authorization: "Bearer not.a.token" });
      expect(refused.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    const after = await scrape(t.url);
    const labels = { phase: "context", code: "UNAUTHENTICATED", root_field: "me" };
    expect(
      after.value("graphql_envelop_error_result", labels) - before.value("graphql_envelop_error_result", labels),
    ).toBe(2);
    const lines = linesOf("SeenTwice");
    // A refused token fails before execution: its line names no field, as the first time.
    expect(lines.map((l) => [l.field, l.code ?? null])).toEqual([
      ["me", null],
      [null, "UNAUTHENTICATED"],
      ["me", null],
      [null, "UNAUTHENTICATED"],
    ]);
  });

  it("show the database pool on PostgreSQL", async () => {
    const m = await scrape(t.url);
    const health = await t.app.health();
    if (health.backend === "postgres") {
      expect(m.value("xim_db_pool_connections")).toBeGreaterThanOrEqual(1);
      expect(m.has("xim_db_pool_waiting")).toBe(true);
    } else expect(m.has("xim_db_pool_connections")).toBe(false);
  });

  it("are per instance", async () => {
    const other = await startTestApp();
    try {
      await other.signUp();
      const mine = await scrape(t.url);
      const theirs = await scrape(other.url);
      expect(theirs.value("graphql_envelop_request", { root_field: "signUp" })).toBe(1);
      expect(mine.value("graphql_envelop_request", { root_field: "signUp" })).toBeGreaterThan(1);
    } finally {
      await other.close();
    }
  });
});

describe("publish failures", () => {
  it("are counted when Redis does not take an event", async () => {
    const metrics = new Metrics();
    const redis = openRedis("redis://127.0.0.1:1", "obs:", silentLog());
    try {
      const pubsub = createXimPubSub(
        redis,
        () => {},
        () => void metrics.publishFailed++,
      );
      publishChatChanged(pubsub, 1);
      publishChatChanged(pubsub, 2);
      const total = async () =>
        parseMetrics(await metrics.registry.metrics()).value("xim_pubsub_publish_failures_total");
      await expect.poll(total).toBe(2);
    } finally {
      await redis.close();
    }
  });
});

describe("configuration", () => {
  it("refuses an unknown LOG_LEVEL and a short METRICS_TOKEN, naming them", () => {
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ LOG_LEVEL: "warn" })).toMatchObject({ logLevel: "warn", metricsToken: null });
  });
});

describe("metrics token", () => {
  const token = randomBytes(16).toString("hex");
  let guarded: TestApp;
  beforeAll(async () => {
    guarded = await startTestApp({ METRICS_TOKEN: token });
  });
  afterAll(() => guarded?.close());

  it("is asked for when METRICS_TOKEN is set", async () => {
    const url = new URL("/metrics", guarded.url);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}x` } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: token } })).status).toBe(401);
    const m = await scrape(guarded.url, token);
    expect(m.has("xim_deliveries_total")).toBe(true);
  });
});

describe("logs", () => {
  it("log a subscription's start and end, and nothing per delivered event", async () => {
    const client = t.ws(bob);
    const lines: unknown[] = [];
    const stop = client.subscribe(
      { query: `subscription WatchForTwoLines { messageAdded(chatId: "${chatId}") { id } }` },
      { next: (v) => lines.push(v), error: () => {}, complete: () => {} },
    );
    await expect.poll(() => linesOf("WatchForTwoLines").length).toBe(1);
    for (const text of ["one", "two", "three"])
      await alice.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } });
    await expect.poll(() => lines.length).toBe(3);
    stop();
    await expect.poll(() => linesOf("WatchForTwoLines").length).toBe(2);
    await settle();
    const [start, end] = linesOf("WatchForTwoLines");
    expect(linesOf("WatchForTwoLines")).toHaveLength(2);
    expect(start).toMatchObject({ msg: "subscription started", transport: "ws", field: "messageAdded" });
    expect(start?.userId).toBe(Number(bob.id));
    expect(end).toMatchObject({ msg: "subscription ended", reqId: start?.reqId, userId: Number(bob.id) });
    expect(end?.ms).toEqual(expect.any(Number));
  });

  it("log an HTTP subscription (SSE) the same way, with the request's id", async () => {
    const before = await scrape(t.url);
    const stream = new SseRecorder(
      t.url,
      { authorization: `Bearer ${bob.token}`, "x-request-id": "req-sse-1" },
      `subscription SseTwoLines { messageAdded(chatId: "${chatId}") { id } }`,
    );
    await stream.ready;
    await expect.poll(() => linesOf("SseTwoLines").length).toBe(1);
    expect((await scrape(t.url)).value("xim_subscriptions_active", { transport: "sse" })).toBe(1);
    await alice.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "over sse" } });
    await stream.waitFor(1);
    stream.stop();
    await expect.poll(() => linesOf("SseTwoLines").length).toBe(2);
    const [start, end] = linesOf("SseTwoLines");
    expect(start).toMatchObject({ msg: "subscription started", transport: "sse", reqId: "req-sse-1" });
    expect(end).toMatchObject({ msg: "subscription ended", reqId: "req-sse-1", userId: Number(bob.id) });
    const after = await scrape(t.url);
    expect(after.value("xim_deliveries_total") - before.value("xim_deliveries_total")).toBe(1);
    expect(after.value("xim_subscriptions_active", { transport: "sse" })).toBe(0);
  });

  it("log one line per HTTP operation, with the request id, user, duration and error code", async () => {
    const query = `mutation SendNowhere($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;
    const { res, body } = await post(
      query,
      { input: { chatId: "999999", type: "TEXT", text: "x" } },
      { authorization: `Bearer ${alice.token}`, "x-request-id": "req-obs-1" },
    );
    const code = body.errors?.[0]?.extensions?.code;
    expect(code).toBeTruthy();
    expect(res.headers.get("x-request-id")).toBe("req-obs-1");
    const lines = linesOf("SendNowhere");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: "graphql operation",
      reqId: "req-obs-1",
      field: "sendMessage",
      userId: Number(alice.id),
      code,
    });
    expect(lines[0]?.ms).toEqual(expect.any(Number));

    const bad = await post("query BrokenOne { nope }", {}, { authorization: `Bearer ${alice.token}` });
    expect(bad.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(linesOf("BrokenOne")).toEqual([expect.objectContaining({ code: "BAD_USER_INPUT", field: null })]);
  });

  it("never hold passwords, tokens or message text", async () => {
    const password = `pw-${randomBytes(8).toString("hex")}`;
    const wrong = `wrong-${randomBytes(8).toString("hex")}`;
    const text = `private words ${randomBytes(8).toString("hex")}`;
    const username = `s${randomBytes(5).toString("hex")}`;
    const signUp = await post(
      `mutation SecretSignUp($u: String!, $p: String!) { signUp(username: $u, password: $p, nickname: "S") { token user { id } } }`,
      { u: username, p: password },
    );
    const { token } = (signUp.body.data as { signUp: { token: string } }).signUp;
    await post(`mutation SecretSignIn($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`, {
      u: username,
      p: password,
    });
    await post(`mutation SecretWrong($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }`, {
      u: username,
      p: wrong,
    });
    const sent = await post(
      `mutation SecretSend($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
      { input: { chatId, type: "TEXT", text } },
      { authorization: `Bearer ${alice.token}` },
    );
    expect(sent.body.errors).toBeUndefined();
    const chat = await post(
      `mutation SecretOpen($u: ID!) { openDirectChat(userId: $u) { chat { id } } }`,
      { u: bob.id },
      { authorization: `Bearer ${token}` },
    );
    expect(chat.body.errors).toBeUndefined();

    for (const op of ["SecretSignUp", "SecretSignIn", "SecretWrong", "SecretSend", "SecretOpen"])
      expect(linesOf(op)).toHaveLength(1);
    expect(linesOf("SecretWrong")[0]?.code).toBe("UNAUTHENTICATED");
    const all = t.logs.raw.join("");
    for (const secret of [password, wrong, text, token, alice.token, t.app.services.config.jwtSecret])
      if (secret) expect(all).not.toContain(secret);
  });
});
