// One webhook delivery, signed per the Standard Webhooks spec (webhook-id, webhook-timestamp,
// webhook-signature). A 2xx answer is success; anything else, or no answer in time, is an error
// the relay retries under the same webhook-id. undici's request API on a keep-alive pool per
// target: at a delivery per message it costs about 60 % of node:http's client CPU per delivery
// (bench/RESULTS.md), and fetch's own cost showed in the send throughput.

import { createHmac } from "node:crypto";
import { setMaxListeners } from "node:events";
import { Webhook } from "standardwebhooks";
import { errors, Pool } from "undici";
import type { EventsConfig } from "../config.ts";
import { getOrSet } from "./get-or-set.ts";

type WebhookConfig = NonNullable<EventsConfig["webhook"]>;
/** Per configuration: its signer, its connections, the path its events are posted to, its credentials. */
type Target = { sign: Sign; pool: Pool; path: string; authorization: string | null; deadline: () => AbortSignal };
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
      deadline: sharedDeadline(cfg.timeoutMs),
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

/**
 * The abort signal of a delivery starting now: deliveries that start within the same tenth of
 * `timeoutMs` share one, which fires `timeoutMs` after the first of them started. Each delivery is
 * so cut off after 90-100 % of `timeoutMs`, never later, for one timer a tenth instead of one a
 * delivery: AbortSignal.timeout per delivery was ~8 µs of its ~28 here (bench/RESULTS.md).
 */
export function sharedDeadline(timeoutMs: number, now: () => number = () => performance.now()): () => AbortSignal {
  let signal: AbortSignal | null = null;
  let until = 0;
  return () => {
    const at = now();
    if (!signal || at >= until) {
      signal = AbortSignal.timeout(timeoutMs);
      setMaxListeners(0, signal); // one listener per delivery on its way: no leak warning
      until = at + timeoutMs / 10;
    }
    return signal;
  };
}

/** A URL's percent-encoded part, decoded (as it is when it is not valid percent-encoding). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * Null when delivered; otherwise what went wrong (kept on the event, never its body). It ends,
 * one way or the other, within WEBHOOK_TIMEOUT (connecting, sending, the answer): the relay
 * counts on it to finish within its lease.
 */
export async function deliverWebhook(cfg: WebhookConfig, id: string, body: string): Promise<string | null> {
  const { sign, pool, path, authorization, deadline } = targetOf(cfg);
  const seconds = Math.floor(Date.now() / 1000);
  const signal = deadline();
  try {
    const res = await pool.request({
      path,
      method: "POST",
      signal,
      headersTimeout: cfg.timeoutMs,
      bodyTimeout: cfg.timeoutMs,
      headers: {
        "content-type": "application/json",
        "user-agent": "xim-webhooks",
        "webhook-id": id,
        "webhook-timestamp": String(seconds),
        "webhook-signature": sign(id, seconds, body),
        ...(authorization ? { authorization } : {}),
      },
      body,
    });
    // The status decides; the answer's body is read and dropped (one not read in time: timed out).
    await res.body.dump({ limit: 128 * 1024, signal });
    const status = res.statusCode;
    return status >= 200 && status < 300 ? null : `HTTP ${status}`;
  } catch (err) {
    if (
      err instanceof errors.HeadersTimeoutError ||
      err instanceof errors.BodyTimeoutError ||
      err instanceof errors.ConnectTimeoutError ||
      signal.aborted
    )
      return "timed out";
    return `unreachable (${(err as Error).message})`;
  }
}

/** Closes the connections to the target of `cfg`, if this process delivered to it (on shutdown). */
export async function closeWebhookTarget(cfg: WebhookConfig): Promise<void> {
  const target = targets.get(cfg);
  if (!target) return;
  targets.delete(cfg);
  await target.pool.close().catch(() => target.pool.destroy());
}
