// One webhook delivery, signed per the Standard Webhooks spec (webhook-id, webhook-timestamp,
// webhook-signature). A 2xx answer is success; anything else, or no answer in time, is an error
// the relay retries under the same webhook-id. undici's request API on a keep-alive pool per
// target: at a delivery per message it costs about 60 % of node:http's client CPU per delivery
// (bench/RESULTS.md), and fetch's own cost showed in the send throughput.

import { Webhook } from "standardwebhooks";
import { errors, Pool } from "undici";
import type { EventsConfig } from "../config.ts";

type WebhookConfig = NonNullable<EventsConfig["webhook"]>;
/** Per configuration: its signer, its connections, the path its events are posted to, its credentials. */
type Target = { signer: Webhook; pool: Pool; path: string; authorization: string | null };
const targets = new WeakMap<WebhookConfig, Target>();

function targetOf(cfg: WebhookConfig): Target {
  let target = targets.get(cfg);
  if (!target) {
    const url = new URL(cfg.url);
    target = {
      signer: new Webhook(cfg.secret),
      // As many connections as deliveries on their way (WEBHOOK_CONCURRENCY); connecting counts
      // against WEBHOOK_TIMEOUT too.
      pool: new Pool(url.origin, { connections: cfg.concurrency, connect: { timeout: cfg.timeoutMs } }),
      path: `${url.pathname}${url.search}`,
      // https://user:password@host/… : sent as Basic credentials, as node:http did.
      authorization: url.username
        ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`
        : null,
    };
    targets.set(cfg, target);
  }
  return target;
}

/** Null when delivered; otherwise what went wrong (kept on the event, never its body). */
export async function deliverWebhook(cfg: WebhookConfig, id: string, body: string): Promise<string | null> {
  const { signer, pool, path, authorization } = targetOf(cfg);
  const now = new Date();
  try {
    const res = await pool.request({
      path,
      method: "POST",
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
    // The status decides; the answer's body is read and dropped (dump() never throws: a body cut
    // short after a 2xx status still counts as delivered).
    await res.body.dump();
    const status = res.statusCode;
    return status >= 200 && status < 300 ? null : `HTTP ${status}`;
  } catch (err) {
    if (
      err instanceof errors.HeadersTimeoutError ||
      err instanceof errors.BodyTimeoutError ||
      err instanceof errors.ConnectTimeoutError
    )
      return "timed out";
    return `unreachable (${(err as Error).message})`;
  }
}

/** Closes the connections to every target this process delivered to (on shutdown). */
export async function closeWebhookTargets(cfgs: (WebhookConfig | null | undefined)[]): Promise<void> {
  await Promise.all(
    cfgs.map((cfg) => {
      const target = cfg && targets.get(cfg);
      if (!target) return null;
      targets.delete(cfg);
      return target.pool.close().catch(() => target.pool.destroy());
    }),
  );
}
