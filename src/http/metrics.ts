// /metrics (Prometheus text format, optionally behind a bearer token) and the GraphQL operation
// metrics, labelled by operation type and root field: never
// by the operation name a client chooses, so the label set stays bounded.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type DocumentNode, getOperationAST } from "graphql";
import { isAsyncIterable, type Plugin } from "graphql-yoga";
import { OPERATION_DOCUMENT, type OperationNotes } from "../context.ts";
import { clientErrorCode } from "../errors.ts";
import type { Metrics } from "../runtime/metrics.ts";
import { rootField } from "./operation.ts";

type Params = { params?: { operationName?: string | null } } & OperationNotes;

/**
 * The GraphQL operation metrics (the names and labels of @graphql-yoga/plugin-prometheus, which
 * this replaces: its per-request label plumbing cost ~14 µs of CPU per request): queries and
 * mutations counted and timed by root field, errors by phase, client code and root field.
 * Subscriptions are counted by observe.ts (its hooks would wrap every subscription's stream).
 */
export function graphqlMetrics(metrics: Metrics): Plugin<Params> {
  const failed = (phase: string, code: string, field: string) =>
    metrics.operationErrors.inc({ phase, code, root_field: field });
  return {
    onPluginInit({ registerContextErrorHandler }) {
      registerContextErrorHandler(({ context, error }) => {
        const ctx = context as Params;
        failed("context", clientErrorCode(error), rootField(ctx[OPERATION_DOCUMENT], ctx.params?.operationName));
      });
    },
    onParse({ context }) {
      return ({ result }) => {
        // Before validation the document may name fields the schema has not: no root field then.
        if (result instanceof Error || !result) failed("parse", "BAD_USER_INPUT", "none");
        else (context as OperationNotes)[OPERATION_DOCUMENT] = result as DocumentNode;
      };
    },
    onValidate() {
      return ({ valid }) => {
        if (!valid) failed("validate", "BAD_USER_INPUT", "none");
      };
    },
    onExecute({ args }) {
      const at = performance.now();
      return {
        onExecuteDone({ result }) {
          if (isAsyncIterable(result)) return;
          const type = getOperationAST(args.document, args.operationName)?.operation ?? "unknown";
          const field = rootField(args.document, args.operationName);
          metrics.executed(type, field, (performance.now() - at) / 1000);
          for (const error of result.errors ?? []) failed("execute", clientErrorCode(error), field);
        },
      };
    },
  };
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** GET /metrics; with `token`, only for `Authorization: Bearer <token>` (401 otherwise). */
export function serveMetrics(metrics: Metrics, token: string | null, req: IncomingMessage, res: ServerResponse) {
  if (token && !sameSecret(req.headers.authorization ?? "", `Bearer ${token}`)) {
    res.writeHead(401, { "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"' });
    return void res.end("unauthorized\n");
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" });
    return void res.end("method not allowed\n");
  }
  void metrics.registry.metrics().then(
    (body) => {
      res.writeHead(200, { "content-type": metrics.registry.contentType });
      res.end(req.method === "HEAD" ? undefined : body);
    },
    () => {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end("metrics failed\n");
    },
  );
}
