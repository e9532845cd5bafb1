// buildApp(): the HTTP server with yoga at /graphql, graphql-ws on the same port and path, /health.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { createYoga } from "graphql-yoga";
import type { Config } from "./config.ts";
import { createContextFactory, type Services } from "./context.ts";
import { openDb } from "./db.ts";
import { maskError } from "./errors.ts";
import { Tokens } from "./im/auth.ts";
import { LastSeen } from "./im/devices.ts";
import { PasswordHasher } from "./im/hashing.ts";
import { Limiter, memoryCounter, redisCounter } from "./im/limits.ts";
import { memoryPresenceStore, Presence, redisPresenceStore } from "./im/presence.ts";
import { Sessions } from "./im/sessions.ts";
import { SharedReads } from "./im/shared-reads.ts";
import { chunkedBodyLimit, errorCodes, limits } from "./plugins.ts";
import { createXimPubSub } from "./pubsub.ts";
import { openRedis } from "./redis.ts";
import { schema } from "./schema/index.ts";
import { resolveJwtSecret } from "./secret.ts";
import { attachWebSocket } from "./ws.ts";

export const MAX_BODY_BYTES = 1024 * 1024;

export type App = {
  services: Services;
  start(port?: number, host?: string): Promise<{ port: number; url: string }>;
  stop(): Promise<void>;
};

export type Logger = { error(...args: unknown[]): void; info(...args: unknown[]): void };

export type BuildOptions = { log?: Logger; onSql?: (sql: string) => void };

export async function buildApp(config: Config, { log = console, onSql }: BuildOptions = {}): Promise<App> {
  const db = await openDb(config, onSql);
  const redis = config.redisUrl ? openRedis(config.redisUrl, config.redisPrefix) : undefined;
  const ttlMs = config.presenceTtlSeconds * 1000;
  const pubsub = createXimPubSub(redis, (err) => log.error("publish failed:", err));
  const services: Services = {
    config,
    prisma: db.prisma,
    pubsub,
    sessions: new Sessions(db.prisma, pubsub),
    tokens: new Tokens(await resolveJwtSecret(config), config.tokenTtlSeconds),
    presence: new Presence(
      redis ? redisPresenceStore(redis.pub, redis.prefix, ttlMs) : memoryPresenceStore(),
      randomUUID(),
      ttlMs,
    ),
    limiter: new Limiter(
      redis
        ? redisCounter(redis.pub, redis.prefix, { maxKeys: config.rateLimitMaxKeys })
        : memoryCounter({ maxKeys: config.rateLimitMaxKeys }),
    ),
    hasher: new PasswordHasher(config.passwordHashConcurrency, config.passwordHashQueue),
    deliveries: new SharedReads(),
    lastSeen: new LastSeen(db.prisma),
  };

  const yoga = createYoga({
    schema,
    context: createContextFactory(services),
    graphqlEndpoint: "/graphql",
    landingPage: false,
    // Bodies are bounded by the check below and, when sent chunked, by chunkedBodyLimit.
    maxRequestBodySize: false,
    // GraphiQL's assets come from the package, not a CDN: it works on an air-gapped server too.
    renderGraphiQL,
    logging: false,
    maskedErrors: { maskError: (error) => maskError(error, (err) => log.error("request failed:", err)) },
    plugins: [limits(), chunkedBodyLimit(MAX_BODY_BYTES), errorCodes()],
  });

  async function health(res: ServerResponse) {
    const database = await db.prisma.$queryRaw`SELECT 1`.then(
      () => "up",
      () => "down",
    );
    const pubsub = redis
      ? redis.pub.status === "ready" && redis.sub.status === "ready"
        ? "up"
        : "down"
      : "in-process";
    const status = database === "down" ? "down" : pubsub === "down" ? "degraded" : "ok";
    res.writeHead(status === "down" ? 503 : 200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status, database, pubsub, backend: db.kind }));
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "/health") return void health(res);
    if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
      res.writeHead(413, { "content-type": "application/json" });
      return void res.end(
        JSON.stringify({ errors: [{ message: "request body too large", extensions: { code: "BAD_USER_INPUT" } }] }),
      );
    }
    return void yoga.handle(req, res);
  });
  const ws = attachWebSocket(server, yoga, services);

  return {
    services,
    start: (port = config.port, host = config.host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const { port: actual } = server.address() as AddressInfo;
          resolve({ port: actual, url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${actual}/graphql` });
        });
      }),
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await ws.close();
      server.closeIdleConnections();
      await closed;
      await services.presence.close();
      services.sessions.close();
      await yoga.dispose();
      await redis?.close();
      await db.close();
    },
  };
}
