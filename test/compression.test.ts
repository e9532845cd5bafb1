// Responses that benefit are compressed when the client accepts gzip: GraphiQL's page and large
// JSON answers; small answers and event streams are not.
import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./helpers/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** The raw response, bytes as sent (Node's fetch would inflate them). */
function raw(method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }>((resolve, reject) => {
    const req = request(t.url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

it("sends GraphiQL's page gzipped to a browser that accepts it, and plain to one that does not", async () => {
  const plain = await raw("GET", { accept: "text/html" });
  const zipped = await raw("GET", { accept: "text/html", "accept-encoding": "gzip, deflate, br" });
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(zipped.headers["content-encoding"]).toBe("gzip");
  expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 3);
  expect(gunzipSync(zipped.bytes).toString()).toBe(plain.bytes.toString());
});

it("compresses a large JSON answer, not a small one", async () => {
  const json = { "content-type": "application/json", "accept-encoding": "gzip" };
  const big = await raw(
    "POST",
    json,
    JSON.stringify({ query: "{ __schema { types { name description fields { name description } } } }" }),
  );
  expect(big.headers["content-encoding"]).toBe("gzip");
  expect(JSON.parse(gunzipSync(big.bytes).toString()).data.__schema.types.length).toBeGreaterThan(20);
  const small = await raw("POST", json, JSON.stringify({ query: "{ __typename }" }));
  expect(small.headers["content-encoding"]).toBeUndefined();
  expect(JSON.parse(small.bytes.toString())).toEqual({ data: { __typename: "Query" } });
});
