// /metrics (Prometheus text format, optionally behind a bearer token) and the GraphQL operation
// metrics of @graphql-yoga/plugin-prometheus, labelled by operation type and root field: never
// by the operation name a client chooses, so the label set stays bounded.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  createCounter,
  createHistogram,
  type FillLabelsFnParams,
  usePrometheus,
} from "@graphql-yoga/plugin-prometheus";
import { clientErrorCode } from "../errors.ts";
import type { Metrics } from "../runtime/metrics.ts";
import { rootField } from "./operation.ts";

type RawContext = { params?: { operationName?: string | null } } | undefined;

const fieldLabel = (params: FillLabelsFnParams, context: RawContext) =>
  rootField(params.document, context?.params?.operationName);

export function graphqlMetrics(metrics: Metrics) {
  const registry = metrics.registry;
  const operationLabels = (params: FillLabelsFnParams, context: RawContext) => ({
    operation_type: params.operationType ?? "unknown",
    root_field: fieldLabel(params, context),
  });
  return usePrometheus({
    registry,
    endpoint: false, // served by serveMetrics, with the token check
    metrics: {
      graphql_envelop_request: createCounter({
        registry,
        counter: {
          name: "graphql_envelop_request",
          help: "GraphQL queries and mutations executed, by root field",
          labelNames: ["operation_type", "root_field"],
        },
        fillLabelsFn: operationLabels,
        // Not subscribe: its hooks would wrap every subscription's stream (see observe.ts).
        phases: ["execute"],
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: "graphql_envelop_request_duration",
          help: "How long GraphQL queries and mutations took to execute, by root field (seconds)",
          labelNames: ["operation_type", "root_field"],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        },
        fillLabelsFn: operationLabels,
        phases: ["execute"],
      }),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: "graphql_envelop_error_result",
          help: "GraphQL errors by phase, client error code and root field",
          labelNames: ["phase", "code", "root_field"],
        },
        fillLabelsFn: (params: FillLabelsFnParams & { errorPhase?: string }, context: RawContext) => {
          // Before validation the document may name fields the schema has not: no root field then.
          const early = params.errorPhase === "parse" || params.errorPhase === "validate";
          return {
            phase: params.errorPhase ?? "execute",
            code: early ? "BAD_USER_INPUT" : clientErrorCode(params.error),
            root_field: early ? "none" : fieldLabel(params, context),
          };
        },
        phases: ["parse", "validate", "context", "execute"],
      }),
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
      graphql_yoga_http_duration: false, // xim_http_request_duration_seconds, by route (server.ts)
    },
  });
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
