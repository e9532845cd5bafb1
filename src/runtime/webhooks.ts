// One webhook delivery, signed per the Standard Webhooks spec (webhook-id, webhook-timestamp,
// webhook-signature). A 2xx answer is success; anything else, or no answer in time, is an error
// the relay retries under the same webhook-id.
import { Webhook } from "standardwebhooks";
import type { EventsConfig } from "../config.ts";

type WebhookConfig = NonNullable<EventsConfig["webhook"]>;
const signers = new WeakMap<WebhookConfig, Webhook>();

/** Null when delivered; otherwise what went wrong (kept on the event, never its body). */
export async function deliverWebhook(cfg: WebhookConfig, id: string, body: string): Promise<string | null> {
  let signer = signers.get(cfg);
  if (!signer) {
    signer = new Webhook(cfg.secret);
    signers.set(cfg, signer);
  }
  const now = new Date();
  try {
    const res = await fetch(cfg.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "xim-webhooks",
        "webhook-id": id,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": signer.sign(id, now, body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
    await res.body?.cancel();
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (err) {
    return err instanceof Error && err.name === "TimeoutError"
      ? "timed out"
      : `unreachable (${(err as Error).message})`;
  }
}
