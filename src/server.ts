// buildApp(): the HTTP server with yoga at /graphql, graphql-ws on the same port and path, /health,
// and the web client at /.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { useEngine } from "@envelop/core";
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import { execute, GraphQLError, subscribe } from "graphql";
import { createYoga } from "graphql-yoga";

import type { Config } from "./config.ts";
import { createContextFactory, type Services } from "./context.ts";
import { openDb } from "./db.ts";
import { maxUploadBytes } from "./domain/attachments.ts";
import { LastSeen } from "./domain/devices.ts";
import { claimsProfile, hostUserId } from "./domain/host-users.ts";
import { announcePresence } from "./domain/presence.ts";
import { ReceiptScope } from "./domain/receipts.ts";
import { maskError } from "./errors.ts";
import { compression } from "./http/compression.ts";
import { cors } from "./http/cors.ts";
import { directPost } from "./http/direct-post.ts";
import { oneExecuteStep } from "./http/execute-step.ts";
import { FILES_PREFIX, serveFile } from "./http/files.ts";
import { graphqlMetrics, serveMetrics } from "./http/metrics.ts";
import { OperationLog } from "./http/observe.ts";
import { chunkedBodyLimit, errorCodes, noIntrospection, requestLimits } from "./http/plugins.ts";
import { sharedSubscriptionEvents } from "./http/shared-events.ts";
import { trackHttpSubscriptions } from "./http/sse.ts";
import { multipartUploads } from "./http/uploads.ts";
import { WALKTHROUGH_TABS } from "./http/walkthrough.ts";
import { isWebRequest, webClient } from "./http/web.ts";
import { attachWebSocket } from "./http/ws.ts";
import { createLogger, type Log } from "./log.ts";
import { createXimPubSub } from "./pubsub.ts";
import { openRedisFor } from "./redis.ts";
import { Connections } from "./runtime/connections.ts";
import { HostProfiles } from "./runtime/host-profiles.ts";
import { HostSessions } from "./runtime/host-sessions.ts";
import { HostTokens } from "./runtime/host-tokens.ts";
import { Metrics, routeOf } from "./runtime/metrics.ts";
import { OutboxRelay } from "./runtime/outbox-relay.ts";
import { OutboxThread } from "./runtime/outbox-thread.ts";
import { PasswordHasher } from "./runtime/password-hasher.ts";
import { Tokens } from "./runtime/passwords.ts";
import { memoryPresenceStore, Presence, redisPresenceStore } from "./runtime/presence.ts";
import { Limiter, memoryCounter, redisCounter } from "./runtime/rate-limits.ts";
import { ReadCache } from "./runtime/read-cache.ts";
import { Revocations } from "./runtime/revocation.ts";
import { prismaTransact } from "./runtime/sql.ts";
import { openStorage } from "./runtime/storage/index.ts";
import { startUploadSweep } from "./runtime/upload-sweep.ts";
import { UserPresence } from "./runtime/user-presence.ts";
import { memoryUserPresenceStore, redisUserPresenceStore } from "./runtime/user-presence-stores.ts";
import { releaseScopeCache } from "./schema/auth.ts";
import { schema } from "./schema/index.ts";
import { resolveJwtSecret } from "./secret.ts";

export const MAX_BODY_BYTES = 1024 * 1024;

/** What /health answers: 503 when `status` is "down" (database away, or behind the code's migrations). */
export type Health = {
  status: "ok" | "degraded" | "down";
  database: "up" | "down";
  schema: "current" | "behind" | "unknown";
  pubsub: "up" | "down" | "in-process";
  backend: "postgres" | "embedded";
};

export type App = {
  services: Services;
  health(): Promise<Health>;
  /** With Redis: whether it is connected within `ms` (true without Redis). */
  pubsubReady(ms: number): Promise<boolean>;
  start(port?: number, host?: string): Promise<{ port: number; url: string }>;
  stop(): Promise<void>;
};

/** `log`: pino (tests pass a silent or capturing one); by default, stdout at LOG_LEVEL. */
export type BuildOptions = { log?: Log; onSql?: (sql: string) => void };

const METHODS = new Set(["GET", "POST", "HEAD", "OPTIONS"]);

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const { onSql } = options;
  const log = options.log ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  const db = await openDb(config, onSql);
  if (db.pool) metrics.watchPool(db.pool);
  const redis = openRedisFor(config, log);
  const ttlMs = config.presenceTtlSeconds * 1000;
  const pubsub = createXimPubSub(
    redis,
    (err) => log.error({ err }, "pub/sub failed"),
    (err) => {
      metrics.publishFailed++;
      log.error({ err }, "publish failed");
    },
  );
  const instanceId = randomUUID();
  const secret = await resolveJwtSecret(config);
  const files = await openStorage(config, secret);
  const services: Services = {
    config,
    prisma: db.prisma,
    sendSql: db.sql,
    pubsub,
    revocations: new Revocations(db.prisma, pubsub),
    tokens: new Tokens(secret, config.tokenTtlSeconds),
    presence: new Presence(
      redis ? redisPresenceStore(redis.pub, redis.prefix, ttlMs) : memoryPresenceStore(),
      instanceId,
      ttlMs,
    ),
    userPresence: new UserPresence(
      redis ? redisUserPresenceStore(redis.pub, redis.prefix) : memoryUserPresenceStore(),
      instanceId,
      ttlMs,
      // Called once the services exist (never during construction).
      (userId, online) =>
        void announcePresence(services, userId, online).catch((err) => log.error({ err }, "presence failed")),
    ),
    limiter: new Limiter(
      redis
        ? redisCounter(redis.pub, redis.prefix, {
            maxKeys: config.rateLimitMaxKeys,
            onRefused: (err) =>
              log.error(
                { err },
                "rate limits: Redis answered the counting script with an error; each instance limits by its own counts",
              ),
          })
        : memoryCounter({ maxKeys: config.rateLimitMaxKeys }),
      (key) => metrics.refused(key),
    ),
    hasher: new PasswordHasher(config.passwordHashConcurrency, config.passwordHashQueue),
    messageReads: new ReadCache(),
    userReads: new ReadCache(),
    reactionReads: new ReadCache(),
    lastSeen: new LastSeen(db.prisma),
    receiptScope: new ReceiptScope(db.prisma, config.readReceiptMaxGroupSize),
    outbox: null,
    hostSessions: null,
    hostProfiles: config.profiles ? new HostProfiles(config.profiles) : null,
    storage: files.storage,
    metrics,
  };
  if (config.hostAuth) {
    const tokens = new HostTokens(config.hostAuth);
    services.hostSessions = new HostSessions(tokens, (claims) => hostUserId(services, claimsProfile(claims)));
  }
  if (config.events) {
    // pushTo leaves out who is online as User.online defines it (sockets, heartbeats).
    const online = (userIds: number[]) => services.userPresence.online(userIds);
    // On PostgreSQL, in a thread of its own (outbox-thread.ts); the embedded database lives in this one.
    services.outbox =
      db.kind === "postgres"
        ? new OutboxThread(config, { online, log })
        : new OutboxRelay(db.sql, prismaTransact(db.prisma), config.events, { redis: redis?.pub ?? null, online, log });
  }
  const stopSweep = startUploadSweep(services, (err) => log.error({ err }, "upload sweep failed"));
  // A multipart body carries one file: the largest upload, plus room for operations and map.
  const maxUpload = config.attachments === "stored" ? maxUploadBytes(config.uploadLimits) : MAX_BODY_BYTES;

  // Sockets and HTTP subscription streams, ended when their token expires or is revoked.
  const connections = new Connections(pubsub);
  const operations = new OperationLog(log, metrics);
  // Idempotent, as yoga's own wrapper is: envelop masks a failed context before it is thrown on.
  const masked = new WeakSet<object>();
  const mask = (error: unknown): GraphQLError => {
    if (error instanceof GraphQLError && masked.has(error)) return error;
    const out = maskError(error, (err) => log.error({ err }, "request failed"));
    masked.add(out);
    return out;
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
    // GraphiQL opens on the README's walkthrough (its subscriptions run over SSE, with the tab's headers).
    graphiql: config.graphiql && { title: "xim", defaultTabs: WALKTHROUGH_TABS.map((tab) => ({ query: tab.query })) },
    cors: false, // the cors plugin below: yoga's own allows any origin
    logging: false,
    maskedErrors: { maskError: mask },
    // xim's synchronous onExecute hooks (engine, metrics, notes, scope cache) run as one envelop step.
    plugins: oneExecuteStep([
      // graphql-js executes (yoga's default, @graphql-tools/executor, adds @defer and @stream, which
      // xim does not serve, at ~4 % more CPU per operation). First: the plugins below wrap it.
      useEngine({ execute, subscribe }),
      graphqlMetrics(metrics),
      operations.plugin(),
      cors(config.corsOrigins),
      requestLimits(),
      chunkedBodyLimit(MAX_BODY_BYTES),
      multipartUploads(maxUpload),
      errorCodes(),
      ...(config.graphiql ? [] : [noIntrospection()]),
      trackHttpSubscriptions(connections),
      releaseScopeCache(),
      sharedSubscriptionEvents(),
      compression(),
    ]),
  });

  // Whether the database lacks migrations of this code: checked at most every 30 s.
  let schemaCheck = { at: 0, state: Promise.resolve<"current" | "behind">("current") };
  const schemaState = () => {
    if (Date.now() - schemaCheck.at > 30_000)
      schemaCheck = {
        at: Date.now(),
        state: db.unapplied().then(
          (missing) => (missing.length ? "behind" : "current"),
          () => "current",
        ),
      };
    return schemaCheck.state;
  };

  async function health(): Promise<Health> {
    const database = await db.prisma.$queryRaw`SELECT 1`.then(
      () => "up" as const,
      () => "down" as const,
    );
    const schema = database === "up" ? await schemaState() : "unknown";
    const pubsub = redis ? (redis.up() ? "up" : "down") : "in-process";
    const status = database === "down" || schema === "behind" ? "down" : pubsub === "down" ? "degraded" : "ok";
    return { status, database, schema, pubsub, backend: db.kind };
  }

  // Plain JSON POSTs (queries, mutations) on envelop without yoga's fetch layer; the rest to yoga.
  const direct = directPost(yoga, services, operations, metrics, mask, config.corsOrigins);
  const web = webClient();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    res.once("close", () => {
      const method = req.method && METHODS.has(req.method) ? req.method : "other";
      metrics.answered(routeOf(req.url), method, res.statusCode, (performance.now() - started) / 1000);
    });
    if (req.url === "/metrics" || req.url?.startsWith("/metrics?"))
      return serveMetrics(metrics, config.metricsToken, req, res);
    if (req.url === "/health")
      return void health().then((h) => {
        res.writeHead(h.status === "down" ? 503 : 200, { "content-type": "application/json" });
        res.end(JSON.stringify(h));
      });
    if (files.disk && req.url?.startsWith(FILES_PREFIX))
      return void serveFile(files.disk, req, res).catch((err) => {
        log.error({ err }, "serving a file failed");
        res.destroy();
      });
    if (web && isWebRequest(req)) return web(req, res, () => void yoga.handle(req, res));
    const multipart = /^multipart\/form-data\b/i.test(req.headers["content-type"] ?? "");
    if (Number(req.headers["content-length"] ?? 0) > (multipart ? maxUpload + MAX_BODY_BYTES : MAX_BODY_BYTES)) {
      res.writeHead(413, { "content-type": "application/json" });
      return void res.end(
        JSON.stringify({ errors: [{ message: "request body too large", extensions: { code: "BAD_USER_INPUT" } }] }),
      );
    }
    if (direct(req, res)) return;
    return void yoga.handle(req, res);
  });
  const ws = attachWebSocket(server, yoga, services, connections, {
    maxPayload: MAX_BODY_BYTES,
    maxSubscriptions: config.maxSubscriptionsPerSocket,
    keepAliveMs: config.wsKeepAliveSeconds * 1000,
  });
  metrics.gauge("xim_websockets_open", "WebSocket connections open", ws.open);

  return {
    services,
    health,
    pubsubReady: (ms) => redis?.ready(ms) ?? Promise.resolve(true),
    start: (port = config.port, host = config.host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const { port: actual } = server.address() as AddressInfo;
          services.outbox?.start();
          resolve({ port: actual, url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${actual}/graphql` });
        });
      }),
    stop: async () => {
      stopSweep();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await ws.close();
      await services.outbox?.stop();
      connections.close();
      server.closeIdleConnections();
      await closed;
      await services.presence.close();
      await services.userPresence.close();
      services.revocations.close();
      await yoga.dispose();
      await redis?.close();
      await db.close();
      await files.close();
    },
  };
}
