// Hot queries and mutations run compiled by graphql-jit (through @envelop/graphql-jit): variables
// coerced and fields resolved by code generated for the document, instead of graphql-js's generic
// walk of it: ~6 % of a send's CPU (bench:ab, over HTTP and graphql-ws). What a client sees does
// not change: a failed operation's errors are given back as graphql-js gives them (locations,
// and `errors` before `data`).
import { useGraphQlJit } from "@envelop/graphql-jit";
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  Kind,
  type SourceLocation,
} from "graphql";
import { isAsyncIterable, type Plugin } from "graphql-yoga";

/** Uses of a document before its queries and mutations run compiled. */
const COMPILE_AFTER = 3;
const uses = new WeakMap<DocumentNode, number>();
const single = new WeakMap<DocumentNode, boolean>();

/**
 * Whether the document holds one operation, a query or a mutation. The plugin caches a compiled
 * document by the document alone, whatever operation was asked: a document of several operations
 * (the walkthrough's tabs) would run the one it was first compiled for. Subscriptions keep
 * graphql-js, under shared-events.ts.
 */
function singleQueryOrMutation(document: DocumentNode): boolean {
  let ok = single.get(document);
  if (ok === undefined) {
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    ok = operations.length === 1 && operations[0]?.operation !== "subscription";
    single.set(document, ok);
  }
  return ok;
}

/**
 * Whether this execution runs compiled: its document (the parse cache's object, one per distinct
 * query text) has come more than COMPILE_AFTER times. A document sent once is not compiled: a
 * compilation costs more than an execution.
 */
function hot(document: DocumentNode): boolean {
  const n = (uses.get(document) ?? 0) + 1;
  if (n <= COMPILE_AFTER) uses.set(document, n);
  return n > COMPILE_AFTER && singleQueryOrMutation(document);
}

/** The character offset of a line and column in `body`. */
function offsetOf(body: string, { line, column }: SourceLocation): number {
  let at = 0;
  for (let l = 1; l < line && at >= 0; l++) at = body.indexOf("\n", at) + 1;
  return at + column - 1;
}

/** graphql-jit's error as graphql-js makes it: with its locations in the document's source. */
function asGraphqlJs(error: GraphQLError, document: DocumentNode): GraphQLError {
  const source = document.loc?.source;
  return new GraphQLError(error.message, {
    source,
    positions: source && error.locations ? error.locations.map((l) => offsetOf(source.body, l)) : undefined,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

export function compiledExecution(): Plugin {
  const compiled = new WeakSet<ExecutionArgs>();
  const jit = useGraphQlJit({}, { enableIf: (args) => compiled.has(args as ExecutionArgs) });
  return {
    onExecute(payload) {
      if (!hot(payload.args.document)) return;
      compiled.add(payload.args);
      jit.onExecute?.(payload);
      const { document } = payload.args;
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || !result.errors?.length) return;
          const { errors, data, extensions } = result as ExecutionResult;
          setResult({
            errors: errors?.map((e) => asGraphqlJs(e, document)),
            data,
            ...(extensions ? { extensions } : {}),
          });
        },
      };
    },
  };
}
