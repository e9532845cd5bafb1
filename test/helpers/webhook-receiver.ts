// A webhook receiver on loopback for the outbox tests: verifies each delivery's Standard Webhooks
// signature and answers what the test says (200 by default).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type Delivery = { id: string; type: string; timestamp: string; data: Record<string, unknown>; at: number };

type Answer = number | "hang";

export type Receiver = {
  url: string;
  secret: string;
  /** Verified deliveries, in arrival order (retries included). */
  deliveries: Delivery[];
  /** Answers a delivery: an HTTP status, or "hang" (never answer); later, when it is a promise. */
  answer: (d: Delivery) => Answer | Promise<Answer>;
  /** Resolves when a delivery matches. */
  waitFor(match: (d: Delivery) => boolean, ms?: number): Promise<Delivery>;
  close(): Promise<void>;
};

export const WEBHOOK_SECRET = `whsec_${Buffer.from("xim test webhook secret 32 bytes!").toString("base64")}`;

export async function startReceiver(): Promise<Receiver> {
  const verifier = new Webhook(WEBHOOK_SECRET);
  const waiters: { match: (d: Delivery) => boolean; resolve: (d: Delivery) => void }[] = [];
  const receiver: Receiver = {
    url: "",
    secret: WEBHOOK_SECRET,
    deliveries: [],
    answer: () => 200,
    waitFor: (match, ms = 15_000) => {
      const found = receiver.deliveries.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no such webhook delivery in time")), ms);
        waiters.push({ match, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      });
    },
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let delivery: Delivery;
      try {
        const parsed = verifier.verify(body, req.headers as Record<string, string>) as Omit<Delivery, "id" | "at">;
        delivery = { ...parsed, id: String(req.headers["webhook-id"]), at: Date.now() };
      } catch {
        res.writeHead(400).end("bad signature");
        return;
      }
      receiver.deliveries.push(delivery);
      for (const w of [...waiters]) if (w.match(delivery)) waiters.splice(waiters.indexOf(w), 1), w.resolve(delivery);
      void Promise.resolve(receiver.answer(delivery)).then((answer) => {
        if (answer !== "hang") res.writeHead(answer).end();
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
