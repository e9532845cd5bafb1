// One webhook delivery (runtime/webhooks.ts) against a receiver on loopback: what is sent (path and
// query, signature headers, credentials from the URL) and how each kind of failure is reported.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, it } from "vitest";
import { closeWebhookTarget, Deadlines, deliverWebhook, signerOf } from "../src/runtime/webhooks.ts";
import { WEBHOOK_SECRET } from "./helpers/webhook-receiver.ts";

let server: Server;
let port: number;
let answer: number | "hang" = 204;
const seen: { req: IncomingMessage; body: string }[] = [];
const configs: Parameters<typeof deliverWebhook>[0][] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      seen.push({ req, body });
      if (answer !== "hang") res.writeHead(answer).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await Promise.all(configs.map(closeWebhookTarget));
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function target(url: string, timeoutMs = 1000) {
  const cfg = { url, secret: WEBHOOK_SECRET, timeoutMs, maxAgeMs: 60_000, concurrency: 4 };
  configs.push(cfg);
  return cfg;
}

it("posts the signed body to the URL's path and query, with its credentials as Basic auth", async () => {
  answer = 204;
  const cfg = target(`http://hook%40user:p%3Ass@127.0.0.1:${port}/hooks/in?tenant=7`);
  const body = JSON.stringify({ type: "user.created", timestamp: new Date().toISOString(), data: { id: "1" } });
  expect(await deliverWebhook(cfg, "evt_1", body)).toBeNull();
  const { req, body: got } = seen.at(-1) as (typeof seen)[number];
  expect(req.url).toBe("/hooks/in?tenant=7");
  expect(req.headers.authorization).toBe(`Basic ${Buffer.from("hook@user:p:ss").toString("base64")}`);
  expect(req.headers["webhook-id"]).toBe("evt_1");
  expect(got).toBe(body);
  expect(new Webhook(WEBHOOK_SECRET).verify(got, req.headers as Record<string, string>)).toMatchObject({
    type: "user.created",
  });
});

it("reports a non-2xx answer, no answer in time, and an unreachable receiver", async () => {
  const cfg = target(`http://127.0.0.1:${port}/hooks`, 500);
  answer = 503;
  expect(await deliverWebhook(cfg, "evt_2", "{}")).toBe("HTTP 503");
  answer = "hang";
  const started = Date.now();
  expect(await deliverWebhook(cfg, "evt_3", "{}")).toBe("timed out");
  expect(Date.now() - started).toBeLessThan(3000);
  answer = 200;
  expect(await deliverWebhook(cfg, "evt_4", "{}")).toBeNull();
  // A port nobody listens on: refused at once.
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  const gone = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  expect(await deliverWebhook(target(`http://127.0.0.1:${gone}/hooks`), "evt_5", "{}")).toMatch(/^unreachable \(/);
});

it("signs as the standardwebhooks package does, for any body (UTF-8: CJK, emoji, escapes)", () => {
  const sign = signerOf(WEBHOOK_SECRET);
  const reference = new Webhook(WEBHOOK_SECRET);
  const at = new Date("2026-12-07T03:04:05.678Z");
  for (const body of ["{}", '{"text":"你好，世界 👋🏽"}', '{"text":"a\\"b\\\\c\\n"}', "x".repeat(70_000)])
    expect(sign("evt_42", Math.floor(at.getTime() / 1000), body)).toBe(reference.sign("evt_42", at, body));
  // Another secret signs differently (the key is the secret's bytes, not a constant).
  const other = `whsec_${Buffer.from("another secret of 32 bytes, ok..").toString("base64")}`;
  expect(signerOf(other)("evt_42", 1, "{}")).not.toBe(sign("evt_42", 1, "{}"));
  expect(signerOf(other)("evt_42", 1, "{}")).toBe(new Webhook(other).sign("evt_42", new Date(1000), "{}"));
});

it("gives deliveries that start within a tenth of the timeout one deadline, which fires after the timeout", async () => {
  let now = 1_000;
  const deadlines = new Deadlines(200, () => now);
  const expired: string[] = [];
  const delivery = (name: string) => ({ expire: () => expired.push(name) });
  const first = deadlines.join(delivery("a"));
  now += 19;
  expect(deadlines.join(delivery("b"))).toBe(first); // the same tenth: cut off at most 20 ms before its own 200 ms
  now += 1;
  const second = deadlines.join(delivery("c"));
  expect(second).not.toBe(first);
  const done = delivery("d");
  expect(deadlines.join(done)).toBe(second);
  second.delete(done); // ended in time: not cut off
  await new Promise((r) => setTimeout(r, 100));
  expect(expired).toEqual([]);
  await new Promise((r) => setTimeout(r, 200));
  expect(expired.sort()).toEqual(["a", "b", "c"]);
});

it("decides a long answer by its status (its body read up to a limit, then dropped)", async () => {
  const big = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200).end("x".repeat(1024 * 1024)));
  });
  await new Promise<void>((r) => big.listen(0, "127.0.0.1", r));
  const cfg = target(`http://127.0.0.1:${(big.address() as AddressInfo).port}/hooks`);
  expect(await deliverWebhook(cfg, "evt_6", "{}")).toBeNull();
  big.closeAllConnections();
  await new Promise((r) => big.close(r));
});
