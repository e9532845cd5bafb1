// Reads the configuration, starts the server, stops cleanly on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from "./config.ts";
import { createLogger, type Log } from "./log.ts";
import { redisAddress } from "./redis.ts";
import { buildApp } from "./server.ts";

const STOP_TIMEOUT_MS = 10_000;

async function main(log: Log) {
  const config = loadConfig(process.env);
  log.level = config.logLevel;
  const app = await buildApp(config, { log });
  const { url } = await app.start();
  const database = config.databaseUrl ? "PostgreSQL" : `embedded database in ${config.dataDir}`;
  let pubsub = "in-process pub/sub";
  const redis = config.redisClusterUrls ? "Redis Cluster sharded pub/sub" : config.redisUrl ? "Redis pub/sub" : null;
  const where = config.redisClusterUrls?.join(",") ?? config.redisUrl ?? "";
  if (redis)
    pubsub = (await app.pubsubReady(3000))
      ? redis
      : `${redis} UNREACHABLE at ${redisAddress(where)}: messages are stored, live delivery across instances waits for it`;
  log.info({ url }, `xim listening on ${url} (${database}, ${pubsub})`);
  log.flush(); // now, not with the next 4 KB of lines: whoever started xim waits for this one
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${signal}: stopping`);
    setTimeout(() => {
      log.error("stop timed out");
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    const started = Date.now();
    await app.stop();
    log.info({ ms: Date.now() - started }, `stopped in ${Date.now() - started} ms`);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

// Before the configuration is read, the logger runs at info; LOG_LEVEL applies once it is.
const log = createLogger("info");
main(log).catch((err: unknown) => {
  const message =
    err instanceof ConfigError
      ? err.message
      : `xim failed to start: ${err instanceof Error ? err.message : String(err)}`;
  // One plain line on stderr, not JSON: what an operator starting xim reads first.
  console.error(message);
  process.exit(1);
});
