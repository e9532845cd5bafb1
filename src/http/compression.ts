// Responses that benefit are sent compressed when the client accepts it: GraphiQL's page (~9 MB of
// HTML, compressed once and kept) and JSON answers over 8 KB. Small answers, event streams and
// request bodies are left alone: compressing those costs more than it saves, and inflating request
// bodies would let a small body grow past the body limit.
import { gzipSync } from "node:zlib";
import type { Plugin } from "graphql-yoga";

const MIN_JSON_BYTES = 8 * 1024;

/** A fetch Request, or direct-post.ts's view of node's. */
type Asking = { headers: { get(name: string): string | null } };

const acceptsGzip = (request: Asking) => /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "");

/** A JSON answer of `bytes` to `request`: whether it goes gzipped. */
export const gzipsJson = (request: Asking, bytes: number) => bytes >= MIN_JSON_BYTES && acceptsGzip(request);

/** The body's size when known without reading it (yoga's fetch ponyfill knows it for a string body). */
const lengthOf = (response: Response) =>
  (response as { contentLength?: number | null }).contentLength ?? Number(response.headers.get("content-length") ?? 0);

export function compression(): Plugin {
  let page: { html: string; gzipped: Buffer } | null = null;
  return {
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (!response.body || response.headers.has("content-encoding")) return;
      const type = response.headers.get("content-type") ?? "";
      const html = type.startsWith("text/html");
      if (html ? !acceptsGzip(request) : !(/json/.test(type) && gzipsJson(request, lengthOf(response)))) return;
      let gzipped: Buffer;
      if (html) {
        const text = await response.text();
        if (page?.html !== text) page = { html: text, gzipped: gzipSync(text, { level: 9 }) };
        gzipped = page.gzipped;
      } else gzipped = gzipSync(Buffer.from(await response.arrayBuffer()));
      const headers = new fetchAPI.Headers(response.headers);
      headers.set("content-encoding", "gzip");
      headers.set("content-length", String(gzipped.byteLength));
      headers.append("vary", "accept-encoding");
      setResponse(new fetchAPI.Response(gzipped as unknown as BodyInit, { status: response.status, headers }));
    },
  };
}
