// The outbox relay's worker thread (outbox-thread.ts starts it): the relay on a pg pool and a Redis
// client of its own; presence asked of the main thread; log lines sent to it.
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";
import { openCommandClient } from "../redis.ts";
import { OutboxRelay } from "./outbox-relay.ts";
import { crossing, type FromRelay, type RelayInit, type ToRelay } from "./outbox-thread.ts";
import { pgRunner, pgTransact } from "./sql.ts";

/** The relay's statements run a few at a time (a pass's sinks side by side, their marks). */
const RELAY_POOL = 4;

const port = parentPort;
if (!port) throw new Error("outbox-worker.ts runs as a worker thread (outbox-thread.ts)");
const { config, kicked, holder } = workerData as RelayInit;
const events = config.events;
if (!config.databaseUrl || !events) throw new Error("the outbox relay's thread needs DATABASE_URL and an event sink");

const post = (m: FromRelay) => port.postMessage(m);
const log = {
  error: (fields: object, message: string) => {
    try {
      post({ type: "log", fields: crossing(fields), message });
    } catch {
      post({ type: "log", fields: {}, message }); // a field that cannot be cloned: the line without its fields
    }
  },
};

const asked = new Map<number, (users: Set<number>) => void>();
let nextAsk = 0;
const online = (userIds: number[]) =>
  new Promise<Set<number>>((resolve) => {
    const id = nextAsk++;
    asked.set(id, resolve);
    post({ type: "online", id, userIds });
  });

const prepared = config.databasePreparedStatements ?? true;
const pool = new pg.Pool({ connectionString: config.databaseUrl, max: RELAY_POOL });
// An idle connection that drops (a restart of PostgreSQL) is replaced on the next checkout.
pool.on("error", (err) => log.error({ err }, "outbox relay: an idle database connection failed"));
const sql = pgRunner(pool, { prepared });
const redis = events.stream ? openCommandClient(config) : null;
// Said by the main thread's clients when Redis is away; here the relay's own failures say it.
redis?.on("error", () => {});
const flag = new Int32Array(kicked);
const relay = new OutboxRelay(
  sql,
  pgTransact(pool),
  events,
  // A pass reads every commit before it: kicks from then on need a message again (one per pass at most).
  {
    redis,
    online,
    log,
    holder,
    passing: () => Atomics.store(flag, 0, 0),
    // Unnamed: planned for each run (OutboxRelay's renderSql).
    renderSql: prepared ? pgRunner(pool, { prepared: false }) : sql,
  },
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

// The first pass once Redis takes commands (within a second; else the passes retry as they go).
if (redis && redis.status !== "ready")
  await new Promise((resolve) => {
    redis.once("ready", resolve);
    setTimeout(resolve, 1000).unref();
  });
relay.start();
