// The graphql-ws sockets an instance holds, by user: closed (4403) when their token expires, when
// their user signs out everywhere, or when their device is removed, whichever instance that
// happened on. One sweep timer and one revocation listener per instance, not one per socket.
import { CloseCode } from "graphql-ws";
import type { Viewer } from "./context.ts";
import type { PubSub } from "./pubsub.ts";

type Closable = { readonly readyState: number; close(code: number, reason: string): void };

const OPEN = 1;
type Held = { socket: Closable; viewer: Viewer };

export class Sockets {
  readonly #byUser = new Map<number, Set<Held>>();
  readonly #sweep: NodeJS.Timeout;
  readonly #off: () => void;

  constructor(pubsub: PubSub, sweepMs = 1000) {
    this.#sweep = setInterval(() => this.#closeExpired(), sweepMs).unref();
    this.#off = pubsub.listenAll("revocations", (r) => {
      for (const held of this.#byUser.get(r.userId) ?? []) {
        if (r.kind === "signedOut" && held.viewer.tokenVersion <= r.version) this.#close(held, "signed out");
        if (r.kind === "deviceRemoved" && held.viewer.deviceId === r.deviceId) this.#close(held, "device removed");
      }
    });
  }

  /** Holds a socket until `release` (its close); returns the release. */
  hold(socket: Closable, viewer: Viewer): () => void {
    const held = { socket, viewer };
    const set = this.#byUser.get(viewer.userId) ?? new Set();
    this.#byUser.set(viewer.userId, set.add(held));
    return () => {
      set.delete(held);
      if (set.size === 0 && this.#byUser.get(viewer.userId) === set) this.#byUser.delete(viewer.userId);
    };
  }

  close() {
    clearInterval(this.#sweep);
    this.#off();
  }

  /** Closes the sockets whose token expired; forgets any that closed without being released. */
  #closeExpired() {
    const now = Date.now();
    for (const [userId, set] of this.#byUser) {
      for (const held of set) {
        if (held.socket.readyState > OPEN) set.delete(held);
        else if (held.viewer.expiresAt <= now) this.#close(held, "token expired");
      }
      if (set.size === 0) this.#byUser.delete(userId);
    }
  }

  #close(held: Held, reason: string) {
    held.socket.close(CloseCode.Forbidden, reason);
  }
}
