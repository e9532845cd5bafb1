// One log line per HTTP GraphQL operation, one when a subscription starts and one when it ends
// (never per delivered event): request id, operation name, root field, user id, duration and
// error code; never variables, tokens or message text. Subscriptions are counted while open, and
// each result they deliver bumps a plain number (Metrics.delivered).
import { randomUUID } from "node:crypto";
import type { DocumentNode, ExecutionResult } from "graphql";
import { isAsyncIterable, type Plugin } from "graphql-yoga";
import {
  type Context,
  type InitialContext,
  OPERATION_DOCUMENT,
  OPERATION_FIELD,
  type OperationNotes,
} from "../context.ts";
import { clientErrorCode } from "../errors.ts";
import { type Log, unredacted } from "../log.ts";
import type { Metrics, Transport } from "../runtime/metrics.ts";
import { operationName, requestId, rootField } from "./operation.ts";

export type Started = { at: number; id: string };
type OnSubscribeHooks = NonNullable<ReturnType<NonNullable<Plugin<Context & InitialContext>["onSubscribe"]>>>;

const elapsed = (at: number) => Math.round((performance.now() - at) * 10) / 10;

const firstCode = (result: ExecutionResult | undefined) => {
  const error = result?.errors?.[0];
  return error ? clientErrorCode(error) : null;
};

/** Request headers as both paths have them: a fetch Request's, or direct-post.ts's view of node's. */
export type RequestLike = { readonly headers: { get(name: string): string | null } };

/**
 * The operations' log lines and counts. Its plugin serves yoga's pipeline; the direct path for
 * plain JSON POSTs (direct-post.ts) calls `begin`, `requestId` and `end` itself, so both log the
 * same line.
 */
export class OperationLog {
  // These lines carry only the fields below: nothing for the redaction to find.
  readonly #log: Log;
  readonly #metrics: Metrics;
  /** Requests on yoga's path (the direct path keeps its own `Started`). */
  readonly #requests = new WeakMap<RequestLike, Started>();

  constructor(logger: Log, metrics: Metrics) {
    this.#log = unredacted(logger);
    this.#metrics = metrics;
  }

  /** When a request arrived, and its id (the client's X-Request-Id when usable). */
  begin(request: RequestLike): Started {
    return { at: performance.now(), id: requestId(request.headers.get("x-request-id")) };
  }

  requestId(request: RequestLike): string | null {
    return this.#requests.get(request)?.id ?? null;
  }

  /** The line of an HTTP operation (query or mutation) once its result is known. */
  end(
    started: Started | undefined,
    context: OperationNotes,
    params: { operationName?: string | null } | undefined,
    result: unknown,
  ) {
    if (!result || isAsyncIterable(result)) return; // a subscription: logged when it starts and ends
    const executed = result as ExecutionResult;
    const code = firstCode(executed);
    const line = {
      reqId: started?.id ?? null,
      op: operationName(context[OPERATION_DOCUMENT], params?.operationName),
      field: context[OPERATION_FIELD] ?? null,
      userId: (context as Partial<Context>).viewer?.userId ?? null,
      ms: started ? elapsed(started.at) : null,
      code,
      ...(executed.errors && executed.errors.length > 1 ? { errors: executed.errors.length } : {}),
    };
    if (code === "INTERNAL_SERVER_ERROR") this.#log.warn(line, "graphql operation failed");
    else this.#log.info(line, "graphql operation");
  }

  plugin(): Plugin<Context & InitialContext> {
    const log = this.#log;
    const metrics = this.#metrics;
    const requests = this.#requests;
    // When each subscription asked (until its result): the hooks below are one object for all of
    // them, so an open subscription keeps no closure of this plugin.
    const started = new WeakMap<object, number>();
    const subscribed: OnSubscribeHooks = {
      onSubscribeResult({ args, result, setResult }) {
        const ctx = args.contextValue;
        const at = started.get(ctx) ?? performance.now();
        started.delete(ctx);
        const transport: Transport = ctx.socketViewer !== undefined ? "ws" : "sse";
        const field = rootField(args.document, args.operationName);
        const line = {
          reqId: (ctx.request && requests.get(ctx.request)?.id) || randomUUID(),
          transport,
          op: operationName(args.document, args.operationName),
          field,
          userId: ctx.viewer?.userId ?? null,
        };
        if (!isAsyncIterable(result)) {
          const code = firstCode(result);
          metrics.subscriptionRefusals.inc({ code: code ?? "none", root_field: field });
          // Over HTTP, the request's line tells it.
          if (transport === "ws") log.info({ ...line, ms: elapsed(at), code }, "subscription refused");
          return;
        }
        metrics.subscriptionsStarted.inc({ transport, root_field: field });
        // By labels each time: a child from labels() is an object of five bound functions.
        metrics.subscriptions.inc({ transport });
        log.info(line, "subscription started");
        setResult(new Tracked(result, metrics, { log, line, at }));
      },
    };
    return {
      onParse: ({ context }) => {
        return ({ result }) => {
          if (result && !(result instanceof Error))
            (context as OperationNotes)[OPERATION_DOCUMENT] = result as DocumentNode;
        };
      },
      onRequest: ({ request }) => void requests.set(request, this.begin(request)),
      onResponse: ({ request, response }) => {
        const id = this.requestId(request);
        if (id) response.headers.set("x-request-id", id);
      },
      onExecute: ({ args }) => {
        (args.contextValue as OperationNotes)[OPERATION_FIELD] = rootField(args.document, args.operationName);
      },
      onExecutionResult: ({ request, context, result }) =>
        this.end(requests.get(request), context as OperationNotes, context.params, result),
      onSubscribe({ args }) {
        started.set(args.contextValue, performance.now());
        return subscribed;
      },
    };
  }
}

/** A subscription's stream, counted per result (a plain increment) and told once when it ends. */
class Tracked<T> implements AsyncIterableIterator<T> {
  #done = false;
  readonly #source: AsyncIterator<T>;
  readonly #seen = (r: IteratorResult<T>) => {
    if (r.done) this.#finish();
    else this.metrics.delivered++;
    return r;
  };
  readonly #failed = (err: unknown) => {
    this.#finish();
    throw err;
  };

  constructor(
    source: AsyncIterable<T>,
    private readonly metrics: Metrics,
    private readonly started: { log: Log; line: { transport: Transport }; at: number },
  ) {
    this.#source = source[Symbol.asyncIterator]();
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    return this.#source.next().then(this.#seen, this.#failed);
  }

  async return(value?: unknown): Promise<IteratorResult<T>> {
    this.#finish();
    return (await this.#source.return?.(value)) ?? { done: true, value: undefined };
  }

  async throw(err?: unknown): Promise<IteratorResult<T>> {
    this.#finish();
    if (this.#source.throw) return this.#source.throw(err);
    throw err;
  }

  #finish() {
    if (this.#done) return;
    this.#done = true;
    const { log, line, at } = this.started;
    this.metrics.subscriptions.dec({ transport: line.transport });
    log.info({ ...line, ms: elapsed(at) }, "subscription ended");
  }
}
