// One webhook delivery, signed per the Standard Webhooks spec (webhook-id, webhook-timestamp,
// webhook-signature). A 2xx answer is success; anything else, or no answer in time, is an error
// the relay retries under the same webhook-id. undici's request API on a keep-alive pool per
// target: at a delivery per message it costs about 60 % of node:http's client CPU per delivery
// (bench/RESULTS.md), and fetch's own cost showed in the send throughput.

import { Webhook } from "standardwebhooks";
import { errors, Pool } from "undici";
import type { EventsConfig } from "../config.ts";
import { getOrSet } from "./get-or-set.ts";

type WebhookConfig = NonNullable<EventsConfig["webhook"]>;
/** Per configuration: its signer, its connections, the path its events are posted to, its credentials. */
type Target = { signer: Webhook; pool: Pool; path: string; authorization: string | null };
const targets = new WeakMap<WebhookConfig, Target>();

function targetOf(cfg: WebhookConfig): Target {
  return getOrSet(targets, cfg, () => {
    const url = new URL(cfg.url);
    return {
      signer: new Webhook(cfg.secret),
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
  const { signer, pool, path, authorization } = targetOf(cfg);
  const now = new Date();
  const signal = AbortSignal.timeout(cfg.timeoutMs);
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
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": signer.sign(id, now, body),
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
