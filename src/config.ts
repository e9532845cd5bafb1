// Environment -> typed configuration. Invalid values fail with one clear line.
import { z } from "zod";
import type { HostAuthConfig } from "./runtime/host-tokens.ts";

const durationSeconds = z
  .string()
  .regex(/^\d+[smhd]?$/, "a number of seconds, or a number followed by s, m, h or d")
  .transform((v) => {
    const n = Number.parseInt(v, 10);
    const unit = v.at(-1) ?? "s";
    return n * ({ s: 1, m: 60, h: 3600, d: 86400 }[unit] ?? 1);
  });

/** `*`, or origins as browsers send them: scheme, host and port, no path. */
const corsOrigins = z
  .string()
  .transform((v) => v.split(",").map((o) => o.trim().replace(/\/$/, "")))
  .refine(
    (list) => list.every((o) => o === "*" || (/^https?:\/\/[^/?#\s]+$/.test(o) && URL.canParse(o))),
    "a comma-separated list of origins (https://app.example.com) or *",
  )
  .transform((list) => list.map((o) => (o === "*" ? o : new URL(o).origin)));

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const flag = z.enum(["true", "false"], "true or false").transform((v) => v === "true");

const MB = 1024 * 1024;
// Sizes are stored in an int4 column.
const bytes = z.coerce.number().int().min(1).max(2_000_000_000);

const fields = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "a postgresql:// URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  DATABASE_PREPARED_STATEMENTS: flag.default(true),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "a redis:// URL")
    .optional(),
  REDIS_CLUSTER_URLS: z
    .string()
    .transform((v) => v.split(",").map((u) => u.trim()))
    .refine(
      (list) => list.every((u) => /^rediss?:\/\/[^/?#\s]+\/?$/.test(u) && URL.canParse(u)),
      "a comma-separated list of redis:// seed nodes (redis://10.0.0.1:7000,redis://10.0.0.2:7000)",
    )
    .optional(),
  REDIS_PUBSUB_SHARDS: z.coerce.number().int().min(1).max(1024).default(16),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/, "1 to 64 letters, digits, ':', '.', '_' or '-'")
    .default("xim:"),
  XIM_DATA_DIR: z.string().min(1).default("./data"),
  JWT_SECRET: z.string().min(32, "at least 32 characters").optional(),
  TOKEN_TTL: durationSeconds.default(7 * 86400),
  PRESENCE_TTL: durationSeconds.default(60),
  EDIT_WINDOW: durationSeconds.default(48 * 3600),
  DEVICE_CHAT_NAME: z.string().min(1).max(64).default("My devices"),
  DEVICE_CHAT_THUMB: z.string().max(256).optional(),
  RATE_LIMIT_SEND_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_SIGNIN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).max(10000).default(100),
  WS_KEEPALIVE: durationSeconds.refine((s) => s >= 1 && s <= 3600, "between 1 second and 1 hour").default(25),
  MIGRATE_ON_START: flag.default(false),
  CORS_ORIGINS: corsOrigins.optional(),
  GRAPHIQL: flag.default(true),
  RATE_LIMIT_FRIEND_REQUEST_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_INVITE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_DIRECT_CHAT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  FRIEND_REQUEST_COOLDOWN: durationSeconds.default(86400),
  RATE_LIMIT_JOIN_REQUEST_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_SIGNIN_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_MAX_KEYS: z.coerce.number().int().min(100).default(100_000),
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).default(16),
  READ_RECEIPT_MAX_GROUP_SIZE: z.coerce.number().int().min(0).max(100_000).default(200),
  RATE_LIMIT_TYPING_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9])$/, "true, false, or the number of proxies in front of xim (0 to 9)")
    .default("false")
    .transform((v) => (v === "true" ? 1 : v === "false" ? 0 : Number(v))),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "an S3 bucket name (3 to 63 lowercase letters, digits, '.' or '-')")
    .optional(),
  S3_ENDPOINT: z
    .string()
    .regex(/^https?:\/\/\S+$/, "an http(s):// URL (https://minio.example.com:9000)")
    .refine((v) => URL.canParse(v), "an http(s):// URL (https://minio.example.com:9000)")
    .optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_FORCE_PATH_STYLE: flag.optional(),
  WEBHOOK_URL: z.url({ protocol: /^https?$/, error: "an http(s) URL" }).optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, "whsec_ followed by a base64 secret (Standard Webhooks)")
    .optional(),
  WEBHOOK_TIMEOUT: durationSeconds.default(10),
  WEBHOOK_MAX_AGE: durationSeconds.default(86400),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
  EVENTS_STREAM: z
    .string()
    .regex(/^[\w:.{}-]{1,128}$/, "a Redis key name")
    .optional(),
  EVENTS_STREAM_MAXLEN: z.coerce.number().int().min(100).default(1_000_000),
  OUTBOX_LEASE: durationSeconds.default(30),
  RATE_LIMIT_USER_LOOKUP_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_SEARCH_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  SEARCH_SCAN_LIMIT: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  DIRECT_CHAT_POLICY: z.enum(["everyone", "friends"], "everyone or friends").default("everyone"),
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/, error: "an http(s) URL" }).optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  PROFILE_URL: z
    .string()
    .regex(/^https?:\/\/\S*\{externalId\}\S*$/, "an http(s) URL template containing {externalId}")
    .optional(),
  PROFILE_TOKEN: z.string().min(1).optional(),
  PROFILE_TTL: durationSeconds.default(600),
  ATTACHMENTS: z.enum(["stored", "external"], "stored or external").default("stored"),
  FILES_DIR: z.string().min(1).optional(),
  PUBLIC_URL: z
    .string()
    .refine((v) => /^https?:\/\/[^/?#\s]+\/?$/.test(v) && URL.canParse(v), "an origin such as https://im.example.com")
    .transform((v) => new URL(v).origin)
    .optional(),
  UPLOAD_MAX_IMAGE_BYTES: bytes.default(20 * MB),
  UPLOAD_MAX_VOICE_BYTES: bytes.default(20 * MB),
  UPLOAD_MAX_VIDEO_BYTES: bytes.default(200 * MB),
  UPLOAD_MAX_AVATAR_BYTES: bytes.default(5 * MB),
  RATE_LIMIT_UPLOAD_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  UPLOAD_UNREFERENCED_TTL: durationSeconds.default(86400),
  LOG_LEVEL: z.enum(LOG_LEVELS, `one of ${LOG_LEVELS.join(", ")}`).default("info"),
  METRICS_TOKEN: z.string().min(16, "at least 16 characters").optional(),
});

const schema = fields
  .refine((c) => c.S3_BUCKET || (!c.S3_ENDPOINT && c.S3_FORCE_PATH_STYLE === undefined), {
    message: "S3_BUCKET is required when S3_ENDPOINT or S3_FORCE_PATH_STYLE is set",
    path: ["S3_BUCKET"],
  })
  .refine((c) => !c.DATABASE_URL || c.JWT_SECRET, {
    message: "JWT_SECRET is required when DATABASE_URL is set (at least 32 characters)",
    path: ["JWT_SECRET"],
  })
  .refine((c) => !c.WEBHOOK_URL || c.WEBHOOK_SECRET, {
    message: "WEBHOOK_SECRET (whsec_...) is required with WEBHOOK_URL",
    path: ["WEBHOOK_SECRET"],
  })
  .refine((c) => !c.AUTH_JWKS_URL || (c.AUTH_ISSUER && c.AUTH_AUDIENCE), {
    message: "AUTH_ISSUER and AUTH_AUDIENCE are required with AUTH_JWKS_URL",
    path: ["AUTH_JWKS_URL"],
  })
  .refine((c) => !c.PROFILE_URL || c.AUTH_JWKS_URL, {
    message: "PROFILE_URL is for host identities: set AUTH_JWKS_URL too",
    path: ["PROFILE_URL"],
  })
  .refine((c) => !(c.REDIS_URL && c.REDIS_CLUSTER_URLS), {
    message: "set REDIS_URL (one Redis) or REDIS_CLUSTER_URLS (a Redis Cluster), not both",
    path: ["REDIS_CLUSTER_URLS"],
  })
  .refine((c) => !c.WEBHOOK_URL || c.OUTBOX_LEASE >= 2 * c.WEBHOOK_TIMEOUT, {
    message: "OUTBOX_LEASE must be at least twice WEBHOOK_TIMEOUT (a delivery ends well within its lease)",
    path: ["OUTBOX_LEASE"],
  })
  .refine((c) => !c.EVENTS_STREAM || c.REDIS_URL || c.REDIS_CLUSTER_URLS, {
    message: "EVENTS_STREAM needs REDIS_URL or REDIS_CLUSTER_URLS (the stream lives in Redis)",
    path: ["EVENTS_STREAM"],
  });

/** Events that leave xim (outbox): where they go; null when neither sink is configured. */
export type EventsConfig = {
  /** `concurrency`: the most deliveries one instance has on their way at once (each chat's in order). */
  webhook: { url: string; secret: string; timeoutMs: number; maxAgeMs: number; concurrency: number } | null;
  stream: { key: string; maxLen: number } | null;
  leaseMs: number;
};

export type Config = {
  port: number;
  logLevel: LogLevel;
  /** When set, GET /metrics needs `Authorization: Bearer <it>`. */
  metricsToken: string | null;
  host: string;
  databaseUrl?: string;
  databasePoolSize: number;
  /** The send statements as named prepared statements (a pooler in transaction mode must support them). */
  databasePreparedStatements: boolean;
  redisUrl?: string;
  /** Seed nodes of a Redis Cluster (instead of redisUrl): sharded pub/sub, hash-tagged keys. */
  redisClusterUrls?: string[];
  /** On a cluster: the shard channels topics are hashed over (each instance subscribes to these, whatever it listens to). */
  redisPubsubShards: number;
  redisPrefix: string;
  dataDir: string;
  jwtSecret?: string;
  tokenTtlSeconds: number;
  presenceTtlSeconds: number;
  /** How long after sending the sender may edit a message. */
  editWindowSeconds: number;
  deviceChatName: string;
  deviceChatThumb?: string;
  sendPerMinute: number;
  signInPerMinute: number;
  maxSubscriptionsPerSocket: number;
  /**
   * How often each graphql-ws socket is pinged; one that has not answered the last ping by the next
   * is closed (a peer gone silently is dropped within two of these, and offline after presence's
   * 2 s reconnect debounce).
   */
  wsKeepAliveSeconds: number;
  migrateOnStart: boolean;
  friendRequestPerMinute: number;
  invitePerMinute: number;
  directChatPerMinute: number;
  /** How long a requester waits to ask the same user again after a rejected or ignored request. */
  friendRequestCooldownSeconds: number;
  joinRequestPerMinute: number;
  /** Browser origins allowed with credentials (`*`: any other, without); null: same origin and localhost. */
  corsOrigins: string[] | null;
  /** GraphiQL and introspection. */
  graphiql: boolean;
  signInPerAddressPerMinute: number;
  /** Rate-limit windows one instance keeps in memory at most. */
  rateLimitMaxKeys: number;
  passwordHashConcurrency: number;
  passwordHashQueue: number;
  /** Proxies in front of xim whose X-Forwarded-For entries are trusted (0: use the socket's address). */
  trustProxyHops: number;
  /** Groups up to this many members get live readReceipt events; bigger ones expose readSeq on demand. */
  readReceiptMaxGroupSize: number;
  typingPerMinute: number;
  events: EventsConfig | null;
  /** user(id), findUser and follow calls per caller per minute (ids are sequential: no walking the table). */
  userLookupPerMinute: number;
  searchPerMinute: number;
  /** Messages one searchMessages call examines at most when no index serves the query (1-2 characters). */
  searchScanLimit: number;
  /** Who may open (and send in) a direct chat with a user: anyone, or only their friends. */
  directChatPolicy: "everyone" | "friends";
  /** External identity: tokens signed by the host application's keys; null: xim's own accounts. */
  hostAuth: HostAuthConfig | null;
  /** The host's profile endpoint, to find users who never signed in (findUser(externalId:)). */
  profiles: { urlTemplate: string; token: string | null; ttlMs: number } | null;
  /** `stored`: xim stores and serves files; `external`: file ids belong to the host's file service. */
  attachments: "stored" | "external";
  /** Where the disk driver keeps files (default: `files` in the data folder). */
  filesDir?: string;
  /** The origin file URLs of the disk driver start with; without it they are paths on xim's origin. */
  publicUrl?: string;
  s3?: { bucket: string; endpoint?: string; region: string; forcePathStyle: boolean };
  uploadLimits: { IMAGE: number; VOICE: number; VIDEO: number; avatar: number };
  uploadPerMinute: number;
  /** An upload that nothing references this long after it was made is removed. */
  uploadUnreferencedTtlSeconds: number;
};

export class ConfigError extends Error {}

function parse<T>(parser: z.ZodType<T>, env: Record<string, string | undefined>): T {
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = parser.safeParse(set);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConfigError(`invalid configuration: ${issue?.path.join(".") || "env"}: ${issue?.message}`);
}

/** What the migration commands need: the database, and nothing else (no JWT_SECRET). */
export function loadDatabaseConfig(env: Record<string, string | undefined>): Pick<Config, "databaseUrl" | "dataDir"> {
  const c = parse(fields.pick({ DATABASE_URL: true, XIM_DATA_DIR: true }), env);
  return { databaseUrl: c.DATABASE_URL, dataDir: c.XIM_DATA_DIR };
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const c = parse(schema, env);
  return {
    port: c.PORT,
    logLevel: c.LOG_LEVEL,
    metricsToken: c.METRICS_TOKEN ?? null,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    databasePreparedStatements: c.DATABASE_PREPARED_STATEMENTS,
    redisUrl: c.REDIS_URL,
    redisClusterUrls: c.REDIS_CLUSTER_URLS,
    redisPubsubShards: c.REDIS_PUBSUB_SHARDS,
    redisPrefix: c.REDIS_PREFIX,
    dataDir: c.XIM_DATA_DIR,
    jwtSecret: c.JWT_SECRET,
    tokenTtlSeconds: c.TOKEN_TTL,
    presenceTtlSeconds: c.PRESENCE_TTL,
    editWindowSeconds: c.EDIT_WINDOW,
    deviceChatName: c.DEVICE_CHAT_NAME,
    deviceChatThumb: c.DEVICE_CHAT_THUMB,
    sendPerMinute: c.RATE_LIMIT_SEND_PER_MINUTE,
    signInPerMinute: c.RATE_LIMIT_SIGNIN_PER_MINUTE,
    maxSubscriptionsPerSocket: c.MAX_SUBSCRIPTIONS_PER_SOCKET,
    wsKeepAliveSeconds: c.WS_KEEPALIVE,
    migrateOnStart: c.MIGRATE_ON_START,
    friendRequestPerMinute: c.RATE_LIMIT_FRIEND_REQUEST_PER_MINUTE,
    invitePerMinute: c.RATE_LIMIT_INVITE_PER_MINUTE,
    directChatPerMinute: c.RATE_LIMIT_DIRECT_CHAT_PER_MINUTE,
    friendRequestCooldownSeconds: c.FRIEND_REQUEST_COOLDOWN,
    joinRequestPerMinute: c.RATE_LIMIT_JOIN_REQUEST_PER_MINUTE,
    corsOrigins: c.CORS_ORIGINS ?? null,
    graphiql: c.GRAPHIQL,
    signInPerAddressPerMinute: c.RATE_LIMIT_SIGNIN_PER_IP_PER_MINUTE,
    rateLimitMaxKeys: c.RATE_LIMIT_MAX_KEYS,
    passwordHashConcurrency: c.PASSWORD_HASH_CONCURRENCY,
    passwordHashQueue: c.PASSWORD_HASH_QUEUE,
    trustProxyHops: c.TRUST_PROXY,
    readReceiptMaxGroupSize: c.READ_RECEIPT_MAX_GROUP_SIZE,
    typingPerMinute: c.RATE_LIMIT_TYPING_PER_MINUTE,
    events: eventsConfig(c),
    userLookupPerMinute: c.RATE_LIMIT_USER_LOOKUP_PER_MINUTE,
    searchPerMinute: c.RATE_LIMIT_SEARCH_PER_MINUTE,
    searchScanLimit: c.SEARCH_SCAN_LIMIT,
    directChatPolicy: c.DIRECT_CHAT_POLICY,
    hostAuth:
      c.AUTH_JWKS_URL && c.AUTH_ISSUER && c.AUTH_AUDIENCE
        ? { jwksUrl: c.AUTH_JWKS_URL, issuer: c.AUTH_ISSUER, audience: c.AUTH_AUDIENCE }
        : null,
    profiles: c.PROFILE_URL
      ? { urlTemplate: c.PROFILE_URL, token: c.PROFILE_TOKEN ?? null, ttlMs: c.PROFILE_TTL * 1000 }
      : null,
    attachments: c.ATTACHMENTS,
    filesDir: c.FILES_DIR,
    publicUrl: c.PUBLIC_URL,
    s3: c.S3_BUCKET
      ? {
          bucket: c.S3_BUCKET,
          endpoint: c.S3_ENDPOINT,
          region: c.S3_REGION,
          forcePathStyle: c.S3_FORCE_PATH_STYLE ?? c.S3_ENDPOINT !== undefined,
        }
      : undefined,
    uploadLimits: {
      IMAGE: c.UPLOAD_MAX_IMAGE_BYTES,
      VOICE: c.UPLOAD_MAX_VOICE_BYTES,
      VIDEO: c.UPLOAD_MAX_VIDEO_BYTES,
      avatar: c.UPLOAD_MAX_AVATAR_BYTES,
    },
    uploadPerMinute: c.RATE_LIMIT_UPLOAD_PER_MINUTE,
    uploadUnreferencedTtlSeconds: c.UPLOAD_UNREFERENCED_TTL,
  };
}

function eventsConfig(c: z.infer<typeof fields>): EventsConfig | null {
  const webhook =
    c.WEBHOOK_URL && c.WEBHOOK_SECRET
      ? {
          url: c.WEBHOOK_URL,
          secret: c.WEBHOOK_SECRET,
          timeoutMs: c.WEBHOOK_TIMEOUT * 1000,
          maxAgeMs: c.WEBHOOK_MAX_AGE * 1000,
          concurrency: c.WEBHOOK_CONCURRENCY,
        }
      : null;
  const stream = c.EVENTS_STREAM ? { key: c.EVENTS_STREAM, maxLen: c.EVENTS_STREAM_MAXLEN } : null;
  return webhook || stream ? { webhook, stream, leaseMs: c.OUTBOX_LEASE * 1000 } : null;
}
