// The tests' client: typed documents (test/gql) over real HTTP and real graphql-ws.
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import type { TypedDocumentString } from "../gql/graphql.ts";

export type GqlError = { message: string; extensions?: { code?: string; [k: string]: unknown } };
export type Result<T> = { data?: T | null; errors?: GqlError[] };

export class Http {
  constructor(
    readonly url: string,
    readonly token?: string,
    readonly headers: Record<string, string> = {},
  ) {}

  with(token?: string, headers: Record<string, string> = {}): Http {
    return new Http(this.url, token, headers);
  }

  async raw<T, V>(doc: TypedDocumentString<T, V> | string, variables?: V): Promise<Result<T>> {
    const res = await fetch(this.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...this.headers,
      },
      body: JSON.stringify({ query: doc.toString(), variables }),
    });
    return (await res.json()) as Result<T>;
  }

  /** The data, or throws with the errors. */
  async run<T, V>(doc: TypedDocumentString<T, V>, variables?: V): Promise<T> {
    const r = await this.raw(doc, variables);
    if (r.errors?.length || !r.data) throw new Error(`GraphQL errors: ${JSON.stringify(r.errors)}`);
    return r.data;
  }

  /** The error code of a call expected to fail. */
  async code<T, V>(doc: TypedDocumentString<T, V> | string, variables?: V): Promise<string | undefined> {
    const r = await this.raw(doc, variables);
    if (!r.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(r.data)}`);
    return r.errors[0]?.extensions?.code;
  }
}

export function wsClient(httpUrl: string, params: Record<string, unknown>): Client {
  return createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    // A refused connection reaches each subscription's error sink; graphql-ws would also print it.
    onNonLazyError: () => {},
    connectionParams: params,
  });
}

/** A live subscription that records what it receives. */
export class Recorder<T, V = unknown> {
  readonly items: T[] = [];
  readonly errors: unknown[] = [];
  completed = false;
  #dispose: () => void;
  #waiters: (() => void)[] = [];

  constructor(client: Client, doc: TypedDocumentString<T, V>, variables?: V) {
    this.#dispose = client.subscribe<T>(
      { query: doc.toString(), variables: variables as Record<string, unknown> | undefined },
      {
        next: (v) => {
          if (v.errors) this.errors.push(v.errors);
          if (v.data) this.items.push(v.data as T);
          for (const w of this.#waiters.splice(0)) w();
        },
        error: (e) => {
          this.errors.push(e);
          for (const w of this.#waiters.splice(0)) w();
        },
        complete: () => {
          this.completed = true;
          for (const w of this.#waiters.splice(0)) w();
        },
      },
    );
  }

  /** Waits until `n` items have arrived; fails after `ms`. */
  async waitFor(n: number, ms = 5000): Promise<T[]> {
    const deadline = Date.now() + ms;
    while (this.items.length < n) {
      if (this.errors.length) throw new Error(`subscription error: ${JSON.stringify(this.errors)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${n} events, got ${this.items.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.items;
  }

  stop(): void {
    this.#dispose();
  }
}

/**
 * A raw graphql-transport-ws socket signed in with `token` (connection_init acknowledged), and the
 * close code it will end with: for tests of how the server closes sockets. `options` go to ws
 * (`autoPong: false`: a client that leaves the server's pings unanswered).
 */
export async function signedInSocket(httpUrl: string, token: string, options: WebSocket.ClientOptions = {}) {
  const ws = new WebSocket(httpUrl.replace(/^http/, "ws"), "graphql-transport-ws", options);
  const closed = new Promise<number>((r) => ws.once("close", (code) => r(code)));
  await new Promise((r) => ws.once("open", r));
  ws.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
  const ack = await new Promise<string>((r) => ws.once("message", (m) => r(String(m))));
  return { ws, closed, ack: JSON.parse(ack) as { type: string } };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Long enough for a new subscription to go live, or for a stray event to show up. */
export const settle = () => sleep(Number(process.env.XIM_TEST_SETTLE_MS ?? 500));

/**
 * A subscription over HTTP (server-sent events, graphql-yoga's "distinct connections" mode):
 * records each `next` result and whether the server completed the stream.
 */
export class SseRecorder<T = unknown> {
  readonly results: Result<T>[] = [];
  completed = false;
  readonly #abort = new AbortController();
  readonly done: Promise<void>;

  constructor(url: string, headers: Record<string, string>, query: string, variables?: Record<string, unknown>) {
    this.done = this.#run(url, headers, query, variables).catch(() => {});
  }

  /** Resolves once the response headers arrived (the subscription is set up). */
  ready!: Promise<Response>;

  async #run(url: string, headers: Record<string, string>, query: string, variables?: Record<string, unknown>) {
    const res = fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream", ...headers },
      body: JSON.stringify({ query, variables }),
      signal: this.#abort.signal,
    });
    this.ready = res;
    const reader = (await res).body?.getReader();
    if (!reader) return;
    const decoder = new TextDecoder();
    let buffer = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffer += decoder.decode(chunk.value, { stream: true });
      let cut = buffer.indexOf("\n\n");
      while (cut >= 0) {
        this.#event(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        cut = buffer.indexOf("\n\n");
      }
    }
  }

  #event(block: string) {
    const event = /^event: (.*)$/m.exec(block)?.[1];
    const data = /^data: (.*)$/m.exec(block)?.[1];
    if (event === "next" && data) this.results.push(JSON.parse(data) as Result<T>);
    if (event === "complete") this.completed = true;
  }

  /** Waits until `n` results arrived; fails after `ms`. */
  async waitFor(n: number, ms = 5000): Promise<Result<T>[]> {
    const deadline = Date.now() + ms;
    while (this.results.length < n) {
      if (Date.now() > deadline) throw new Error(`expected ${n} results, got ${this.results.length}`);
      await sleep(20);
    }
    return this.results;
  }

  stop(): void {
    this.#abort.abort();
  }
}
