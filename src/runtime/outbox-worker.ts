// The outbox relay's worker thread (outbox-thread.ts starts it): the relay on a pg pool and a Redis
// client of its own; presence asked of the main thread; log lines sent to it.
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";
import pino from "pino";
import { openCommandClient } from "../redis.ts";
import { OutboxRelay } from "./outbox-relay.ts";
import type { FromRelay, RelayInit, ToRelay } from "./outbox-thread.ts";
import { pgRunner, pgTransact } from "./sql.ts";

/** The relay's statements run a few at a time (a pass's sinks side by side, their marks). */
const RELAY_POOL = 4;

const port = parentPort;
if (!port) throw new Error("outbox-worker.ts runs as a worker thread (outbox-thread.ts)");
const { config, kicked } = workerData as RelayInit;
const events = config.events;
if (!config.databaseUrl || !events) throw new Error("the outbox relay's thread needs DATABASE_URL and an event sink");

const post = (m: FromRelay) => port.postMessage(m);
/** Errors cross as pino prints them (a structured clone keeps an Error's message and stack, not its code). */
const cloneable = (fields: object) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? pino.stdSerializers.err(v) : v]));
const log = { error: (fields: object, message: string) => post({ type: "log", fields: cloneable(fields), message }) };

const asked = new Map<number, (users: Set<number>) => void>();
let nextAsk = 0;
const online = (userIds: number[]) =>
  new Promise<Set<number>>((resolve) => {
    const id = nextAsk++;
    asked.set(id, resolve);
    post({ type: "online", id, userIds });
  });

const pool = new pg.Pool({ connectionString: config.databaseUrl, max: RELAY_POOL });
pool.on("error", (err) => log.error({ err }, "outbox relay: a pooled connection failed"));
const redis = events.stream ? openCommandClient(config) : null;
// Said by the main thread's clients when Redis is away; here the relay's own failures say it.
redis?.on("error", () => {});
const flag = new Int32Array(kicked);
const relay = new OutboxRelay(
  pgRunner(pool, { prepared: config.databasePreparedStatements ?? true }),
  pgTransact(pool),
  events,
  // A pass reads every commit before it: kicks from then on need a message again (one per pass at most).
  { redis, online, log, passing: () => Atomics.store(flag, 0, 0) },
);

port.on("message", (m: ToRelay) => {
  if (m.type === "kick") relay.kick();
  else if (m.type === "online") {
    asked.get(m.id)?.(new Set(m.users));
    asked.delete(m.id);
  } else if (m.type === "stop") void stop();
});

async function stop() {
  await relay.stop();
  for (const resolve of asked.values()) resolve(new Set());
  await pool.end();
  redis?.disconnect();
  post({ type: "stopped" });
  port?.close();
}

relay.start();
