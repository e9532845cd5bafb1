// The live connections an instance holds, by user: graphql-ws sockets, and subscriptions streamed
// over HTTP (SSE). Each is ended when its token expires, when its user signs out everywhere, or
// when its device is removed, whichever instance that happened on. One sweep timer and one
// revocation listener per instance, not one per connection.
import type { Viewer } from "../context.ts";
import type { PubSub } from "../pubsub.ts";

/** A socket or a stream: whether it is still open, and how to end it (with the reason). */
export type Live = { isOpen(): boolean; end(reason: string): void };

type Held = { live: Live; viewer: Viewer };

export class Connections {
  readonly #byUser = new Map<number, Set<Held>>();
  readonly #sweep: NodeJS.Timeout;
  readonly #off: () => void;

  constructor(pubsub: PubSub, sweepMs = 1000) {
    this.#sweep = setInterval(() => this.#endExpired(), sweepMs).unref();
    this.#off = pubsub.listenAll("revocations", (r) => {
      for (const held of this.#byUser.get(r.userId) ?? []) {
        if (r.kind === "signedOut" && held.viewer.tokenVersion <= r.version) held.live.end("signed out");
        if (r.kind === "deviceRemoved" && held.viewer.deviceId === r.deviceId) held.live.end("device removed");
      }
    });
  }

  /** Holds a connection until `release` (its close); returns the release. */
  hold(live: Live, viewer: Viewer): () => void {
    const held = { live, viewer };
    const set = this.#byUser.get(viewer.userId) ?? new Set();
    this.#byUser.set(viewer.userId, set.add(held));
    return () => {
      set.delete(held);
      if (set.size === 0 && this.#byUser.get(viewer.userId) === set) this.#byUser.delete(viewer.userId);
    };
  }

  /** How many connections are held (all users). */
  get size(): number {
    let n = 0;
    for (const set of this.#byUser.values()) n += set.size;
    return n;
  }

  close() {
    clearInterval(this.#sweep);
    this.#off();
  }

  /** Ends the connections whose token expired; forgets any that closed without being released. */
  #endExpired() {
    const now = Date.now();
    for (const [userId, set] of this.#byUser) {
      for (const held of set) {
        if (!held.live.isOpen()) set.delete(held);
        else if (held.viewer.expiresAt <= now) held.live.end("token expired");
      }
      if (set.size === 0) this.#byUser.delete(userId);
    }
  }
}
