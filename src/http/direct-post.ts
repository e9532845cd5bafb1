// The common API request, a query or mutation POSTed as JSON, run on yoga's envelop (its parse
// and validation caches, the schema, every envelop plugin: masking, armor, metrics, auth) without
// yoga's fetch layer: the Request and Response objects and the chain of HTTP hooks around them
// cost more than the operation itself for a small one (bench/RESULTS.md). The answer is the one
// yoga gives, built by yoga's own processRegularResult, with the same headers (request id, CORS,
// gzip). Whatever is not plainly such a request goes to yoga: other methods, paths and media
// types, bodies without a length, bodies or parameters that are not well formed (yoga answers
// those with its own codes and statuses), and subscriptions. test/direct-post.test.ts holds both
// paths to the same answers.
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { type ExecutionResult, type GraphQLError, getOperationAST } from "graphql";
import { processRegularResult, type YogaServerInstance } from "graphql-yoga";
import { type Context, type OperationNotes, RequestContext, type ServerContext, type Services } from "../context.ts";
import type { Metrics } from "../runtime/metrics.ts";
import { gzipsJson } from "./compression.ts";
import { corsHeaders } from "./cors.ts";
import type { OperationLog, RequestLike } from "./observe.ts";
import { prepared } from "./operation.ts";
import { recode } from "./plugins.ts";

type Yoga = YogaServerInstance<ServerContext, Context>;
type Params = { query: string; variables?: Record<string, unknown> | null; operationName?: string | null };

/** yoga's test for a JSON body (case and all), without its tolerance of a list of types. */
const isJsonBody = (type: string | undefined) =>
  type !== undefined && (type === "application/json" || type.startsWith("application/json;")) && !type.includes(",");
const PARAMS = new Set(["query", "variables", "operationName", "extensions"]);

/** Node's request headers behind the one method the context and plugins read. */
class NodeHeaders {
  constructor(private readonly raw: IncomingMessage["headers"]) {}
  get(name: string): string | null {
    const value = this.raw[name];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }
}

class DirectRequest implements RequestLike {
  readonly headers: NodeHeaders;
  /** Read by yoga's check that mutations do not come by GET, and by the CORS headers. */
  readonly method = "POST";
  constructor(req: IncomingMessage) {
    this.headers = new NodeHeaders(req.headers);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The body's parameters when yoga would take them as they are; null sends the request to yoga. */
function paramsOf(body: string): Params | null {
  let params: unknown;
  try {
    params = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isObject(params) || typeof params.query !== "string") return null;
  for (const key in params) if (params[key] != null && !PARAMS.has(key)) return null;
  const { variables, operationName, extensions } = params;
  if (variables != null && !isObject(variables)) return null;
  if (operationName != null && typeof operationName !== "string") return null;
  if (extensions != null && !isObject(extensions)) return null;
  return params as Params;
}

const matches = (processor: string, asked: string) => {
  const [pre, suf] = processor.split("/");
  const [askedPre, askedSuf] = asked.split("/");
  return (askedPre === "*" || askedPre === pre) && (askedSuf === "*" || askedSuf === suf);
};

/**
 * The media type yoga answers a single result with, for an Accept header, when it is one of the
 * two JSON types; null otherwise (an event stream, multipart, or nothing acceptable: yoga's).
 * As yoga does: types in the header's order, parameters other than a utf-8 charset disqualify a
 * type, and the first type that takes either JSON answer decides, application/json first.
 */
export function jsonMediaType(accept: string | undefined): string | null {
  for (const part of (accept || "*/*").replace(/\s/g, "").toLowerCase().split(",")) {
    const [type = "", ...rest] = part.split(";");
    const charset = rest.find((p) => p.includes("charset=")) ?? "charset=utf-8";
    if (charset !== "charset=utf-8") continue;
    if (matches("application/json", type)) return "application/json";
    if (matches("application/graphql-response+json", type)) return "application/graphql-response+json";
    if (matches("text/event-stream", type) || matches("multipart/mixed", type)) return null;
  }
  return null;
}

/** Adds `value` to a header that may hold a list (Vary), after what it has. */
function appendTo(headers: Record<string, string>, name: string, value: string) {
  headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
}

/**
 * Status, headers and body of a single result, as yoga's processRegularResult gives them. A result
 * without errors or extensions (the common answer) is plain JSON with status 200, built here
 * without the fetch Response yoga would make and read back; any other goes through yoga's own.
 */
async function answerOf(executed: ExecutionResult, yoga: Yoga, media: string) {
  const headers: Record<string, string> = { "content-type": `${media}; charset=utf-8` };
  if (!executed.errors?.length && executed.extensions === undefined)
    return { status: 200, headers, body: JSON.stringify(executed) };
  const response = processRegularResult(recode(executed) as ExecutionResult, yoga.fetchAPI, media);
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers, body: await response.text() };
}

export type DirectPost = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Takes a request it can answer as yoga would (true), or leaves it untouched (false). `yoga` gets
 * a request it gave up on after reading its body as `req.body`, which yoga's node adapter reads.
 */
export function directPost(
  yoga: Yoga,
  services: Services,
  operations: OperationLog,
  metrics: Metrics,
  mask: (err: unknown) => GraphQLError,
  corsOrigins: readonly string[] | null,
): DirectPost {
  const toYoga = (req: IncomingMessage, res: ServerResponse, body: string) => {
    (req as IncomingMessage & { body?: string }).body = body;
    void yoga.handle(req, res);
  };

  async function run(req: IncomingMessage, res: ServerResponse, body: string, media: string) {
    const params = paramsOf(body);
    if (!params) return toYoga(req, res, body);
    const request = new DirectRequest(req);
    const started = operations.begin(request);
    const initial = new RequestContext(services, req, res, request, params) as unknown as Parameters<
      Yoga["getEnveloped"]
    >[0];
    const enveloped = yoga.getEnveloped(initial);
    // yoga's steps in yoga's order (process-request.js), its answers to each failure: a document
    // that does not parse and a context that cannot be built (a bad token) as masked errors,
    // validation errors as they are.
    let executed: ExecutionResult;
    try {
      const { document, errors: invalid } = prepared(
        yoga,
        enveloped,
        initial as OperationNotes,
        params.query,
        params.operationName,
      );
      if (invalid.length) executed = { errors: invalid };
      else {
        // A subscription is yoga's (an event stream, or its refusal): parse and validation are cached.
        if (getOperationAST(document, params.operationName)?.operation === "subscription")
          return toYoga(req, res, body);
        const contextValue = await enveloped.contextFactory();
        executed = (await enveloped.execute({
          schema: enveloped.schema,
          document,
          contextValue,
          variableValues: params.variables,
          operationName: params.operationName,
        })) as ExecutionResult;
      }
    } catch (err) {
      executed = { errors: [mask(err)] }; // as yoga's handleError answers a throw
    }
    operations.end(started, initial as OperationNotes, params, executed);
    metrics.direct++;
    const { status, headers, body: answer } = await answerOf(executed, yoga, media);
    let out: string | Buffer = answer;
    headers["x-request-id"] = started.id;
    for (const [name, value] of corsHeaders(request.method, request.headers, corsOrigins))
      if (name === "vary") appendTo(headers, name, value);
      else headers[name] = value;
    if (gzipsJson(request, Buffer.byteLength(out))) {
      out = gzipSync(out);
      headers["content-encoding"] = "gzip";
      appendTo(headers, "vary", "accept-encoding");
    }
    headers["content-length"] = String(Buffer.byteLength(out));
    res.writeHead(status, headers).end(out);
  }

  return (req, res) => {
    if (req.method !== "POST" || req.url !== "/graphql") return false;
    const length = req.headers["content-length"];
    if (!isJsonBody(req.headers["content-type"]) || length === undefined || length === "0") return false;
    const media = jsonMediaType(req.headers.accept);
    if (!media) return false;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body =
        chunks.length === 1 ? (chunks[0] as Buffer).toString("utf8") : Buffer.concat(chunks).toString("utf8");
      run(req, res, body, media).catch((err) => {
        mask(err); // logged
        res.destroy();
      });
    });
    return true;
  };
}
