// The outbox relay in a worker thread of its own (PostgreSQL): its passes, renders, XADDs and
// webhook deliveries run beside the event loop that answers sends, not on it (bench/RESULTS.md, stop
// 31). The worker opens its own pg pool (RELAY_POOL connections) and Redis client; what only this
// thread knows, it asks for: who is online (User.online, the presence this instance keeps). Its log
// lines come here. A worker that dies is started again after a second (backing off while it keeps
// dying); it takes its predecessor's leases (the same holder), so it goes on where that one stopped.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Config } from "../config.ts";
import type { Log, Outbox } from "./outbox-relay.ts";
import type { OnlineUsers } from "./outbox-render.ts";

/** What the worker is started with (structured-cloned): the settings it reads, and the kick flag. */
export type RelayInit = {
  config: Pick<Config, "databaseUrl" | "databasePreparedStatements" | "redisUrl" | "redisClusterUrls" | "events">;
  /**
   * Int32 [0]: 1 from a kick's message until the relay's next pass begins (the kicks in between
   * need no message of their own: that pass reads their commits).
   */
  kicked: SharedArrayBuffer;
  /** Whose leases the relay takes: the same for every thread this instance starts, so a restarted one keeps them. */
  holder: string;
};

const ERROR = "__error";
/** A log line's fields as they can cross to the main thread: an Error as its name, message, stack and code. */
export function crossing(fields: object): object {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) =>
      v instanceof Error
        ? [k, { [ERROR]: true, name: v.name, message: v.message, stack: v.stack, code: (v as { code?: unknown }).code }]
        : [k, v],
    ),
  );
}

/** The fields back, each Error an Error again (pino prints it as it would have in the worker). */
function arrived(fields: object): object {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => {
      if (typeof v !== "object" || v === null || !(ERROR in v)) return [k, v];
      const { name, message, stack, code } = v as { name: string; message: string; stack?: string; code?: unknown };
      return [k, Object.assign(new Error(message), { name, stack }, code === undefined ? {} : { code })];
    }),
  );
}

/** Main thread to worker. */
export type ToRelay = { type: "kick" } | { type: "online"; id: number; users: number[] } | { type: "stop" };
/** Worker to main thread. */
export type FromRelay =
  | { type: "online"; id: number; userIds: number[] }
  | { type: "log"; fields: object; message: string }
  | { type: "stopped" };

/** A thread that died is started again after 1 s, then 2 s, 4 s… at most a minute apart while it keeps dying. */
const RESTART_MS = 1000;
const RESTART_MAX_MS = 60_000;
/** A relay that has not stopped within this (a pass stuck on a statement) is cut off. */
const STOP_MS = 10_000;

/**
 * The worker's entry: the bundle's sibling (dist/outbox-worker.js, `npm run build`), or from the
 * sources (tests, tsx) this folder's outbox-worker.ts, loaded through tsx (ts-worker.mjs).
 */
function workerOf(init: RelayInit): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) {
    const entry = new URL("./outbox-worker.js", here);
    if (!existsSync(fileURLToPath(entry)))
      throw new Error(`${fileURLToPath(entry)} is missing: deploy dist/ whole (npm run build writes both bundles)`);
    return new Worker(entry, { workerData: init });
  }
  const entry = new URL("./outbox-worker.ts", here).href;
  return new Worker(new URL("./ts-worker.mjs", here), { workerData: { ...init, entry } });
}

export class OutboxThread implements Outbox {
  #worker: Worker | null = null;
  readonly #kicked = new Int32Array(new SharedArrayBuffer(4));
  #stopping: Promise<void> | null = null;
  #restart: NodeJS.Timeout | null = null;
  #restartMs = RESTART_MS;
  readonly #holder = randomUUID();

  readonly #config: RelayInit["config"];

  constructor(
    { databaseUrl, databasePreparedStatements, redisUrl, redisClusterUrls, events }: RelayInit["config"],
    private readonly deps: { online: OnlineUsers; log: Log },
  ) {
    this.#config = { databaseUrl, databasePreparedStatements, redisUrl, redisClusterUrls, events };
  }

  start(): void {
    if (this.#stopping) return;
    Atomics.store(this.#kicked, 0, 0);
    const init = { config: this.#config, kicked: this.#kicked.buffer as SharedArrayBuffer, holder: this.#holder };
    const worker = workerOf(init);
    const started = Date.now();
    worker.on("message", (m: FromRelay) => this.#heard(worker, m));
    worker.on("error", (err) => this.deps.log.error({ err }, "outbox relay thread failed (restarting)"));
    worker.on("exit", () => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      if (this.#stopping) return;
      // A thread that ran for a while starts again after RESTART_MS; one that keeps dying, less and less often.
      const delay = Date.now() - started > RESTART_MAX_MS ? RESTART_MS : this.#restartMs;
      this.#restartMs = Math.min(delay * 2, RESTART_MAX_MS);
      this.#restart = setTimeout(() => this.start(), delay).unref();
    });
    this.#worker = worker;
  }

  /** Coalesced: a message for the first kick since the relay's last pass began. */
  kick(): void {
    if (Atomics.exchange(this.#kicked, 0, 1) === 0) this.#post({ type: "kick" });
  }

  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop() {
    if (this.#restart) clearTimeout(this.#restart);
    const worker = this.#worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    const stopped = new Promise<void>((resolve) =>
      worker.on("message", (m: FromRelay) => m.type === "stopped" && resolve()),
    );
    worker.postMessage({ type: "stop" } satisfies ToRelay);
    // The relay ends its pass in flight and closes its connections; then the thread goes.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STOP_MS).unref();
    });
    await Promise.race([stopped, exited, late]);
    clearTimeout(timer);
    await worker.terminate();
    await exited;
  }

  #post(m: ToRelay) {
    this.#worker?.postMessage(m);
  }

  #heard(worker: Worker, m: FromRelay) {
    if (m.type === "log") this.deps.log.error(arrived(m.fields), m.message);
    else if (m.type === "online")
      void this.deps.online(m.userIds).then(
        (users) => worker.postMessage({ type: "online", id: m.id, users: [...users] } satisfies ToRelay),
        () => worker.postMessage({ type: "online", id: m.id, users: [] } satisfies ToRelay),
      );
  }
}
