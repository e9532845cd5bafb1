// Relays the outbox (domain/events.ts) to its sinks; every instance runs one. The Redis stream is
// fed by one instance at a time (a lease row), in outbox order. Webhooks: any instance takes the
// oldest pending event of each order key (a chat, a user) that no one holds, with a lease (a relay
// that dies mid-delivery is replaced when it lapses), so a chat's events arrive in order; a failed
// delivery is retried with backoff under the same webhook-id, and after WEBHOOK_MAX_AGE it moves to
// the dead letters and the key's later events go on. At least once, never lost.
import { randomUUID } from "node:crypto";
import type { EventsConfig } from "../config.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { RedisCommands } from "../redis.ts";
import { type OutboxRow, renderEvents } from "./outbox-render.ts";
import { deliverWebhook } from "./webhooks.ts";

const BATCH = 200;
const WEBHOOK_BATCH = 50;
const POLL_MS = 250;
const GATHER_MS = 40;

type Log = { error: (...args: unknown[]) => void };
export type OnlineUsers = (userIds: number[]) => Promise<Set<number>>;

export class OutboxRelay {
  readonly #holder = randomUUID();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #soon: NodeJS.Timeout | null = null;
  /** Until when (this clock) a lease this instance took is surely still its own. */
  readonly #leases = new Map<string, number>();
  #stopped = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly cfg: EventsConfig,
    private readonly deps: { redis: RedisCommands | null; online: OnlineUsers; log: Log },
  ) {}

  start(): void {
    this.#timer = setInterval(() => this.#run(), POLL_MS).unref();
    this.#run();
  }

  /**
   * Relay soon (a change was just committed here): within GATHER_MS, so that under load one pass
   * takes many events; coalesces with a pass in flight.
   */
  kick(): void {
    if (this.#stopped || this.#soon) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#soon = setTimeout(() => {
      this.#soon = null;
      this.#run();
    }, GATHER_MS);
  }

  #run(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#pass()
      .catch((err) => this.deps.log.error("outbox relay failed (retrying)", err))
      .finally(() => {
        this.#running = null;
        if (this.#again) (this.#again = false), this.kick();
      });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    if (this.#soon) clearTimeout(this.#soon);
    await this.#running;
  }

  async #pass(): Promise<void> {
    await Promise.all([this.cfg.stream ? this.#relayStream() : null, this.cfg.webhook ? this.#relayWebhooks() : null]);
  }

  async #relayStream(): Promise<void> {
    const stream = this.cfg.stream;
    const redis = this.deps.redis;
    if (!stream || !redis || !(await this.#takeLease("stream"))) return;
    for (;;) {
      const rows = await this.prisma.$queryRaw<OutboxRow[]>`
        SELECT id, type, data, created_at AS "createdAt" FROM outbox_events
        WHERE stream_pending ORDER BY id LIMIT ${BATCH}`;
      if (rows.length === 0) return;
      const bodies = await renderEvents(this.prisma, rows, this.deps.online);
      const pipeline = redis.pipeline();
      for (const [i, row] of rows.entries())
        pipeline.xadd(stream.key, "MAXLEN", "~", stream.maxLen, "*", "id", eventId(row), "event", bodies[i] as string);
      const results = await pipeline.exec();
      const failed = results?.find(([err]) => err);
      if (!results || failed) throw failed?.[0] ?? new Error("Redis pipeline did not run");
      await this.#done("stream_pending", rows);
      if (rows.length < BATCH) return;
    }
  }

  async #relayWebhooks(): Promise<void> {
    const webhook = this.cfg.webhook;
    if (!webhook) return;
    const leaseMs = this.cfg.leaseMs;
    const rows = await this.prisma.$queryRaw<(OutboxRow & { attempts: number })[]>`
      UPDATE outbox_events SET leased_until = now() + ${leaseMs} * interval '1 millisecond'
      WHERE id IN (
        SELECT o.id FROM outbox_events o
        WHERE o.webhook_pending AND o.next_attempt_at <= now()
          AND (o.leased_until IS NULL OR o.leased_until < now())
          AND NOT EXISTS (SELECT 1 FROM outbox_events p
                          WHERE p.order_key = o.order_key AND p.webhook_pending AND p.id < o.id)
        ORDER BY o.id LIMIT ${WEBHOOK_BATCH} FOR UPDATE SKIP LOCKED)
      RETURNING id, type, data, created_at AS "createdAt", attempts`;
    if (rows.length === 0) return;
    const bodies = await renderEvents(this.prisma, rows, this.deps.online);
    const delivered: OutboxRow[] = [];
    await Promise.all(
      rows.map(async (row, i) => {
        const error = await deliverWebhook(webhook, eventId(row), bodies[i] as string);
        if (!error) return void delivered.push(row);
        if (Date.now() - new Date(row.createdAt).getTime() >= webhook.maxAgeMs) return this.#deadLetter(row, error);
        await this.prisma.$executeRaw`
          UPDATE outbox_events SET attempts = attempts + 1, leased_until = NULL, last_error = ${error},
            next_attempt_at = now() + ${backoffMs(row.attempts)} * interval '1 millisecond'
          WHERE id = ${BigInt(row.id)}`;
      }),
    );
    if (delivered.length) await this.#done("webhook_pending", delivered);
    // Delivered heads free their keys' next events: go on until nothing is due.
    this.#again = true;
  }

  /** A sink has these rows; rows every sink has are gone. One statement. */
  async #done(column: "stream_pending" | "webhook_pending", rows: OutboxRow[]) {
    const ids = rows.map((r) => BigInt(r.id));
    if (column === "stream_pending")
      await this.prisma.$executeRaw`
        WITH gone AS (DELETE FROM outbox_events WHERE id = ANY(${ids}) AND NOT webhook_pending RETURNING id)
        UPDATE outbox_events SET stream_pending = false
        WHERE id = ANY(${ids}) AND id NOT IN (SELECT id FROM gone)`;
    else
      await this.prisma.$executeRaw`
        WITH gone AS (DELETE FROM outbox_events WHERE id = ANY(${ids}) AND NOT stream_pending RETURNING id)
        UPDATE outbox_events SET webhook_pending = false, leased_until = NULL
        WHERE id = ANY(${ids}) AND id NOT IN (SELECT id FROM gone)`;
  }

  async #deadLetter(row: OutboxRow & { attempts: number }, error: string) {
    const id = BigInt(row.id);
    await this.prisma.$transaction([
      this.prisma.$executeRaw`
        INSERT INTO outbox_dead_letters (id, type, order_key, data, created_at, attempts, last_error)
        SELECT id, type, order_key, data, created_at, attempts + 1, ${error} FROM outbox_events WHERE id = ${id}
        ON CONFLICT (id) DO UPDATE SET attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error, dead_at = now()`,
      this.prisma.$executeRaw`UPDATE outbox_events SET webhook_pending = false, leased_until = NULL WHERE id = ${id}`,
      this.prisma.$executeRaw`DELETE FROM outbox_events WHERE id = ${id} AND NOT stream_pending`,
    ]);
    this.deps.log.error(
      `webhook event evt_${id} moved to the dead letters after ${row.attempts + 1} attempts: ${error}`,
    );
  }

  /**
   * True when this instance holds (or now takes) the lease `name`. A lease taken is trusted for half
   * its length without asking again (no other instance can take it before it lapses).
   */
  async #takeLease(name: string): Promise<boolean> {
    const leaseMs = this.cfg.leaseMs;
    if ((this.#leases.get(name) ?? 0) > Date.now()) return true;
    const asked = Date.now();
    const rows = await this.prisma.$queryRaw<{ holder: string }[]>`
      INSERT INTO outbox_leases (name, holder, until) VALUES (${name}, ${this.#holder}, now() + ${leaseMs} * interval '1 millisecond')
      ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
        WHERE outbox_leases.holder = EXCLUDED.holder OR outbox_leases.until < now()
      RETURNING holder`;
    if (rows.length > 0) this.#leases.set(name, asked + leaseMs / 2);
    return rows.length > 0;
  }
}

/** The id every sink gets for an event, stable across retries. */
export const eventId = (row: { id: bigint | string | number }) => `evt_${row.id}`;

/** 1 s, 2 s, 4 s, … at most 5 minutes. */
export const backoffMs = (attempts: number) => Math.min(1000 * 2 ** attempts, 5 * 60_000);
