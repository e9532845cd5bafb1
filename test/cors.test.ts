// CORS (only allowed origins get CORS headers; credentials only for named ones) and GRAPHIQL=false
// (no GraphiQL page, no introspection, everything else as before).
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { MeDocument } from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";

let byDefault: TestApp;
let listed: TestApp;
let star: TestApp;
beforeAll(async () => {
  [byDefault, listed, star] = await Promise.all([
    startTestApp(),
    startTestApp({ CORS_ORIGINS: "https://app.example, https://admin.example", GRAPHIQL: "false" }),
    startTestApp({ CORS_ORIGINS: "https://app.example,*" }),
  ]);
}, 60_000);
afterAll(() => Promise.all([byDefault?.close(), listed?.close(), star?.close()]));

const CORS_HEADERS = [
  "access-control-allow-origin",
  "access-control-allow-credentials",
  "access-control-allow-methods",
  "access-control-allow-headers",
];

/** The CORS headers of a preflight and of an actual request from `origin`. */
async function corsOf(t: TestApp, origin: string) {
  const pick = (res: Response) =>
    Object.fromEntries(CORS_HEADERS.flatMap((h) => (res.headers.has(h) ? [[h, res.headers.get(h)]] : [])));
  const preflight = await fetch(t.url, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization, content-type",
    },
  });
  expect(preflight.status).toBe(204);
  const actual = await fetch(t.url, {
    method: "POST",
    headers: { origin, "content-type": "application/json" },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
  expect(await actual.json()).toEqual({ data: { __typename: "Query" } });
  return { preflight: pick(preflight), actual: pick(actual) };
}

const withCredentials = (origin: string) => ({
  preflight: {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    "access-control-allow-methods": "GET, POST",
    "access-control-allow-headers": "authorization, content-type",
  },
  actual: { "access-control-allow-origin": origin, "access-control-allow-credentials": "true" },
});
const none = { preflight: {}, actual: {} };

describe("CORS by default: same origin and localhost", () => {
  it("allows localhost on any port, with credentials", async () => {
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:3000", "http://localhost"])
      expect({ origin, ...(await corsOf(byDefault, origin)) }).toEqual({ origin, ...withCredentials(origin) });
  });

  it("gives https://evil.example and look-alikes no CORS header, in preflight or answer", async () => {
    for (const origin of ["https://evil.example", "http://localhost.evil.example", "null", "http://127.0.0.1.evil:80"])
      expect({ origin, ...(await corsOf(byDefault, origin)) }).toEqual({ origin, ...none });
  });

  it("allows the server's own origin, as the Host header names it", async () => {
    const { port } = new URL(byDefault.url);
    const headersFor = (origin: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const req = httpRequest(
          {
            host: "127.0.0.1",
            port,
            path: "/graphql",
            method: "POST",
            headers: { host: `chat.example:${port}`, origin, "content-type": "application/json" },
          },
          (res) => {
            res.resume();
            resolve({ origin, allow: res.headers["access-control-allow-origin"] ?? null });
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify({ query: "{ __typename }" }));
      });
    expect(await headersFor(`https://chat.example:${port}`)).toEqual({
      origin: `https://chat.example:${port}`,
      allow: `https://chat.example:${port}`,
    });
    expect(await headersFor("https://evil.example")).toEqual({ origin: "https://evil.example", allow: null });
  });
});

describe("CORS_ORIGINS", () => {
  it("allows only the listed origins, localhost no more", async () => {
    for (const origin of ["https://app.example", "https://admin.example"])
      expect({ origin, ...(await corsOf(listed, origin)) }).toEqual({ origin, ...withCredentials(origin) });
    for (const origin of ["http://localhost:5173", "https://evil.example", "https://app.example:8443"])
      expect({ origin, ...(await corsOf(listed, origin)) }).toEqual({ origin, ...none });
  });

  it("with *, lets any other origin in without credentials", async () => {
    expect(await corsOf(star, "https://app.example")).toEqual(withCredentials("https://app.example"));
    expect(await corsOf(star, "https://evil.example")).toEqual({
      preflight: {
        "access-control-allow-origin": "*",
        "access-control-allow-methods": "GET, POST",
        "access-control-allow-headers": "authorization, content-type",
      },
      actual: { "access-control-allow-origin": "*" },
    });
  });

  it("refuses a value that is not a list of origins", () => {
    for (const bad of ["app.example", "https://app.example/path", "ftp://app.example", "https://a.example,,"])
      expect(() => loadConfig({ CORS_ORIGINS: bad })).toThrow(/CORS_ORIGINS/);
    expect(loadConfig({ CORS_ORIGINS: "https://App.Example:443/, *" }).corsOrigins).toEqual([
      "https://app.example",
      "*",
    ]);
    expect(() => loadConfig({ GRAPHIQL: "no" })).toThrow(/GRAPHIQL/);
  });
});

describe("GRAPHIQL=false", () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await listed.signUp("Plain");
  });

  it("serves no GraphiQL page to a browser", async () => {
    const page = await fetch(listed.url, { headers: { accept: "text/html" } });
    expect(page.headers.get("content-type") ?? "").not.toMatch(/text\/html/);
    expect(await page.text()).not.toMatch(/graphiql/i);
    const served = await fetch(byDefault.url, { headers: { accept: "text/html" } });
    expect(await served.text()).toMatch(/GraphiQL/);
  });

  it("refuses introspection with BAD_USER_INPUT, over HTTP and WebSocket, and answers __typename", async () => {
    for (const query of ["{ __schema { types { name } } }", '{ __type(name: "User") { name } }'])
      expect({ query, code: await user.http.code(query) }).toEqual({ query, code: "BAD_USER_INPUT" });
    const ws = listed.ws(user);
    const overWs = await new Promise<unknown>((resolve) =>
      ws.subscribe(
        { query: "{ __schema { queryType { name } } }" },
        {
          next: (r) => resolve(r.errors?.[0]?.extensions?.code),
          // graphql-ws sends validation errors as an `error` message: a list of GraphQL errors.
          error: (e) => resolve((e as { extensions?: { code?: string } }[])[0]?.extensions?.code),
          complete: () => {},
        },
      ),
    );
    expect(overWs).toBe("BAD_USER_INPUT");
    expect((await user.http.raw("{ __typename }")).data).toEqual({ __typename: "Query" });
    expect((await byDefault.anon.raw("{ __schema { queryType { name } } }")).data).toEqual({
      __schema: { queryType: { name: "Query" } },
    });
    // The same text, found valid by the instance with GraphiQL, is still refused by this one.
    expect(await user.http.code("{ __schema { queryType { name } } }")).toBe("BAD_USER_INPUT");
  });

  it("answers ordinary queries as before", async () => {
    expect((await user.http.run(MeDocument)).me.id).toBe(user.id);
  });
});
