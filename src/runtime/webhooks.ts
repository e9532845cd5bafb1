// One webhook delivery, signed per the Standard Webhooks spec (webhook-id, webhook-timestamp,
// webhook-signature). A 2xx answer is success; anything else, or no answer in time, is an error
// the relay retries under the same webhook-id. undici's dispatcher on a keep-alive pool per target:
// its request API cost about 60 % of node:http's client CPU per delivery, and its dispatcher with a
// handler of ours less than half of that (bench/RESULTS.md); fetch's own cost showed in the send
// throughput.

import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { errors, Pool } from "undici";
import type { EventsConfig } from "../config.ts";
import { getOrSet } from "./get-or-set.ts";

type WebhookConfig = NonNullable<EventsConfig["webhook"]>;
/** Per configuration: its signer, its connections, the path its events are posted to, its credentials. */
type Target = { sign: Sign; pool: Pool; path: string; authorization: string | null; deadlines: Deadlines };
/** The `webhook-signature` header of an event: `seconds` is its `webhook-timestamp`. */
type Sign = (id: string, seconds: number, body: string) => string;

/**
 * Standard Webhooks' v1 signature: HMAC-SHA256 of `id.timestamp.body` (UTF-8) keyed with the
 * secret's bytes (`whsec_` and base64), in base64. By node:crypto: the standardwebhooks package's
 * own `sign` computes SHA-256 in JavaScript (~5 µs more per delivery here, bench/RESULTS.md).
 * test/webhooks.test.ts checks it against the package's `sign`, and deliveries with its `verify`,
 * as a receiver does.
 */
export function signerOf(secret: string): Sign {
  new Webhook(secret); // throws on a secret the package would refuse
  const key = Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
  return (id, seconds, body) =>
    `v1,${createHmac("sha256", key).update(`${id}.${seconds}.`).update(body).digest("base64")}`;
}
const targets = new WeakMap<WebhookConfig, Target>();

function targetOf(cfg: WebhookConfig): Target {
  return getOrSet(targets, cfg, () => {
    const url = new URL(cfg.url);
    return {
      sign: signerOf(cfg.secret),
      deadlines: new Deadlines(cfg.timeoutMs),
      // As many connections as deliveries on their way (WEBHOOK_CONCURRENCY); connecting counts
      // against WEBHOOK_TIMEOUT too.
      pool: new Pool(url.origin, { connections: cfg.concurrency, connect: { timeout: cfg.timeoutMs } }),
      path: `${url.pathname}${url.search}`,
      // https://user:password@host/… : sent as Basic credentials, as node:http did.
      authorization: url.username
        ? `Basic ${Buffer.from(`${decoded(url.username)}:${decoded(url.password)}`).toString("base64")}`
        : null,
    };
  });
}

/** A delivery on its way, as its deadline sees it. */
type Expiring = { expire(): void };

/**
 * Deliveries that start within the same tenth of `timeoutMs` share one timer, which cuts off those
 * still on their way `timeoutMs` after the first of them started: each is so cut off after 90-100 %
 * of `timeoutMs`, never later, for one timer a tenth instead of one a delivery (an
 * AbortSignal.timeout per delivery was ~8 µs of its ~28 here, bench/RESULTS.md).
 */
export class Deadlines {
  #batch: Set<Expiring> | null = null;
  #until = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Joins `delivery` to the deadline of a delivery starting now; it leaves the set it is given when it ends. */
  join(delivery: Expiring): Set<Expiring> {
    const at = this.now();
    if (!this.#batch || at >= this.#until) {
      const batch = new Set<Expiring>();
      setTimeout(expireAll, this.timeoutMs, batch).unref();
      this.#batch = batch;
      this.#until = at + this.timeoutMs / 10;
    }
    this.#batch.add(delivery);
    return this.#batch;
  }
}

function expireAll(batch: Set<Expiring>) {
  for (const delivery of batch) delivery.expire();
}

/** A URL's percent-encoded part, decoded (as it is when it is not valid percent-encoding). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** How much of an answer's body is read (and dropped); past it, the connection is closed. */
const ANSWER_LIMIT = 128 * 1024;
const TIMED_OUT = "timed out";

/**
 * One delivery as undici's dispatcher drives it (its handler interface, without the request API's
 * promise, body stream and abort signal: ~13 µs of CPU per delivery here against ~30,
 * bench/RESULTS.md). Ends once, with null (a 2xx answer) or what went wrong.
 */
class Delivery {
  #status = 0;
  #read = 0;
  #abort: ((err: Error) => void) | null = null;
  #ended = false;
  readonly #deadline: Set<Expiring>;

  constructor(
    deadlines: Deadlines,
    private readonly done: (error: string | null) => void,
  ) {
    this.#deadline = deadlines.join(this);
  }

  onConnect(abort: (err: Error) => void) {
    // Cut off before it was written: it is not written at all.
    if (this.#ended) abort(new Error(TIMED_OUT));
    else this.#abort = abort;
  }
  onHeaders(status: number) {
    this.#status = status;
    return true;
  }
  onData(chunk: Buffer) {
    this.#read += chunk.length;
    if (this.#read <= ANSWER_LIMIT) return true;
    // An answer too long to read: the status decides, and the connection is closed.
    this.#end(statusError(this.#status));
    this.#abort?.(new Error("answer too long"));
    return false;
  }
  onComplete() {
    this.#end(statusError(this.#status));
  }
  onError(err: Error) {
    this.#end(
      err instanceof errors.HeadersTimeoutError ||
        err instanceof errors.BodyTimeoutError ||
        err instanceof errors.ConnectTimeoutError
        ? TIMED_OUT
        : `unreachable (${err.message})`,
    );
  }
  expire() {
    this.#end(TIMED_OUT);
    this.#abort?.(new Error(TIMED_OUT));
  }
  #end(error: string | null) {
    if (this.#ended) return;
    this.#ended = true;
    this.#deadline.delete(this);
    this.done(error);
  }
}

const statusError = (status: number) => (status >= 200 && status < 300 ? null : `HTTP ${status}`);

/**
 * Null when delivered; otherwise what went wrong (kept on the event, never its body). It ends,
 * one way or the other, within WEBHOOK_TIMEOUT (connecting, sending, the answer): the relay
 * counts on it to finish within its lease.
 */
export function deliverWebhook(cfg: WebhookConfig, id: string, body: string): Promise<string | null> {
  const { sign, pool, path, authorization, deadlines } = targetOf(cfg);
  const seconds = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "xim-webhooks",
    "webhook-id": id,
    "webhook-timestamp": String(seconds),
    "webhook-signature": sign(id, seconds, body),
  };
  if (authorization) headers.authorization = authorization;
  return new Promise((resolve) => {
    pool.dispatch(
      { path, method: "POST", headersTimeout: cfg.timeoutMs, bodyTimeout: cfg.timeoutMs, headers, body },
      new Delivery(deadlines, resolve),
    );
  });
}

/** Closes the connections to the target of `cfg`, if this process delivered to it (on shutdown). */
export async function closeWebhookTarget(cfg: WebhookConfig): Promise<void> {
  const target = targets.get(cfg);
  if (!target) return;
  targets.delete(cfg);
  await target.pool.close().catch(() => target.pool.destroy());
}
