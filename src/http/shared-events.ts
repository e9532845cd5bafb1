// One execution per event, per selection, per instance. A subscription event reaches every
// subscriber of this instance as the same object (the pub/sub bus parses it once); when an
// operation selects only fields whose answer is the same for every viewer who receives the event,
// the first subscriber to take the event executes the selection and the others share its result.
// A 1,000-member group's message is executed once here, not 1,000 times. Anything else (unread
// counts, reactedByMe, online, a chat's per-member fields) is executed per subscriber, as before.

import { isPromise } from "@envelop/core";
import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  GraphQLObjectType,
  getNamedType,
  Kind,
  type SelectionSetNode,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { getOrSet } from "../runtime/get-or-set.ts";

/**
 * `Type.field` coordinates whose value depends only on the event's message (never on who reads
 * it, beyond being a member of its chat, which the event stream already guarantees). A field not
 * listed here makes the operation's results per subscriber. `Message.reactions` (reactedByMe),
 * `Message.chat` (unread counts) and `User.online` (friends only) are deliberately absent.
 */
const SAME_FOR_EVERY_MEMBER = new Set([
  "Subscription.messageAdded",
  ...[
    "id",
    "chatId",
    "seq",
    "editedAt",
    "replyTo",
    "mentions",
    "mentionsAll",
    "sender",
    "senderDeviceId",
    "type",
    "text",
    "fileId",
    "location",
    "clientMessageId",
    "deleted",
    "createdAt",
    "attachment",
  ].map((f) => `Message.${f}`),
  ...["latitude", "longitude", "cityCode", "address"].map((f) => `Location.${f}`),
  ...["id", "username", "nickname", "avatarFileId", "externalId", "avatarUrl"].map((f) => `User.${f}`),
  ...["id", "mimeType", "name", "size", "url", "width", "height", "durationMs"].map((f) => `Attachment.${f}`),
]);

/** Whether every field the operation selects, through fragments too, is in the list. */
function sameForEveryMember(args: ExecutionArgs): boolean {
  const fragments = new Map<string, SelectionSetNode>();
  for (const d of args.document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
  const operations = args.document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = args.operationName ? operations.find((o) => o.name?.value === args.operationName) : operations[0];
  const root = args.schema.getSubscriptionType();
  if (op?.operation !== "subscription" || !root) return false;
  const seen = new Set<string>();
  const walk = (type: GraphQLObjectType, set: SelectionSetNode): boolean =>
    set.selections.every((s) => {
      if (s.kind === Kind.INLINE_FRAGMENT)
        return !s.typeCondition || s.typeCondition.name.value === type.name ? walk(type, s.selectionSet) : false;
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(s.name.value);
        if (!frag || seen.has(s.name.value)) return !!frag;
        seen.add(s.name.value);
        return walk(type, frag);
      }
      if (s.name.value === "__typename") return true;
      if (!SAME_FOR_EVERY_MEMBER.has(`${type.name}.${s.name.value}`)) return false;
      const fieldType = getNamedType(type.getFields()[s.name.value]?.type);
      if (!s.selectionSet) return true;
      return fieldType instanceof GraphQLObjectType && walk(fieldType, s.selectionSet);
    });
  return walk(root, op.selectionSet);
}

const shareable = new WeakMap<DocumentNode, Map<string, boolean>>();
/** A number per document (yoga's parse cache keeps one per distinct query text), for share keys. */
const documentNumbers = new WeakMap<DocumentNode, number>();
let documents = 0;

/** The key subscribers share results under, or null when this operation's results are per subscriber. */
function shareKey(args: ExecutionArgs): string | null {
  const byOperation = getOrSet(shareable, args.document, () => new Map<string, boolean>());
  const name = args.operationName ?? "";
  const ok = getOrSet(byOperation, name, () => sameForEveryMember(args));
  if (!ok) return null;
  const document = getOrSet(documentNumbers, args.document, () => ++documents);
  return `${document}\u0000${name}\u0000${JSON.stringify(args.variableValues ?? {})}`;
}

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * An event's results, on the event itself (every subscriber of the instance gets the same object;
 * a symbol, not enumerable, so its JSON and its copies are unchanged; a frozen event is executed
 * for each subscriber): the first key's result in two fields, since an event is
 * nearly always answered under one key, and a map only for the others. It goes with the event. A
 * WeakMap by event, then by document, then a Map by key made three tables per event, kept past
 * the young generation's collections by the subscribers waiting for their next event.
 */
const RESULTS = Symbol("xim.sharedResults");
type Results = { key: string; result: Result; others: Map<string, Result> | null };
type WithResults = { [RESULTS]?: Results };

function sharedResult(event: unknown, args: ExecutionArgs, key: string): Result {
  if (typeof event !== "object" || event === null) return execute({ ...args, rootValue: event });
  const held = (event as WithResults)[RESULTS];
  if (held === undefined) {
    const result = execute({ ...args, rootValue: event });
    // Not enumerable: a copy of the event ({ ...event }) would not take its results along.
    if (Object.isExtensible(event))
      Object.defineProperty(event, RESULTS, { value: { key, result, others: null }, writable: true });
    return result;
  }
  if (held.key === key) return held.result;
  held.others ??= new Map();
  return getOrSet(held.others, key, () => execute({ ...args, rootValue: event }));
}

const DONE: IteratorResult<ExecutionResult> = Object.freeze({ done: true, value: undefined });

/**
 * Maps each event of `source` to its (shared) result; ending the results ends the source. A class:
 * one object per open subscription, its steps on the prototype (and one bound step) rather than
 * closures each; `next` chains on the source's promise instead of awaiting it in an async method.
 */
class SharedEvents implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly args: ExecutionArgs,
    private readonly key: string,
  ) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    return this.source.next().then(this.#step);
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    return DONE;
  }

  async throw(err?: unknown): Promise<IteratorResult<ExecutionResult>> {
    if (!this.source.throw) throw err;
    return this.#step(await this.source.throw(err));
  }

  readonly #step = (
    r: IteratorResult<unknown>,
  ): IteratorResult<ExecutionResult> | Promise<IteratorResult<ExecutionResult>> => {
    if (r.done) return DONE;
    const result = sharedResult(r.value, this.args, this.key);
    return isPromise(result) ? result.then(yielded) : { done: false, value: result };
  };
}

const yielded = (value: ExecutionResult): IteratorResult<ExecutionResult> => ({ done: false, value });

type SubscribeFn = (args: ExecutionArgs) => unknown;

export const sharedSubscriptionEvents = (): Plugin => {
  // One wrapper per subscribe function (the same for every subscription), not a closure each.
  const wrapped = new WeakMap<SubscribeFn, SubscribeFn>();
  const wrap = (subscribeFn: SubscribeFn) => async (args: ExecutionArgs) => {
    const key = shareKey(args);
    if (key === null) return subscribeFn(args);
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    return new SharedEvents(source[Symbol.asyncIterator](), args, key);
  };
  return {
    onSubscribe: ({ subscribeFn, setSubscribeFn }) => {
      setSubscribeFn(
        getOrSet(wrapped, subscribeFn as SubscribeFn, () => wrap(subscribeFn as SubscribeFn)) as typeof subscribeFn,
      );
    },
  };
};
