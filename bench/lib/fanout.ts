// Fan-out throughput: one big group, every member subscribed on its own graphql-ws socket, senders
// in the group at saturation; counts the deliveries the sockets receive per second. Then a fixed
// rate into the same group for the delivery latency. The receivers speak the graphql-ws protocol
// over plain `ws` (connection_init, subscribe, next): a thin client, so the 2 cores go mostly to
// the server, as a fleet of real devices would leave them.
import WebSocket from "ws";
import type { System } from "./clients.ts";
import { cpuMs } from "./servers.ts";
import { round, summary } from "./stats.ts";

const QUERY = "subscription { messageAdded { id text } }";

type Receivers = { deliveries: number; latencies: number[]; timing: boolean; close(): void };

/** One socket per user, each subscribed to messageAdded; resolves once all are subscribed. */
async function receivers(url: string, token: (userId: number) => Promise<string>, ids: number[]): Promise<Receivers> {
  const r: Receivers = { deliveries: 0, latencies: [], timing: false, close: () => {} };
  const sockets: WebSocket[] = [];
  const open = async (userId: number, attempt = 1): Promise<void> => {
    // The token first: a socket that opened while it was being signed would miss its "open".
    const authorization = `Bearer ${await token(userId)}`;
    const ws = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws", {
      handshakeTimeout: 10_000,
    });
    const subscribed = new Promise<void>((resolve, reject) => {
      // A socket that fails or closes before it is subscribed is opened again (a refused connect
      // under a burst of 50), up to three times; never a silent hang.
      ws.once("error", reject);
      ws.once("close", (code) => reject(new Error(`closed ${code} before subscribing`)));
      setTimeout(() => reject(new Error("no connection_ack within 15 s")), 15_000).unref();
      ws.once("open", () => ws.send(JSON.stringify({ type: "connection_init", payload: { authorization } })));
      ws.on("message", (data: Buffer) => {
        // A delivery is a `next` frame; only the timed run parses it (for the send time in the text).
        if (data.includes('"type":"next"')) {
          r.deliveries++;
          if (!r.timing) return;
          const t = Number(/"text":"t(\d+(\.\d+)?)/.exec(data.toString())?.[1]);
          if (Number.isFinite(t)) r.latencies.push(performance.now() - t);
          return;
        }
        const msg = JSON.parse(data.toString());
        if (msg.type === "connection_ack") {
          ws.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: QUERY } }));
          setTimeout(resolve, 0);
        } else if (msg.type === "ping") ws.send('{"type":"pong"}');
      });
    });
    try {
      await subscribed;
      ws.removeAllListeners("close");
      ws.on("error", () => {});
      sockets.push(ws);
    } catch (err) {
      ws.terminate();
      if (attempt >= 3) throw err;
      await new Promise((res) => setTimeout(res, 500));
      return open(userId, attempt + 1);
    }
  };
  for (let i = 0; i < ids.length; i += 50) await Promise.all(ids.slice(i, i + 50).map(open));
  r.close = () => {
    for (const ws of sockets) ws.close();
  };
  return r;
}

export type FanoutResult = {
  members: number;
  sockets: number;
  sentPerSec: number;
  deliveriesPerSec: number;
  expected: number;
  delivered: number;
  fixedRate: number;
  p50: number;
  p99: number;
  fixedDelivered: string;
  /** Server CPU µs per delivery at saturation, and the receivers' (this process's). */
  serverUs: number;
  clientUs: number;
};

/**
 * `members` (the first `senders` of them send) in group `groupId`; all of them subscribed. Closed
 * loop for `ms`, then `rate` messages a second for `ms` for the latency.
 */
export async function fanoutThroughput(
  system: System,
  url: string,
  token: (userId: number) => Promise<string>,
  groupId: number,
  members: number[],
  serverPid: number,
  { senders = 8, ms = 5000, rate = 10 } = {},
): Promise<FanoutResult> {
  const rx = await receivers(url, token, members);
  let tick: NodeJS.Timeout | undefined;
  try {
    await new Promise((r) => setTimeout(r, 2000)); // subscriptions settle
    tick = setInterval(() => process.stderr.write(`deliveries ${rx.deliveries}\n`), 2000);
    const sends = await Promise.all(members.slice(0, senders).map((m) => system.sender(m)));
    // Saturation: each sender sends its next message when the last is answered.
    rx.deliveries = 0;
    let sent = 0;
    const cpu0 = cpuMs(serverPid);
    const own0 = process.cpuUsage();
    const started = performance.now();
    const end = started + ms;
    await Promise.all(
      sends.map(async (send) => {
        while (performance.now() < end) {
          await send(groupId, "fan-out");
          sent++;
        }
      }),
    );
    const expected = sent * members.length;
    const deadline = performance.now() + 10_000;
    while (rx.deliveries < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const seconds = (performance.now() - started) / 1000;
    const delivered = rx.deliveries;
    const serverUs = round(((cpuMs(serverPid) - cpu0) * 1000) / Math.max(1, delivered), 1);
    const own = process.cpuUsage(own0);
    const clientUs = round((own.user + own.system) / Math.max(1, delivered), 1);
    // A fixed rate into the same group: latency from send to each member's socket.
    await new Promise((r) => setTimeout(r, 1000));
    rx.deliveries = 0;
    rx.timing = true;
    const n = Math.round((rate * ms) / 1000);
    const send = sends[0] as (chatId: number, text: string) => Promise<void>;
    const t0 = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(send(groupId, `t${performance.now().toFixed(2)} fixed`));
    }
    await Promise.all(pending);
    const until = performance.now() + 10_000;
    while (rx.deliveries < n * members.length && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
    const s = summary(rx.latencies);
    return {
      members: members.length,
      sockets: members.length,
      sentPerSec: round(sent / (ms / 1000)),
      deliveriesPerSec: Math.round(delivered / seconds),
      expected,
      delivered,
      fixedRate: rate,
      p50: round(s.p50),
      p99: round(s.p99),
      fixedDelivered: `${rx.deliveries}/${n * members.length}`,
      serverUs,
      clientUs,
    };
  } finally {
    clearInterval(tick);
    rx.close();
  }
}
