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

/** Answers preflights and adds the CORS headers; replaces yoga's own `cors`, which allows any origin. */
export function cors(origins: readonly string[] | null): Plugin {
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method === "OPTIONS")
        endResponse(new fetchAPI.Response(null, { status: 204, headers: { "content-length": "0" } }));
    },
    onResponse({ request, response }) {
      const origin = request.headers.get("origin");
      if (origin === null) return;
      response.headers.append("vary", "Origin");
      const access = corsAccess(origin, request.headers.get("host"), origins);
      if (access === null) return;
      const h = response.headers;
      h.set("access-control-allow-origin", access === "credentials" ? origin : "*");
      if (access === "credentials") h.set("access-control-allow-credentials", "true");
      if (request.method !== "OPTIONS") return;
      h.set("access-control-allow-methods", "GET, POST");
      const asked = request.headers.get("access-control-request-headers");
      if (asked) h.set("access-control-allow-headers", asked);
      h.set("access-control-max-age", "600");
    },
  };
}
