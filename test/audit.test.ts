// graphql-http's server audit suite against /graphql: every MUST passes.
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
