// http/shared-events.ts on its own: an event is executed once per document and variables on an
// instance, whoever subscribed; other variables, another document or a per-viewer field are
// executed apart. A schema of the same coordinates as xim's (Subscription.messageAdded, Message.*)
// with counting resolvers, and a source that hands every subscriber the same event objects.
import {
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLID,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  subscribe,
} from "graphql";
import { expect, it } from "vitest";
import { sharedSubscriptionEvents } from "../src/http/shared-events.ts";

type Event = { id: string; text: string };
const calls = { text: 0, reactions: 0 };
const listeners = new Set<(e: Event) => void>();

/** Every subscriber's stream of the same event objects, as the pub/sub bus hands them out. */
function events(): AsyncIterableIterator<Event> {
  const queue: Event[] = [];
  let wake: (() => void) | null = null;
  const listener = (e: Event) => {
    queue.push(e);
    wake?.();
  };
  listeners.add(listener);
  const it: AsyncIterableIterator<Event> = {
    [Symbol.asyncIterator]: () => it,
    async next() {
      while (queue.length === 0) await new Promise<void>((r) => (wake = r));
      return { done: false, value: queue.shift() as Event };
    },
    async return() {
      listeners.delete(listener);
      return { done: true, value: undefined };
    },
  };
  return it;
}

const Message = new GraphQLObjectType<Event>({
  name: "Message",
  fields: {
    id: { type: GraphQLID },
    text: {
      type: GraphQLString,
      args: { suffix: { type: GraphQLString } },
      resolve: (e, { suffix }) => {
        calls.text++;
        return e.text + (suffix ?? "");
      },
    },
    // Not a field every member sees alike (xim's reactedByMe): per subscriber.
    reactions: {
      type: GraphQLString,
      resolve: async () => {
        calls.reactions++;
        return "none";
      },
    },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLString } } }),
  subscription: new GraphQLObjectType({
    name: "Subscription",
    fields: { messageAdded: { type: Message, subscribe: () => events(), resolve: (e: Event) => e } },
  }),
});

/** The plugin's subscribe function over graphql-js's own. */
function sharedSubscribe() {
  let fn: (args: ExecutionArgs) => unknown = subscribe;
  const hooks = sharedSubscriptionEvents() as { onSubscribe(p: unknown): void };
  hooks.onSubscribe({ subscribeFn: fn, setSubscribeFn: (f: typeof fn) => (fn = f) });
  return fn;
}

const SHARED = parse("subscription($s: String) { messageAdded { id text(suffix: $s) } }");
const OTHER = parse("subscription { messageAdded { text } }");
// Shareable, without variables, like OTHER: told apart by the document alone.
const OTHER_TOO = parse("subscription { messageAdded { text id } }");
const PER_VIEWER = parse("subscription { messageAdded { id reactions } }");

it("executes an event once per document and variables, and apart for other variables, documents and per-viewer fields", async () => {
  const run = sharedSubscribe();
  const open = async (document: typeof SHARED, variableValues?: Record<string, unknown>) =>
    (await run({ schema, document, variableValues })) as AsyncIterableIterator<ExecutionResult>;
  const same = [await open(SHARED, { s: "!" }), await open(SHARED, { s: "!" }), await open(SHARED, { s: "!" })];
  const otherVars = await open(SHARED, { s: "?" });
  const otherDoc = await open(OTHER);
  const otherDocToo = await open(OTHER_TOO);
  const perViewer = [await open(PER_VIEWER), await open(PER_VIEWER)];
  const all = [...same, otherVars, otherDoc, otherDocToo, ...perViewer];

  for (const text of ["one", "two"]) {
    const pending = all.map((s) => s.next());
    const event: Event = { id: text, text };
    for (const listener of listeners) listener(event);
    const results = (await Promise.all(pending)).map((r) => r.value as ExecutionResult);
    expect(results.map((r) => r.data)).toEqual([
      ...same.map(() => ({ messageAdded: { id: text, text: `${text}!` } })),
      { messageAdded: { id: text, text: `${text}?` } },
      { messageAdded: { text } },
      { messageAdded: { text, id: text } },
      ...perViewer.map(() => ({ messageAdded: { id: text, reactions: "none" } })),
    ]);
    // The three alike share one result.
    expect(results[1]).toBe(results[0]);
    expect(results[2]).toBe(results[0]);
    // The event's JSON and copies are its own.
    expect(JSON.parse(JSON.stringify(event))).toEqual({ id: text, text });
    expect(Object.keys({ ...event })).toEqual(["id", "text"]);
  }
  // Per event: one execution for the three alike, one for other variables, one for each other document.
  expect(calls.text).toBe(2 * 4);
  // Per event, per subscriber.
  expect(calls.reactions).toBe(2 * 2);

  for (const s of all) expect(await s.return?.()).toEqual({ done: true, value: undefined });
  expect(listeners.size).toBe(0);
});
