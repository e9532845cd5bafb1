// Pothos's scope cache (one per operation's context) is dropped as soon as it is no longer needed:
// when a query's or mutation's execution is done, and once a subscription has started. Pothos
// keys it by the context in a WeakMap and the cache holds the context, an entry V8's young
// collector cannot free: kept, it carried every request's context (request, response, headers)
// into the old generation (schema/auth.ts, bench/RESULTS.md).
import { RequestCache } from "@pothos/plugin-scope-auth";
import { expect, it } from "vitest";
import { releaseScopeCache } from "../src/schema/auth.ts";
import { builder } from "../src/schema/builder.ts";

type Hooks = Record<string, ((payload: unknown) => void) | undefined>;
const plugin = releaseScopeCache() as Record<string, (payload: unknown) => Hooks>;

it("drops an operation's scope cache when its execution is done", () => {
  const context = { viewer: null };
  const cache = RequestCache.fromContext(context as never, builder);
  expect(RequestCache.fromContext(context as never, builder)).toBe(cache); // one per context meanwhile
  plugin.onExecute?.({})?.onExecuteDone?.({ args: { contextValue: context } });
  expect(RequestCache.fromContext(context as never, builder)).not.toBe(cache);
});

it("drops a subscription's scope cache once it has started", () => {
  const context = { viewer: null };
  const cache = RequestCache.fromContext(context as never, builder);
  plugin.onSubscribe?.({})?.onSubscribeResult?.({ args: { contextValue: context } });
  expect(RequestCache.fromContext(context as never, builder)).not.toBe(cache);
});

it("keeps other operations' caches", () => {
  const [done, running] = [{ viewer: null }, { viewer: null }];
  const kept = RequestCache.fromContext(running as never, builder);
  RequestCache.fromContext(done as never, builder);
  plugin.onExecute?.({})?.onExecuteDone?.({ args: { contextValue: done } });
  expect(RequestCache.fromContext(running as never, builder)).toBe(kept);
});
