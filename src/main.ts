// Reads the configuration, starts the server, stops cleanly on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from "./config.ts";
import { redisAddress } from "./redis.ts";
import { buildApp } from "./server.ts";

const STOP_TIMEOUT_MS = 10_000;

async function main() {
  const config = loadConfig(process.env);
  const app = await buildApp(config);
  const { url } = await app.start();
  const database = config.databaseUrl ? "PostgreSQL" : `embedded database in ${config.dataDir}`;
  let pubsub = "in-process pub/sub";
  const redis = config.redisClusterUrls ? "Redis Cluster sharded pub/sub" : config.redisUrl ? "Redis pub/sub" : null;
  const where = config.redisClusterUrls?.join(",") ?? config.redisUrl ?? "";
  if (redis)
    pubsub = (await app.pubsubReady(3000))
      ? redis
      : `${redis} UNREACHABLE at ${redisAddress(where)}: messages are stored, live delivery across instances waits for it`;
  console.log(`xim listening on ${url} (${database}, ${pubsub})`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping`);
    setTimeout(() => {
      console.error("stop timed out");
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    const started = Date.now();
    await app.stop();
    console.log(`stopped in ${Date.now() - started} ms`);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err: unknown) => {
  const message =
    err instanceof ConfigError
      ? err.message
      : `xim failed to start: ${err instanceof Error ? err.message : String(err)}`;
  console.error(message);
  process.exit(1);
});
