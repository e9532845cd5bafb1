// Attacks on the live transports: subscriptions over HTTP (SSE) outliving their token, oversized
// and anonymous WebSockets, one bad operation ending a socket, and unbounded subscriptions per socket.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  MessageAddedDocument,
  OpenDirectChatDocument,
  RegisterDeviceDocument,
  RemoveDeviceDocument,
  SendMessageDocument,
  SignOutEverywhereDocument,
  SignUpDocument,
} from "./gql/graphql.ts";
import { startCluster, startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { onServices } from "./helpers/backend.ts";
import { Recorder, SseRecorder, sleep } from "./helpers/client.ts";

const MESSAGE_ADDED = "subscription { messageAdded { id text } }";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ MAX_SUBSCRIPTIONS_PER_SOCKET: "3" });
});
afterAll(() => t?.close());

async function pair(app: TestApp = t) {
  const [a, b] = await Promise.all([app.signUp("A"), app.signUp("B")]);
  const chatId = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
  const send = (text: string) => a.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } });
  return { a, b, chatId, send };
}

function sse(app: TestApp, user: TestUser, headers: Record<string, string> = {}) {
  return new SseRecorder<{ messageAdded: { id: string; text: string } }>(
    app.url,
    { authorization: `Bearer ${user.token}`, ...headers },
    MESSAGE_ADDED,
  );
}

/** The stream ended with one UNAUTHENTICATED result, and delivers nothing after it. */
async function expectEnded(stream: SseRecorder<unknown>, delivered: number, sendMore: () => Promise<unknown>) {
  await stream.waitFor(delivered + 1);
  await stream.done;
  expect(stream.completed).toBe(true);
  expect(stream.results[delivered]?.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  await sendMore();
  await sleep(200);
  expect(stream.results).toHaveLength(delivered + 1);
}

describe("subscriptions over HTTP (SSE) end with their authorisation", () => {
  it("stay a working transport", async () => {
    const { b, send } = await pair();
    const stream = sse(t, b);
    expect((await stream.ready).headers.get("content-type")).toContain("text/event-stream");
    await sleep(200);
    await send("over sse");
    const [first] = await stream.waitFor(1);
    expect(first?.data?.messageAdded.text).toBe("over sse");
    stream.stop();
  });

  it("end at signOutEverywhere", async () => {
    const { b, send } = await pair();
    const stream = sse(t, b);
    await stream.ready;
    await sleep(200);
    await send("before");
    await stream.waitFor(1);
    await b.http.run(SignOutEverywhereDocument);
    await expectEnded(stream, 1, () => send("after sign-out"));
  });

  it("end when their device is removed", async () => {
    const { b, send } = await pair();
    const device = (
      await b.http.run(RegisterDeviceDocument, {
        input: {
          hostname: "phone",
          os: "android",
          arch: "arm64",
          macs: [{ name: "h5mac", address: "android:chrome" }],
        },
      })
    ).registerDevice;
    const other = sse(t, b);
    const stream = sse(t, b, { "x-device-id": device.id });
    await Promise.all([stream.ready, other.ready]);
    await sleep(200);
    await b.http.run(RemoveDeviceDocument, { deviceId: device.id });
    await expectEnded(stream, 0, () => send("after removal"));
    // A stream not bound to that device goes on.
    expect(other.completed).toBe(false);
    expect((await other.waitFor(1))[0]?.data?.messageAdded.text).toBe("after removal");
    other.stop();
  });

  it("end when their token expires", { timeout: 30_000 }, async () => {
    const short = await startTestApp({ TOKEN_TTL: "3" });
    const { b, send } = await pair(short);
    const stream = sse(short, b);
    await stream.ready;
    await expectEnded(stream, 0, () => send("after expiry").catch(() => undefined));
    await short.close();
  });

  it.skipIf(!onServices)("end on every instance: a sign-out on A ends a stream held by B", async () => {
    const cluster = await startCluster(2);
    const [onA, onB] = cluster.apps;
    if (!onA || !onB) throw new Error("two instances");
    const { signUp } = await onA.http.run(SignUpDocument, {
      username: `sse${Date.now()}`,
      password: "correct horse",
      nickname: "S",
    });
    const stream = new SseRecorder(onB.url, { authorization: `Bearer ${signUp.token}` }, MESSAGE_ADDED);
    await stream.ready;
    await sleep(300);
    await onA.http.with(signUp.token).run(SignOutEverywhereDocument);
    await stream.waitFor(1);
    await stream.done;
    expect(stream.completed).toBe(true);
    expect(stream.results[0]?.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    await cluster.close();
  });
});

/** A raw graphql-transport-ws socket, to speak the protocol the way an attacker would. */
async function rawSocket(init?: Record<string, unknown> | null) {
  const ws = new WebSocket(t.url.replace(/^http/, "ws"), "graphql-transport-ws");
  const messages: { type: string; id?: string; payload?: unknown }[] = [];
  ws.on("message", (m) => messages.push(JSON.parse(String(m))));
  const closed = new Promise<number>((r) => ws.once("close", (code) => r(code)));
  await new Promise((r) => ws.once("open", r));
  if (init !== null) ws.send(JSON.stringify({ type: "connection_init", ...(init ? { payload: init } : {}) }));
  return { ws, messages, closed };
}

async function until(check: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(20);
  }
}

describe("WebSocket limits", () => {
  it("closes an anonymous socket with 4403 (no token, or connection_init without a payload)", async () => {
    expect(await (await rawSocket({})).closed).toBe(4403);
    expect(await (await rawSocket(undefined)).closed).toBe(4403);
    expect(await (await rawSocket({ authorization: "Bearer nonsense" })).closed).toBe(4403);
  });

  it("closes a socket that sends a frame over 1 MiB (1009) before parsing it, with or without a token", async () => {
    const u = await t.signUp();
    const authed = await rawSocket({ authorization: `Bearer ${u.token}` });
    await until(() => authed.messages.some((m) => m.type === "connection_ack"));
    const huge = JSON.stringify({
      id: "1",
      type: "subscribe",
      payload: { query: MESSAGE_ADDED, variables: { pad: "x".repeat(2 * 1024 * 1024) } },
    });
    authed.ws.send(huge);
    expect(await authed.closed).toBe(1009);
    const anon = await rawSocket(null);
    anon.ws.send(JSON.stringify({ type: "connection_init", payload: { pad: "x".repeat(2 * 1024 * 1024) } }));
    expect(await anon.closed).toBe(1009);
  });

  it("answers a syntax error or an over-limit query with an error for that operation only", async () => {
    const { b, send } = await pair();
    const s = await rawSocket({ authorization: `Bearer ${b.token}` });
    await until(() => s.messages.some((m) => m.type === "connection_ack"));
    s.ws.send(JSON.stringify({ id: "good", type: "subscribe", payload: { query: MESSAGE_ADDED } }));
    s.ws.send(JSON.stringify({ id: "syntax", type: "subscribe", payload: { query: "subscription { messageAdded {" } }));
    const tooMany = `subscription { messageAdded { ${Array.from({ length: 2500 }, () => "id").join(" ")} } }`;
    s.ws.send(JSON.stringify({ id: "tokens", type: "subscribe", payload: { query: tooMany } }));
    await until(() => s.messages.filter((m) => m.type === "error").length === 2);
    for (const id of ["syntax", "tokens"]) {
      const error = s.messages.find((m) => m.type === "error" && m.id === id);
      const payload = (error?.payload ?? []) as { extensions?: { code?: string } }[];
      expect(payload[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    await sleep(200);
    await send("still here");
    await until(() => s.messages.some((m) => m.type === "next" && m.id === "good"));
    expect(s.ws.readyState).toBe(WebSocket.OPEN);
    s.ws.close();
  });

  it("answers a query text seen before as the first time: each of its operations, a missing one, none named", async () => {
    const u = await t.signUp();
    const s = await rawSocket({ authorization: `Bearer ${u.token}` });
    await until(() => s.messages.some((m) => m.type === "connection_ack"));
    const query = "query SeenFirst { seenFirst: __typename } query SeenSecond { me { id } }";
    const answer = async (id: string, operationName?: string) => {
      s.ws.send(JSON.stringify({ id, type: "subscribe", payload: { query, operationName } }));
      await until(() => s.messages.some((m) => m.id === id && (m.type === "complete" || m.type === "error")));
      return s.messages.filter((m) => m.id === id).map((m) => ({ type: m.type, payload: m.payload }));
    };
    // Before the text was ever found valid, then once it has been (and again), the same answers.
    const missing = await answer("missing-1", "SeenThird");
    const unnamed = await answer("unnamed-1");
    // graphql-ws refuses an operation it cannot find in the document with an `error` message.
    for (const refused of [missing, unnamed])
      expect(refused).toEqual([{ type: "error", payload: [{ message: expect.stringMatching(/operation/i) }] }]);
    for (const round of [1, 2]) {
      expect(await answer(`second-${round}`, "SeenSecond")).toEqual([
        { type: "next", payload: { data: { me: { id: u.id } } } },
        { type: "complete", payload: undefined },
      ]);
      expect(await answer(`first-${round}`, "SeenFirst")).toEqual([
        { type: "next", payload: { data: { seenFirst: "Query" } } },
        { type: "complete", payload: undefined },
      ]);
      expect(await answer(`missing-${round + 1}`, "SeenThird")).toEqual(missing);
      expect(await answer(`unnamed-${round + 1}`)).toEqual(unnamed);
    }
    s.ws.close();
  });

  it("caps subscriptions per socket: the extra one gets an error, the others go on", async () => {
    const { b, send } = await pair();
    const client = t.ws(b);
    const subs = [1, 2, 3].map(() => new Recorder(client, MessageAddedDocument, {}));
    await sleep(300);
    const extra = new Recorder(client, MessageAddedDocument, {});
    await until(() => extra.errors.length > 0);
    expect(JSON.stringify(extra.errors)).toContain("BAD_USER_INPUT");
    await send("to the three");
    for (const sub of subs) expect((await sub.waitFor(1))[0]?.messageAdded.text).toBe("to the three");
    // Ending one frees its place.
    subs[0]?.stop();
    await sleep(200);
    const again = new Recorder(client, MessageAddedDocument, {});
    await sleep(300);
    await send("to the new one");
    expect((await again.waitFor(1))[0]?.messageAdded.text).toBe("to the new one");
  });
});

describe("WebSocket writes", () => {
  // A socket's writes are gathered per tick (ws.ts sendCorked): nothing lost or reordered by it.
  it("answers each mutation, then completes it, one at a time and several at once", async () => {
    const { a, chatId } = await pair();
    const s = await rawSocket({ authorization: `Bearer ${a.token}` });
    await until(() => s.messages.some((m) => m.type === "connection_ack"));
    const send = (id: string, text: string) =>
      s.ws.send(
        JSON.stringify({
          id,
          type: "subscribe",
          payload: {
            query: "mutation($i: SendMessageInput!) { sendMessage(input: $i) { text } }",
            variables: { i: { chatId, type: "TEXT", text } },
          },
        }),
      );
    for (let i = 1; i <= 5; i++) {
      send(String(i), `one ${i}`);
      await until(() => s.messages.some((m) => m.id === String(i) && m.type === "complete"));
    }
    // As many at once as this app lets a socket run.
    for (let i = 6; i <= 8; i++) send(String(i), `n${i}`);
    await until(() => s.messages.filter((m) => m.type === "complete").length === 8);
    for (let i = 1; i <= 8; i++) {
      const mine = s.messages.filter((m) => m.id === String(i));
      expect(
        mine.map((m) => m.type),
        `operation ${i}`,
      ).toEqual(["next", "complete"]);
      expect(mine[0]?.payload).toEqual({ data: { sendMessage: { text: i <= 5 ? `one ${i}` : `n${i}` } } });
    }
    s.ws.close();
  });
});
