// Plain JSON POSTs are answered without yoga's fetch layer (src/http/direct-post.ts). Each request
// here is sent twice: with a Content-Length (the direct path) and chunked (yoga's path, which
// takes every body without a length); the two answers must be the same, headers included.
import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { scrape } from "./helpers/prometheus.ts";

let t: TestApp;
let alice: TestUser;
let chatId: string;
beforeAll(async () => {
  t = await startTestApp();
  alice = await t.signUp("Alice");
  const bob = await t.signUp("Bob");
  const out = await post(
    { query: "mutation($u: ID!) { openDirectChat(userId: $u) { id } }", variables: { u: bob.id } },
    auth(alice),
  );
  chatId = JSON.parse(out.body).data.openDirectChat.id;
});
afterAll(() => t?.close());

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

const auth = (u: TestUser) => ({ authorization: `Bearer ${u.token}` });

/** POSTs `body` as JSON, with its length (direct) or chunked (yoga), and reads the answer whole. */
function post(body: unknown, headers: Record<string, string> = {}, chunked = false): Promise<Answer> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      t.url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(Buffer.byteLength(text)) }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const bytes = Buffer.concat(chunks);
          const zipped = res.headers["content-encoding"] === "gzip";
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: (zipped ? gunzipSync(bytes) : bytes).toString(),
          });
        });
      },
    );
    req.on("error", reject);
    if (chunked) {
      // Two chunks, so yoga reads a stream, not one buffer.
      req.write(text.slice(0, 5));
      req.end(text.slice(5));
    } else req.end(text);
  });
}

/** What may differ between two answers to the same request: framing, dates, a generated id. */
function comparable(a: Answer, idGiven: boolean) {
  const { date, connection, "keep-alive": _k, "transfer-encoding": _t, "content-length": _l, ...headers } = a.headers;
  if (!idGiven) {
    expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    delete headers["x-request-id"];
  }
  // A message sent twice gets its own id, seq and time.
  const body = a.body.replace(/"(id|seq|createdAt)":("[^"]*"|\d+)/g, '"$1":_');
  return { status: a.status, headers, body };
}

const directCount = async () => (await scrape(t.url)).value("xim_http_direct_operations_total");

async function same(body: unknown, headers: Record<string, string> = {}, direct = true) {
  const before = await directCount();
  const fast = await post(body, headers);
  const taken = (await directCount()) - before;
  const yoga = await post(body, headers, true);
  expect(taken, "took the direct path").toBe(direct ? 1 : 0);
  expect((await directCount()) - before, "yoga's path is not counted").toBe(taken);
  const idGiven = "x-request-id" in headers;
  expect(comparable(fast, idGiven)).toEqual(comparable(yoga, idGiven));
  return fast;
}

it("answers a query as yoga does, whatever JSON type the client accepts", async () => {
  const q = { query: "{ __typename }" };
  const plain = await same(q);
  expect(plain.status).toBe(200);
  expect(plain.headers["content-type"]).toBe("application/json; charset=utf-8");
  expect(JSON.parse(plain.body)).toEqual({ data: { __typename: "Query" } });
  for (const accept of [
    "application/json",
    "application/graphql-response+json",
    "application/graphql-response+json, application/json",
    "application/json;q=0.9, application/graphql-response+json",
    "*/*",
    "application/*",
  ])
    await same(q, { accept });
  expect((await same(q, { accept: "application/graphql-response+json" })).headers["content-type"]).toBe(
    "application/graphql-response+json; charset=utf-8",
  );
});

it("leaves to yoga what it does not take: event streams, other charsets, other media types", async () => {
  const q = { query: "{ __typename }" };
  await same(q, { accept: "text/event-stream" }, false);
  await same(q, { accept: "application/json; charset=latin1" }, false);
  await same(q, { accept: "text/html" }, false);
});

it("answers signed-in queries and mutations, their errors and their codes as yoga does", async () => {
  const me = await same({ query: "{ me { id username } }" }, auth(alice));
  expect(JSON.parse(me.body).data.me.username).toBe(alice.username);
  const send = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id seq text } }";
  const sent = await same({ query: send, variables: { i: { chatId, type: "TEXT", text: "hello" } } }, auth(alice));
  expect(JSON.parse(sent.body).data.sendMessage.text).toBe("hello");
  const long = await same(
    { query: send, variables: { i: { chatId, type: "TEXT", text: "x".repeat(501) } } },
    auth(alice),
  );
  expect(JSON.parse(long.body).errors[0].extensions.code).toBe("BAD_USER_INPUT");
  const stranger = await t.signUp("Stranger");
  const refused = await same({ query: send, variables: { i: { chatId, type: "TEXT", text: "hi" } } }, auth(stranger));
  expect(refused.body).toMatch(/"code":"(NOT_FOUND|FORBIDDEN)"/);
  const anonymous = await same({ query: "{ me { id } }" });
  expect(JSON.parse(anonymous.body).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  // Variables of the wrong type, and the operation named among two.
  await same({ query: "query($c: ID!) { chat(id: $c) { id } }", variables: { c: { no: 1 } } }, auth(alice));
  const two = await same(
    { query: "query A { __typename } query B { me { id } }", operationName: "B", variables: null },
    auth(alice),
  );
  expect(JSON.parse(two.body).data.me.id).toBe(alice.id);
});

it("sends the request id, the CORS headers and gzip as yoga does", async () => {
  await same({ query: "{ __typename }" }, { "x-request-id": "direct-1" });
  await same({ query: "{ __typename }" }, { origin: "http://localhost:5173" });
  await same({ query: "{ __typename }" }, { origin: "https://elsewhere.example" });
  const big = { query: "{ __schema { types { name description fields { name description } } } }" };
  const zipped = await same(big, { "accept-encoding": "gzip", origin: "http://localhost:5173" });
  expect(zipped.headers["content-encoding"]).toBe("gzip");
});

it("answers syntax, validation and authentication errors as yoga does, each counted once", async () => {
  const errors = async () => (await scrape(t.url)).value("graphql_envelop_error_result");
  const bad = { authorization: "Bearer not-a-token" };
  // A comment makes each query new to the parse and validation caches, so each is counted.
  for (const [query, headers] of [
    ["{ __typename( } #", {}],
    ["{ nope } #", {}],
    ["{ me { id } } #", bad],
  ] as const) {
    const before = await errors();
    const count = await directCount();
    const fast = await post({ query: `${query} 1` }, headers);
    const between = await errors();
    expect(await directCount()).toBe(count + 1);
    const yoga = await post({ query: `${query} 2` }, headers, true);
    expect(between - before, query).toBe(1);
    expect((await errors()) - between, query).toBe(1);
    expect(comparable(fast, false)).toEqual(comparable(yoga, false));
    expect(fast.body).toMatch(/"code":"(BAD_USER_INPUT|UNAUTHENTICATED)"/);
  }
  await same({ query: "query A { __typename } query B { __typename }" });
  await same({ query: "{ __typename }", operationName: "C" });
});

it("leaves to yoga, body and all, what is not plainly well formed, and subscriptions", async () => {
  await same("{not json", {}, false);
  await same("[]", {}, false);
  await same({ query: "{ __typename }", variables: [] }, {}, false);
  await same({ query: "{ __typename }", other: 1 }, {}, false);
  await same({ query: 42 }, {}, false);
  await same({ query: "subscription { messageAdded { id } }" }, {}, false);
  // yoga's own test for a JSON body is case-sensitive: so is the direct path's.
  await same({ query: "{ __typename }" }, { "content-type": "Application/JSON" }, false);
});
