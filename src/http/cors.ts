// CORS: which browser origins may call the API. By default the server's own origin and localhost
// (any port); CORS_ORIGINS names the origins instead, and `*` in it lets any other origin call
// without credentials. A disallowed origin gets no CORS header at all, so its browser blocks it.
import type { Plugin } from "graphql-yoga";

export type CorsAccess = "credentials" | "anonymous" | null;

const LOCAL = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** What a request from `origin` to `host` may do; `origins` null is the default policy. */
export function corsAccess(origin: string, host: string | null, origins: readonly string[] | null): CorsAccess {
  if (origins === null) return LOCAL.test(origin) || sameHost(origin, host) ? "credentials" : null;
  if (origins.includes(origin)) return "credentials";
  return origins.includes("*") ? "anonymous" : null;
}

function sameHost(origin: string, host: string | null): boolean {
  return host !== null && URL.canParse(origin) && new URL(origin).host === host.toLowerCase();
}

type Headers = { get(name: string): string | null };

/**
 * The CORS headers of an answer to `request` (none without an Origin), in the order they are set.
 * `vary` is appended to what the answer has; the others replace theirs.
 */
export function corsHeaders(method: string, request: Headers, origins: readonly string[] | null): [string, string][] {
  const origin = request.get("origin");
  if (origin === null) return [];
  const out: [string, string][] = [["vary", "Origin"]];
  const access = corsAccess(origin, request.get("host"), origins);
  if (access === null) return out;
  out.push(["access-control-allow-origin", access === "credentials" ? origin : "*"]);
  if (access === "credentials") out.push(["access-control-allow-credentials", "true"]);
  if (method !== "OPTIONS") return out;
  out.push(["access-control-allow-methods", "GET, POST"]);
  const asked = request.get("access-control-request-headers");
  if (asked) out.push(["access-control-allow-headers", asked]);
  out.push(["access-control-max-age", "600"]);
  return out;
}

/** Answers preflights and adds the CORS headers; replaces yoga's own `cors`, which allows any origin. */
export function cors(origins: readonly string[] | null): Plugin {
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method === "OPTIONS")
        endResponse(new fetchAPI.Response(null, { status: 204, headers: { "content-length": "0" } }));
    },
    onResponse({ request, response }) {
      for (const [name, value] of corsHeaders(request.method, request.headers, origins))
        if (name === "vary") response.headers.append(name, value);
        else response.headers.set(name, value);
    },
  };
}
