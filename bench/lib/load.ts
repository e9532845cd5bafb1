// Bounded loads: a closed loop (each sender waits for its answer) to find the saturation
// throughput, and an open loop at a fixed offered rate for latency. Every run stops by itself.

import type { System } from "./clients.ts";
import type { Pair } from "./seed.ts";
import { round, summary } from "./stats.ts";

export type Rig = {
  system: System;
  pairs: Pair[];
  senders: Map<number, (chatId: number, text: string) => Promise<void>>;
  latencies: number[];
  delivered: number;
  stop(): void;
};

/** Connects one receiver per pair and one sender per distinct sender; latency comes from the text. */
export async function rig(system: System, pairs: Pair[]): Promise<Rig> {
  const r: Rig = { system, pairs, senders: new Map(), latencies: [], delivered: 0, stop: () => {} };
  const onText = (text: string) => {
    const t = Number(/^t(\d+(\.\d+)?)/.exec(text)?.[1]);
    if (Number.isFinite(t)) {
      r.latencies.push(performance.now() - t);
      r.delivered++;
    }
  };
  const closers: (() => void)[] = [];
  for (let i = 0; i < pairs.length; i += 50)
    closers.push(...(await Promise.all(pairs.slice(i, i + 50).map((p) => system.receive(p.receiver, onText)))));
  for (const p of pairs) if (!r.senders.has(p.sender)) r.senders.set(p.sender, await system.sender(p.sender));
  r.stop = () => {
    for (const c of closers) c();
  };
  await new Promise((res) => setTimeout(res, 1500)); // subscriptions settle
  return r;
}

function sendOne(r: Rig, i: number): Promise<void> {
  const p = r.pairs[i % r.pairs.length] as Pair;
  const send = r.senders.get(p.sender) as (chatId: number, text: string) => Promise<void>;
  return send(p.chatId, `t${performance.now().toFixed(2)} hello`);
}

async function drain(r: Rig, expected: number, ms: number) {
  const deadline = Date.now() + ms;
  while (r.delivered < expected && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
}

/**
 * The closed loop for `durationMs`. With `lead`, it runs `lead.ms` first, unmeasured, then calls
 * `lead.start()` and measures: the system is then as it is under steady load (an outbox relay
 * working a few hundred ms behind has its backlog in hand, as at the end), not fresh from quiet;
 * `lead.end()` is called when the measured time is over, before the deliveries are waited for.
 */
export async function saturate(
  r: Rig,
  concurrency: number,
  durationMs: number,
  lead: { ms: number; start(): void; end(): void } | null = null,
) {
  r.latencies = [];
  r.delivered = 0;
  let all = 0;
  let sent = 0;
  let errors = 0;
  let next = 0;
  let measuring = lead === null;
  let started = performance.now();
  let latenciesFrom = 0;
  const end = started + (lead?.ms ?? 0) + durationMs;
  const timer = lead
    ? setTimeout(() => {
        measuring = true;
        started = performance.now();
        latenciesFrom = r.latencies.length;
        lead.start();
      }, lead.ms)
    : null;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        try {
          await sendOne(r, next++);
          all++;
          if (measuring) sent++;
        } catch {
          if (measuring) errors++;
        }
      }
    }),
  );
  if (timer) clearTimeout(timer);
  lead?.end();
  const seconds = (performance.now() - started) / 1000;
  await drain(r, all, 3000);
  const latencies = r.latencies.slice(latenciesFrom);
  return {
    msgPerSec: round(sent / seconds),
    sent,
    seconds,
    errors,
    lost: all - r.delivered,
    latencies,
    ...latencyOf(latencies),
  };
}

export async function offered(r: Rig, rate: number, durationMs: number, maxInFlight = 2000) {
  r.latencies = [];
  r.delivered = 0;
  let sent = 0;
  let errors = 0;
  let inFlight = 0;
  let issued = 0;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  while (performance.now() - started < durationMs) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; issued < due; issued++) {
      if (inFlight >= maxInFlight) {
        errors++;
        continue;
      }
      inFlight++;
      pending.push(
        sendOne(r, issued).then(
          () => void (sent++, inFlight--),
          () => void (errors++, inFlight--),
        ),
      );
    }
    await new Promise((res) => setTimeout(res, 2));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  await drain(r, sent, 5000);
  return { rate, achieved: round(sent / seconds), errors, lost: sent - r.delivered, ...latencyOf(r.latencies) };
}

/** p50, p99 and max of send -> receive latencies (ms), rounded. */
export function latencyOf(latencies: number[]) {
  const s = summary(latencies);
  return { p50: round(s.p50), p99: round(s.p99), max: round(s.max) };
}
