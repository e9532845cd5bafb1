// Prometheus metrics of one app instance, in its own registry (several apps may share a process).
// Where a count moves per event (deliveries, messages sent), the code bumps a plain number and the
// counter reads it when scraped: no label lookup or object on the hot path.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { getOrSet } from "./get-or-set.ts";

/** The HTTP routes xim serves, as a label: a fixed set, whatever the URL. */
export type Route = "graphql" | "health" | "metrics" | "files" | "other";

export type Transport = "ws" | "sse";

export type DbPool = { totalCount: number; idleCount: number; waitingCount: number };

export class Metrics {
  readonly registry = new Registry();
  /** Subscription results sent to clients (both transports). */
  delivered = 0;
  /** Messages stored by sendMessage (retries answered from the stored row are not counted). */
  sent = 0;
  /** Events pub/sub could not publish (Redis away). */
  publishFailed = 0;
  /** Plain JSON POSTs answered without yoga's fetch layer (http/direct-post.ts). */
  direct = 0;

  readonly http = new Histogram<"route" | "method" | "status">({
    name: "xim_http_request_duration_seconds",
    help: "HTTP requests by route, method and status, and how long they took",
    labelNames: ["route", "method", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly subscriptions = new Gauge<"transport">({
    name: "xim_subscriptions_active",
    help: "GraphQL subscriptions open now, by transport",
    labelNames: ["transport"],
    registers: [this.registry],
  });
  readonly subscriptionsStarted = new Counter<"transport" | "root_field">({
    name: "xim_subscriptions_started_total",
    help: "GraphQL subscriptions started, by transport and root field",
    labelNames: ["transport", "root_field"],
    registers: [this.registry],
  });
  readonly subscriptionRefusals = new Counter<"code" | "root_field">({
    name: "xim_subscription_refusals_total",
    help: "GraphQL subscriptions refused at start, by error code and root field",
    labelNames: ["code", "root_field"],
    registers: [this.registry],
  });
  readonly sendBatch = new Histogram({
    name: "xim_send_batch_size",
    help: "Messages stored per send statement (group commit)",
    buckets: [1, 2, 5, 10, 20, 50, 100],
    registers: [this.registry],
  });
  readonly rateLimited = new Counter<"scope">({
    name: "xim_rate_limit_refusals_total",
    help: "Requests refused with RATE_LIMITED, by limit",
    labelNames: ["scope"],
    registers: [this.registry],
  });

  readonly operations = new Counter<"operation_type" | "root_field">({
    name: "graphql_envelop_request",
    help: "GraphQL queries and mutations executed, by root field",
    labelNames: ["operation_type", "root_field"],
    registers: [this.registry],
  });
  readonly operationDuration = new Histogram<"operation_type" | "root_field">({
    name: "graphql_envelop_request_duration",
    help: "How long GraphQL queries and mutations took to execute, by root field (seconds)",
    labelNames: ["operation_type", "root_field"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly operationErrors = new Counter<"phase" | "code" | "root_field">({
    name: "graphql_envelop_error_result",
    help: "GraphQL errors by phase, client error code and root field",
    labelNames: ["phase", "code", "root_field"],
    registers: [this.registry],
  });
  // Label children by their values joined: a Map lookup per operation instead of prom-client
  // hashing a labels object each time.
  readonly #children = new Map<
    string,
    { count: Counter.Internal; time: Histogram.Internal<"operation_type" | "root_field"> }
  >();
  readonly #httpChildren = new Map<string, Histogram.Internal<"route" | "method" | "status">>();

  /** A query or mutation executed in `seconds`. */
  executed(type: string, field: string, seconds: number): void {
    const child = getOrSet(this.#children, `${type} ${field}`, () => ({
      count: this.operations.labels(type, field),
      time: this.operationDuration.labels(type, field),
    }));
    child.count.inc();
    child.time.observe(seconds);
  }

  /** An HTTP request answered in `seconds`. */
  answered(route: Route, method: string, status: number, seconds: number): void {
    getOrSet(this.#httpChildren, `${route} ${method} ${status}`, () =>
      this.http.labels(route, method, String(status)),
    ).observe(seconds);
  }

  /** Bound once: the send path calls it per statement. */
  readonly observeSendBatch = (size: number): void => this.sendBatch.observe(size);

  constructor() {
    // The event loop's delay (the nodejs_eventloop_lag_p50/p99/... gauges) sampled every 100 ms:
    // prom-client's 10 ms woke an idle instance 100 times a second (~0.4 % of a core idle, measured).
    // A stall over 100 ms always shows; shorter ones are sampled less often.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 100 });
    this.tally("xim_deliveries_total", "Subscription events delivered to clients", () => this.delivered);
    this.tally("xim_messages_sent_total", "Messages sent (stored)", () => this.sent);
    this.tally("xim_pubsub_publish_failures_total", "Events pub/sub failed to publish", () => this.publishFailed);
    this.tally(
      "xim_http_direct_operations_total",
      "GraphQL operations POSTed as JSON and run without yoga's fetch layer",
      () => this.direct,
    );
  }

  /** A gauge whose value is read when scraped. */
  gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  /** The pg pool's connections (PostgreSQL backend). */
  watchPool(pool: DbPool): void {
    this.gauge("xim_db_pool_connections", "Database connections open (busy and idle)", () => pool.totalCount);
    this.gauge("xim_db_pool_idle", "Database connections idle", () => pool.idleCount);
    this.gauge("xim_db_pool_waiting", "Queries waiting for a database connection", () => pool.waitingCount);
  }

  /** Counts one refusal of the limit named by `key`'s scope (`send:42` -> `send`). */
  refused(key: string): void {
    const colon = key.indexOf(":");
    this.rateLimited.inc({ scope: colon > 0 ? key.slice(0, colon) : "other" });
  }

  /** A counter that reads `read()` (a running total) and adds what it gained since the last scrape. */
  private tally(name: string, help: string, read: () => number): void {
    let reported = 0;
    new Counter({
      name,
      help,
      registers: [this.registry],
      collect() {
        const now = read();
        if (now > reported) this.inc(now - reported);
        reported = now;
      },
    });
  }
}

export function routeOf(url: string | undefined): Route {
  if (!url) return "other";
  if (url.startsWith("/graphql")) return "graphql";
  if (url === "/health") return "health";
  if (url.startsWith("/metrics")) return "metrics";
  if (url.startsWith("/files/")) return "files";
  return "other";
}
