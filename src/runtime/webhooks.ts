// One webhook delivery, signed per the Standard Webhooks spec (webhook-id, webhook-timestamp,
// webhook-signature). A 2xx answer is success; anything else, or no answer in time, is an error
// the relay retries under the same webhook-id. node:http(s) with keep-alive agents rather than
// fetch: at a delivery per message, fetch's own cost showed in the send throughput.
import { Agent as HttpAgent, request as httpRequest, type RequestOptions } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { urlToHttpOptions } from "node:url";
import { Webhook } from "standardwebhooks";
import type { EventsConfig } from "../config.ts";

type WebhookConfig = NonNullable<EventsConfig["webhook"]>;
/** Per configuration: its signer and its parsed URL. */
const targets = new WeakMap<WebhookConfig, { signer: Webhook; at: RequestOptions; secure: boolean }>();
const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
};

/** Null when delivered; otherwise what went wrong (kept on the event, never its body). */
export function deliverWebhook(cfg: WebhookConfig, id: string, body: string): Promise<string | null> {
  let target = targets.get(cfg);
  if (!target) {
    const url = new URL(cfg.url);
    target = { signer: new Webhook(cfg.secret), at: urlToHttpOptions(url), secure: url.protocol === "https:" };
    targets.set(cfg, target);
  }
  const { signer, at, secure } = target;
  const now = new Date();
  return new Promise((resolve) => {
    const req = (secure ? httpsRequest : httpRequest)(
      {
        ...at,
        method: "POST",
        agent: secure ? agents.https : agents.http,
        timeout: cfg.timeoutMs,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "xim-webhooks",
          "webhook-id": id,
          "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
          "webhook-signature": signer.sign(id, now, body),
        },
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        res.on("end", () => resolve(status >= 200 && status < 300 ? null : `HTTP ${status}`));
        res.on("error", () => resolve(`HTTP ${status} (answer cut)`));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (err) => resolve(err.message === "timed out" ? "timed out" : `unreachable (${err.message})`));
    req.end(body);
  });
}
