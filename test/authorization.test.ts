// Every root field needs a signed-in caller unless it opts out (signUp and signIn only). The fields
// come from the served schema, so a new one is checked without anyone listing it; and a field
// that declares no rule is refused (fails closed).
import { execute, parse, subscribe } from "graphql";
import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { Context, Viewer } from "../src/context.ts";
import { builder } from "../src/schema/builder.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";
import { SseRecorder } from "./helpers/client.ts";
import { minimalOperation, type RootKind, rootFields, uploadArgs } from "./helpers/root-fields.ts";
import { multipartOperation } from "./helpers/upload.ts";

const PUBLIC = ["signIn", "signUp"];
const SIGN_IN_FIRST = { code: "UNAUTHENTICATED", message: "sign in first" };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const refusal = (errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined) => ({
  code: errors?.[0]?.extensions?.code,
  message: errors?.[0]?.message,
});

describe("without a token", () => {
  it.each<RootKind>(["query", "mutation"])("refuses every %s field but signUp and signIn", async (kind) => {
    const answered: Record<string, unknown> = {};
    for (const field of rootFields(kind)) {
      const operation = minimalOperation(kind, field);
      const files = uploadArgs(field);
      const result = files.length ? await multipartOperation(t.url, operation, files) : await t.anon.raw(operation);
      const answer = refusal(result.errors);
      if (answer.code !== SIGN_IN_FIRST.code || answer.message !== SIGN_IN_FIRST.message) answered[field.name] = answer;
    }
    // signUp and signIn answer on their merits: the placeholder input is refused as such.
    const open = kind === "mutation" ? Object.fromEntries(PUBLIC.map((name) => [name, expect.anything()])) : {};
    expect(answered).toEqual(open);
  });

  it("refuses every subscription field over HTTP (SSE) with UNAUTHENTICATED, and ends the stream", async () => {
    const fields = rootFields("subscription");
    expect(fields.length).toBeGreaterThan(0);
    for (const field of fields) {
      const stream = new SseRecorder(t.url, {}, minimalOperation("subscription", field));
      const [first] = await stream.waitFor(1);
      await stream.done;
      expect({ field: field.name, refused: refusal(first?.errors), completed: stream.completed }).toEqual({
        field: field.name,
        refused: SIGN_IN_FIRST,
        completed: true,
      });
      expect(first?.data ?? null).toBeNull();
    }
  });

  it("refuses every subscription field over graphql-ws: the anonymous socket is closed with 4403", async () => {
    for (const field of rootFields("subscription")) {
      // Lazy: the socket opens for this subscription, and its close comes to the subscription.
      const client = createClient({ url: t.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0 });
      const closed = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: minimalOperation("subscription", field) },
          {
            next: () => resolve("next"),
            error: (e) => resolve((e as { code?: unknown }).code),
            complete: () => resolve("complete"),
          },
        );
      });
      await client.dispose();
      expect({ field: field.name, closed }).toEqual({ field: field.name, closed: 4403 });
    }
  });
});

describe("a root field that declares no rule", () => {
  // Added to the real builder after the served schema was built: what a forgotten rule would be.
  builder.queryField("probe", (t) => t.boolean({ resolve: () => true }));
  builder.mutationField("probeMutation", (t) => t.boolean({ resolve: () => true }));
  builder.subscriptionField("probeSubscription", (t) =>
    t.boolean({
      subscribe: async function* () {
        yield true;
      },
      resolve: (value: boolean) => value,
    }),
  );
  builder.queryField("probeOptOut", (t) => t.boolean({ skipTypeScopes: true, resolve: () => true }));
  const probed = builder.toSchema();

  const viewer = (expiresInMs: number): Viewer => ({
    userId: 1,
    deviceId: null,
    expiresAt: Date.now() + expiresInMs,
    tokenVersion: 0,
  });
  const context = (v: Viewer | null) => ({ viewer: v }) as Context;

  async function run(source: string, v: Viewer | null) {
    const document = parse(source);
    if (!source.startsWith("subscription")) {
      const { data, errors } = await execute({ schema: probed, document, contextValue: context(v) });
      return { data, refused: errors ? refusal(errors) : null };
    }
    const result = await subscribe({ schema: probed, document, contextValue: context(v) });
    if (!(Symbol.asyncIterator in result)) return { data: result.data ?? null, refused: refusal(result.errors) };
    const first = await result[Symbol.asyncIterator]().next();
    await result.return?.();
    return { data: first.value ? first.value.data : null, refused: null };
  }

  it.each([
    ["query", "{probe}", { probe: true }],
    ["mutation", "mutation{probeMutation}", { probeMutation: true }],
    ["subscription", "subscription{probeSubscription}", { probeSubscription: true }],
  ])(
    "is refused on %s without a viewer or with an expired one, and answers a signed-in one",
    async (_kind, source, data) => {
      expect((await run(source, null)).refused).toEqual(SIGN_IN_FIRST);
      expect((await run(source, viewer(-1))).refused).toEqual({ code: "UNAUTHENTICATED", message: "token expired" });
      expect(await run(source, viewer(60_000))).toEqual({ data, refused: null });
    },
  );

  it("is open only when it opts out with skipTypeScopes", async () => {
    expect(await run("{probeOptOut}", null)).toEqual({ data: { probeOptOut: true }, refused: null });
  });
});
