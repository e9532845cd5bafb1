// graphql-http's server audit suite against /graphql: every MUST passes.
import { getIntrospectionQuery } from "graphql";
import { serverAudits } from "graphql-http";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./helpers/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

it("passes every MUST of the GraphQL over HTTP audits", async () => {
  const audits = serverAudits({ url: () => t.url, fetchFn: fetch });
  const must = audits.filter((a) => a.name.startsWith("MUST"));
  expect(must.length).toBeGreaterThan(10);
  const failures: string[] = [];
  for (const audit of must) {
    const result = await audit.fn();
    if (result.status !== "ok") failures.push(`${audit.name}: ${result.reason}`);
  }
  expect(failures).toEqual([]);
});

it("answers GraphiQL's introspection query within the request limits", async () => {
  const query = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, directiveIsRepeatable: true });
  const r = await t.anon.raw<{ __schema: { types: { name: string }[] } }, undefined>(query);
  expect(r.errors).toBeUndefined();
  expect(r.data?.__schema.types.map((type) => type.name)).toContain("ChatListItem");
});

it("serves GraphiQL to a browser, with no asset from a CDN, and /health", async () => {
  const page = await fetch(t.url, { headers: { accept: "text/html" } });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain("GraphiQL");
  expect(html).not.toMatch(/unpkg\.com|jsdelivr|cdn\./);
  const health = await fetch(t.url.replace(/\/graphql$/, "/health"));
  expect(await health.json()).toMatchObject({ status: "ok", database: "up" });
});
