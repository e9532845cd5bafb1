// Envelop plugins of xim: request limits (graphql-armor, body size) and one error-code vocabulary.
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { NoSchemaIntrospectionCustomRule } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";
import { isGraphQLError, normaliseErrorCode } from "../errors.ts";

export const requestLimits = () =>
  EnvelopArmorPlugin({
    maxDepth: { n: 12 },
    maxAliases: { n: 20 },
    maxTokens: { n: 2000 },
    // A full recent-list page with nested owner, last message and peer costs ~14,000 by
    // graphql-armor's measure (depth-weighted): room for a few of those in one request, not dozens.
    costLimit: { maxCost: 50000 },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: true },
  });

/** Refuses `__schema` and `__type` (BAD_USER_INPUT, through errorCodes); `__typename` still answers. */
export const noIntrospection = (): Plugin => ({
  onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
});

type ResultLike = { errors?: readonly unknown[] };

const recodeAll = <E>(errors: readonly E[]): E[] =>
  errors.map((e) => (isGraphQLError(e) ? (normaliseErrorCode(e) as E) : e));

export function recode(result: ResultLike): ResultLike {
  return result.errors?.length ? { ...result, errors: recodeAll(result.errors) } : result;
}

/** Rewrites the codes of errors in every result, over HTTP and WebSocket alike. */
export const errorCodes = (): Plugin => ({
  onValidate:
    () =>
    ({ result, setResult }) => {
      if (result.length) setResult(recodeAll(result));
    },
  onResultProcess: ({ result, setResult }) => {
    if (Array.isArray(result)) setResult(result.map((r) => recode(r as ResultLike)) as typeof result);
    else if (result && typeof result === "object" && "errors" in result)
      setResult(recode(result as ResultLike) as typeof result);
  },
});

const tooLarge = () =>
  createGraphQLError("request body too large", { extensions: { http: { status: 413 }, code: "BAD_USER_INPUT" } });

/**
 * Bounds a body sent without a Content-Length (chunked) as it is read. A body with one is bounded
 * before yoga sees it (server.ts), and Node's parser reads no more than it announces, so the
 * common request is not streamed through a counting transform (yoga's own limit always is).
 */
export const chunkedBodyLimit = (maxBytes: number): Plugin => ({
  onRequestParse: ({ request, requestParser, setRequestParser, fetchAPI }) => {
    if (request.headers.has("content-length") || !request.body || !requestParser) return;
    if (/^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "")) return; // uploads.ts bounds it
    let read = 0;
    const counted = request.body.pipeThrough(
      new fetchAPI.TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          read += chunk.byteLength;
          if (read > maxBytes) controller.error(tooLarge());
          else controller.enqueue(chunk);
        },
      }),
    );
    const limited = new fetchAPI.Request(request.url, {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      body: counted,
      duplex: "half",
    } as RequestInit);
    setRequestParser(() => requestParser(limited));
  },
});
