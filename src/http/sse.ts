// Subscriptions streamed over HTTP (SSE, `Accept: text/event-stream`) are held like sockets: when
// their token expires, is revoked, or their device is removed, the stream sends one last result with
// an UNAUTHENTICATED error and completes. graphql-ws operations are not wrapped: their socket is
// held and closed instead.
import { isAsyncIterable, type Plugin } from "graphql-yoga";
import type { Context, InitialContext } from "../context.ts";
import { unauthenticated } from "../errors.ts";
import type { Connections } from "../runtime/connections.ts";

type Endable<T> = { stream: AsyncIterableIterator<T>; isOpen(): boolean; end(final: T): void };

/** `source`, which `end` finishes early after one last `final` value; `onDone` runs once at its end. */
export function endable<T>(source: AsyncIterable<T>, onDone: () => void): Endable<T> {
  const it = source[Symbol.asyncIterator]();
  let finish!: (final: T) => void;
  const ended = new Promise<{ final: T }>((resolve) => {
    finish = (final) => resolve({ final });
  });
  let state: "open" | "ending" | "done" = "open";
  const stop = async () => {
    if (state === "done") return;
    state = "done";
    onDone();
    await it.return?.().catch(() => undefined);
  };
  const stream: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => stream,
    async next() {
      if (state === "done") return { done: true, value: undefined };
      const next = await Promise.race([it.next(), ended]);
      if ("final" in next) {
        await stop();
        return { done: false, value: next.final };
      }
      if (next.done) await stop();
      return next;
    },
    async return() {
      await stop();
      return { done: true, value: undefined };
    },
    async throw(err?: unknown) {
      await stop();
      throw err;
    },
  };
  return {
    stream,
    isOpen: () => state === "open",
    end: (final) => {
      if (state !== "open") return;
      state = "ending";
      finish(final);
    },
  };
}

export const trackHttpSubscriptions = (connections: Connections): Plugin<Context & InitialContext> => ({
  onSubscribe: ({ args }) => {
    const ctx = args.contextValue;
    if (ctx.socketViewer !== undefined || !ctx.viewer) return;
    const viewer = ctx.viewer;
    return {
      onSubscribeResult: ({ result, setResult }) => {
        if (!isAsyncIterable(result)) return;
        let release = () => {};
        const live = endable(result, () => release());
        release = connections.hold(
          { isOpen: live.isOpen, end: (reason) => live.end({ errors: [unauthenticated(`stream ended: ${reason}`)] }) },
          viewer,
        );
        setResult(live.stream);
      },
    };
  },
});
