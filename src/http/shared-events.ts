// One execution per event, per selection, per instance. A subscription event reaches every
// subscriber of this instance as the same object (the pub/sub bus parses it once); when an
// operation selects only fields whose answer is the same for every viewer who receives the event,
// the first subscriber to take the event executes the selection and the others share its result.
// A 1,000-member group's message is executed once here, not 1,000 times. Anything else (unread
// counts, reactedByMe, online, a chat's per-member fields) is executed per subscriber, as before.
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

/** The key subscribers share results under, or null when this operation's results are per subscriber. */
function shareKey(args: ExecutionArgs): string | null {
  const byOperation = getOrSet(shareable, args.document, () => new Map<string, boolean>());
  const name = args.operationName ?? "";
  const ok = getOrSet(byOperation, name, () => sameForEveryMember(args));
  // The document object is yoga's parse cache's: one per distinct query text.
  return ok ? `${name}\u0000${JSON.stringify(args.variableValues ?? {})}` : null;
}

type Result = ExecutionResult | Promise<ExecutionResult>;
/** Results by event object, then by document, then by share key; gone with the event. */
const results = new WeakMap<object, WeakMap<DocumentNode, Map<string, Result>>>();

function sharedResult(event: unknown, args: ExecutionArgs, key: string): Result {
  if (typeof event !== "object" || event === null) return execute({ ...args, rootValue: event });
  const byDocument = getOrSet(results, event, () => new WeakMap<DocumentNode, Map<string, Result>>());
  const byKey = getOrSet(byDocument, args.document, () => new Map<string, Result>());
  return getOrSet(byKey, key, () => execute({ ...args, rootValue: event }));
}

/**
 * Maps each event of `source` to its (shared) result; ending the results ends the source. A class:
 * one object per open subscription, its steps on the prototype rather than closures each.
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

  async next(): Promise<IteratorResult<ExecutionResult>> {
    const r = await this.source.next();
    return r.done ? { done: true, value: undefined } : { done: false, value: await this.#result(r.value) };
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    return { done: true, value: undefined };
  }

  async throw(err?: unknown): Promise<IteratorResult<ExecutionResult>> {
    if (!this.source.throw) throw err;
    const r = await this.source.throw(err);
    return r.done ? { done: true, value: undefined } : { done: false, value: await this.#result(r.value) };
  }

  #result(event: unknown): Result {
    return sharedResult(event, this.args, this.key);
  }
}

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
