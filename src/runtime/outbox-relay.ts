// Relays the outbox (domain/events.ts) to its sinks; every instance runs one. The Redis stream is
// fed by one instance at a time (a lease row), in outbox order. Webhooks: any instance takes the
// oldest pending event of each order key (a chat, a user) that no one holds, with a lease (a relay
// that dies mid-delivery is replaced when it lapses), so a chat's events arrive in order; a failed
// delivery is retried with backoff under the same webhook-id, and after WEBHOOK_MAX_AGE it moves to
// the dead letters and the key's later events go on. At least once, never lost.
import { randomUUID } from "node:crypto";
import pLimit from "p-limit";
import type { EventsConfig } from "../config.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { RedisCommands } from "../redis.ts";
import { type OnlineUsers, type OutboxRow, renderEvents } from "./outbox-render.ts";
import type { RawSql, Transact } from "./sql.ts";
import { closeWebhookTarget, deliverWebhook } from "./webhooks.ts";

const BATCH = 200;
/** Stream batches one pass appends at most (a backlog: the rest in the next passes). */
const STREAM_BATCHES_PER_PASS = 10;
/** Keys (chats) a pass takes per connection to the webhook: WEBHOOK_CONCURRENCY × this. */
const CHATS_PER_CONNECTION = 16;
/** Events of a key delivered behind its head in one pass. */
const FOLLOWERS = 100;
const POLL_MS = 250;
const GATHER_MS = 40;
/**
 * After a pass that relayed BUSY_PASS events or more, the next one gathers for GATHER_BUSY_MS:
 * under load a chat's events then go as one head and its followers rather than one head a pass
 * each, whose walk and lease are most of PostgreSQL's work for the webhook (bench/RESULTS.md), for
 * ~0.2 s more latency while busy. A quiet relay still answers within GATHER_MS.
 */
const BUSY_PASS = 25;
const GATHER_BUSY_MS = 250;
/** How long a rendered event is reused (the stream and the webhook pass of the same moment share it). */
const RENDERED_MS = 2000;

/** `leasedUntil`: a head's lease as this relay took it (followers are not leased: null). */
type WebhookConfig = NonNullable<EventsConfig["webhook"]>;
type PendingRow = OutboxRow & { attempts: number; orderKey: string; leasedUntil?: Date | null };
/** What one pass took for the webhook: each key's due events in order, and until when a delivery may start. */
type WebhookRuns = { runs: PendingRow[][]; everyKey: boolean; startBy: number };
/** The ids each sink got in one pass. */
type Sent = { stream: bigint[]; webhook: bigint[] };
export type Log = { error(fields: object, message: string): void };
/** What the services hold of a relay: this thread's (OutboxRelay) or a worker thread's (outbox-thread.ts). */
export type Outbox = { start(): void; kick(): void; stop(): Promise<void> };

export class OutboxRelay implements Outbox {
  readonly #holder: string;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #soon: NodeJS.Timeout | null = null;
  /** Until when (this clock) a lease this instance took is surely still its own. */
  readonly #leases = new Map<string, number>();
  #stopped = false;
  /** Bodies rendered lately, by event id: each row is rendered once for both sinks. */
  readonly #rendered = new Map<string, { at: number; body: Promise<string> }>();
  /** Where the next webhook pass starts walking the keys. */
  #nextKey = "";
  /** How long the next pass gathers committed events (GATHER_MS, or GATHER_BUSY_MS after a busy pass). */
  #gatherMs = GATHER_MS;

  /**
   * `sql` runs the relay's statements (on the pg pool with PostgreSQL: without the ORM's per-row
   * conversion, bench/RESULTS.md); `transact` its rare transaction (a dead letter).
   */
  constructor(
    private readonly sql: RawSql,
    private readonly transact: Transact,
    private readonly cfg: EventsConfig,
    private readonly deps: {
      redis: RedisCommands | null;
      online: OnlineUsers;
      log: Log;
      /** Hears each pass begin (before it reads the outbox): what was committed by now, it relays. */
      passing?: () => void;
      /** Whose leases this relay takes (a new id unless told: a restarted thread keeps its predecessor's). */
      holder?: string;
      /**
       * Runs the renders' reads of messages and members (`sql` unless told). On PostgreSQL, as
       * unnamed statements, planned for each run: a named one keeps the plan made with the
       * statistics of its first runs, and one made while `messages` was small (a new database, the
       * bench's) went on reading the whole table long after it had grown (22 ms a render of 200
       * messages at 25,000 rows, bench/RESULTS.md). Two statements a render: planning them is cheap.
       */
      renderSql?: RawSql;
    },
  ) {
    this.#holder = deps.holder ?? randomUUID();
  }

  start(): void {
    this.#timer = setInterval(() => this.#run(), POLL_MS).unref();
    this.#run();
  }

  /**
   * Relay soon (a change was just committed here): within GATHER_MS (GATHER_BUSY_MS after a busy
   * pass), so that under load one pass takes many events; coalesces with a pass in flight.
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
    }, this.#gatherMs);
  }

  #run(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#pass()
      .catch((err) => this.deps.log.error({ err }, "outbox relay failed (retrying)"))
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
    if (this.cfg.webhook) await closeWebhookTarget(this.cfg.webhook);
  }

  /**
   * Both sinks' relays, side by side; what each delivered is marked at the end, together: an event
   * both took in this pass is deleted in one statement, without clearing each flag first. The
   * webhook's rows are taken first: when they are every key's pending events, the stream goes no
   * further than they do, so that both sinks take the same events and each row is written once
   * more (its DELETE), not three times (a flag cleared by each sink, then the DELETE).
   */
  async #pass(): Promise<void> {
    this.deps.passing?.();
    const sent: Sent = { stream: [], webhook: [] };
    const webhook = this.cfg.webhook;
    const [taken] = await Promise.allSettled([webhook ? this.#takeWebhookRows(webhook, this.#nextKey) : null]);
    const rows = taken.status === "fulfilled" ? taken.value : null;
    const upTo = rows?.everyKey && rows.runs.length ? maxId(rows.runs.flat()) : null;
    // Both run to their end (one failing does not cut the other short), then what they sent is marked.
    const outcomes = await Promise.allSettled([
      this.cfg.stream ? this.#relayStream(sent.stream, upTo) : null,
      webhook && rows ? this.#deliverWebhooks(webhook, rows, sent.webhook) : null,
    ]);
    await this.#done(sent);
    this.#gatherMs = Math.max(sent.stream.length, sent.webhook.length) >= BUSY_PASS ? GATHER_BUSY_MS : GATHER_MS;
    for (const o of outcomes) if (o.status === "rejected") throw o.reason;
    if (taken.status === "rejected") throw taken.reason;
  }

  /**
   * Appends the pending events to the stream, in outbox order, those after `upTo` left to the next
   * pass; `sent` gets their ids.
   */
  async #relayStream(sent: bigint[], upTo: bigint | null): Promise<void> {
    const stream = this.cfg.stream;
    const redis = this.deps.redis;
    if (!stream || !redis || !(await this.#takeLease("stream"))) return;
    for (;;) {
      // Past what this pass sent (its rows are marked when the pass ends).
      const rows = await this.sql<OutboxRow>(Prisma.sql`
        SELECT id, type, data, created_at AS "createdAt" FROM outbox_events
        WHERE stream_pending AND id > ${sent.at(-1) ?? 0n} AND id <= ${upTo ?? MAX_ID} ORDER BY id LIMIT ${BATCH}::int`);
      if (rows.length === 0) return;
      const bodies = await this.#render(rows);
      const pipeline = redis.pipeline();
      for (const [i, row] of rows.entries())
        pipeline.xadd(stream.key, "MAXLEN", "~", stream.maxLen, "*", "id", eventId(row), "event", bodies[i] as string);
      const results = await pipeline.exec();
      const failed = results?.find(([err]) => err);
      if (!results || failed) throw failed?.[0] ?? new Error("Redis pipeline did not run");
      for (const row of rows) sent.push(BigInt(row.id));
      if (rows.length < BATCH) return;
      // A backlog goes on in the next pass: this one's deliveries are marked without waiting for it.
      if (sent.length >= BATCH * STREAM_BATCHES_PER_PASS) {
        this.#again = true;
        return;
      }
    }
  }

  /**
   * The due events of the keys this relay now holds, each key's in order; `everyKey` when they are
   * all the pending events (every key walked and taken, none with more than FOLLOWERS behind its head).
   */
  async #takeWebhookRows(webhook: WebhookConfig, after: string): Promise<WebhookRuns> {
    const leaseMs = this.cfg.leaseMs;
    const leasedAt = Date.now();
    const batch = CHATS_PER_CONNECTION * webhook.concurrency;
    // The heads: the oldest pending event of each key, due and held by no one. Only a head is ever
    // taken, so no two relays deliver one key's events at once. The keys are walked one index probe
    // each (a loose index scan of the pending rows' (order_key, id) index), from where the last
    // pass stopped, at most `batch` of them: a pass costs the same whatever the backlog, and no key
    // waits behind the others for long.
    const taken = await this.sql<PendingRow & { walked: number; last: string | null }>(Prisma.sql`
      WITH RECURSIVE k AS (
        (SELECT order_key, id FROM outbox_events WHERE webhook_pending AND order_key > ${after}
         ORDER BY order_key, id LIMIT 1)
        UNION ALL
        SELECT n.order_key, n.id FROM k CROSS JOIN LATERAL (
          SELECT order_key, id FROM outbox_events WHERE webhook_pending AND order_key > k.order_key
          ORDER BY order_key, id LIMIT 1) n
      ), walk AS (SELECT order_key, id FROM k LIMIT ${batch}::int),
      taken AS (
        UPDATE outbox_events SET leased_until = now() + ${leaseMs}::int * interval '1 millisecond'
        WHERE id IN (
          SELECT o.id FROM outbox_events o WHERE o.id IN (SELECT id FROM walk) AND o.webhook_pending
            AND o.next_attempt_at <= now() AND (o.leased_until IS NULL OR o.leased_until < now())
          FOR UPDATE SKIP LOCKED)
        RETURNING id, type, data, created_at AS "createdAt", attempts, order_key AS "orderKey",
          leased_until AS "leasedUntil"
      )
      SELECT s.walked, s.last, t.* FROM (SELECT count(*)::int AS walked, max(order_key) AS last FROM walk) s
      LEFT JOIN taken t ON true`);
    const walked = taken[0]?.walked ?? 0;
    const heads: PendingRow[] = taken.filter((h) => h.id !== null);
    // A full walk: the next pass starts after its last key; else from the first key again.
    this.#nextKey = walked >= batch ? (taken[0]?.last ?? "") : "";
    if (heads.length === 0) return { runs: [], everyKey: false, startBy: 0 };
    // Behind each head, the key's next events: this relay owns them while it holds the head (no
    // one takes a row with an older pending one), so a busy chat is not one event per pass.
    const followers = await this.sql<PendingRow>(Prisma.sql`
      SELECT f.id, f.type, f.data, f."createdAt", f.attempts, f."orderKey"
      FROM unnest(${heads.map((h) => h.orderKey)}::text[], ${heads.map((h) => BigInt(h.id))}::bigint[]) AS h(k, id)
      CROSS JOIN LATERAL (
        SELECT o.id, o.type, o.data, o.created_at AS "createdAt", o.attempts, o.order_key AS "orderKey"
        FROM outbox_events o WHERE o.webhook_pending AND o.order_key = h.k AND o.id > h.id
        ORDER BY o.id LIMIT ${FOLLOWERS}::int) f
      ORDER BY f.id`);
    const byKey = new Map(heads.map((h) => [h.orderKey, [h]]));
    for (const f of followers) {
      const run = byKey.get(f.orderKey);
      if (run && BigInt(f.id) > BigInt((run[0] as PendingRow).id)) run.push(f);
    }
    const runs = [...byKey.values()];
    const everyKey =
      after === "" && walked < batch && heads.length === walked && runs.every((r) => r.length <= FOLLOWERS);
    // A delivery starts only if it ends (answered or timed out) well before the leases lapse: no
    // other relay may take a key while one of its events is still on its way.
    return { runs, everyKey, startBy: leasedAt + leaseMs - webhook.timeoutMs - leaseMs / 10 };
  }

  /** Delivers `runs` to the webhook, each in order; `sent` gets the delivered ids. */
  async #deliverWebhooks(webhook: WebhookConfig, { runs, startBy }: WebhookRuns, sent: bigint[]): Promise<void> {
    if (runs.length === 0) return;
    const rows = runs.flat();
    const bodies = new Map((await this.#render(rows)).map((body, i) => [eventId(rows[i] as PendingRow), body]));
    // At most WEBHOOK_CONCURRENCY deliveries on their way; the lease is checked when one may go.
    const slot = pLimit(webhook.concurrency);
    const attempt = async (row: PendingRow): Promise<string | null | typeof TOO_LATE> =>
      Date.now() > startBy ? TOO_LATE : deliverWebhook(webhook, eventId(row), bodies.get(eventId(row)) as string);
    const outcomes = await Promise.allSettled(
      runs.map(async (run) => {
        // In order; a failure stops the key: the failed event becomes its head, retried with backoff.
        for (const row of run) {
          const error = await slot(attempt, row);
          if (error === TOO_LATE) {
            // The rest of the key waits for the next pass; a head not delivered is let go at once
            // (only if the lease is still the one this relay took).
            if (row === run[0] && row.leasedUntil)
              await this.sql(Prisma.sql`
                UPDATE outbox_events SET leased_until = NULL WHERE id = ${BigInt(row.id)} AND leased_until = ${row.leasedUntil}`);
            return;
          }
          if (!error) {
            sent.push(BigInt(row.id));
            continue;
          }
          if (Date.now() - new Date(row.createdAt).getTime() >= webhook.maxAgeMs) await this.#deadLetter(row, error);
          else
            await this.sql(Prisma.sql`
              UPDATE outbox_events SET attempts = attempts + 1, leased_until = NULL, last_error = ${error},
                next_attempt_at = now() + ${backoffMs(row.attempts)}::int * interval '1 millisecond'
              WHERE id = ${BigInt(row.id)}`);
          return;
        }
      }),
    );
    // Every run ends before the pass is marked (none still delivering past it); then a failure is reported.
    for (const o of outcomes) if (o.status === "rejected") throw o.reason;
    // Delivered heads free their keys' next events: go on until nothing is due.
    this.#again = true;
  }

  /**
   * The bodies of `rows`: those rendered within RENDERED_MS (by the other sink's pass) are reused,
   * the others rendered together in one call (pushTo is still computed at relay time).
   */
  async #render(rows: OutboxRow[]): Promise<string[]> {
    const now = Date.now();
    for (const [id, r] of this.#rendered) {
      if (now - r.at < RENDERED_MS) break; // in insertion order: the rest are newer
      this.#rendered.delete(id);
    }
    const missing = rows.filter((r) => !this.#rendered.has(eventId(r)));
    if (missing.length) {
      const batch = renderEvents(this.deps.renderSql ?? this.sql, missing, this.deps.online);
      for (const [i, row] of missing.entries())
        this.#rendered.set(eventId(row), { at: now, body: batch.then((b) => b[i] as string) });
      // A failed render is not kept: the next pass renders again.
      batch.catch(() => {
        for (const row of missing) this.#rendered.delete(eventId(row));
      });
    }
    return Promise.all(rows.map((r) => this.#rendered.get(eventId(r))?.body as Promise<string>));
  }

  /** Marks what the pass delivered: rows every sink has are gone. */
  async #done(sent: Sent) {
    const both = this.cfg.stream !== null && this.cfg.webhook !== null;
    const inStream = new Set(sent.stream);
    const everywhere = both ? sent.webhook.filter((id) => inStream.has(id)) : [];
    const all = new Set(everywhere);
    const streamOnly = sent.stream.filter((id) => !all.has(id));
    const webhookOnly = sent.webhook.filter((id) => !all.has(id));
    await Promise.all([
      everywhere.length ? this.sql(Prisma.sql`DELETE FROM outbox_events WHERE id = ANY(${everywhere})`) : null,
      streamOnly.length ? markRelayed(this.sql, "stream_pending", streamOnly, both) : null,
      webhookOnly.length ? markRelayed(this.sql, "webhook_pending", webhookOnly, both) : null,
    ]);
  }

  async #deadLetter(row: OutboxRow & { attempts: number }, error: string) {
    const id = BigInt(row.id);
    await this.transact([
      Prisma.sql`
        INSERT INTO outbox_dead_letters (id, type, order_key, data, created_at, attempts, last_error)
        SELECT id, type, order_key, data, created_at, attempts + 1, ${error} FROM outbox_events WHERE id = ${id}
        ON CONFLICT (id) DO UPDATE SET attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error, dead_at = now()`,
      Prisma.sql`UPDATE outbox_events SET webhook_pending = false, leased_until = NULL WHERE id = ${id}`,
      Prisma.sql`DELETE FROM outbox_events WHERE id = ${id} AND NOT stream_pending`,
    ]);
    this.deps.log.error(
      { event: `evt_${id}`, attempts: row.attempts + 1, error },
      "webhook event moved to the dead letters",
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
    const rows = await this.sql<{ holder: string }>(Prisma.sql`
      INSERT INTO outbox_leases (name, holder, until) VALUES (${name}, ${this.#holder}, now() + ${leaseMs}::int * interval '1 millisecond')
      ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
        WHERE outbox_leases.holder = EXCLUDED.holder OR outbox_leases.until < now()
      RETURNING holder`);
    if (rows.length > 0) this.#leases.set(name, asked + leaseMs / 2);
    return rows.length > 0;
  }
}

type SinkColumn = "stream_pending" | "webhook_pending";

/**
 * Rows `ids` reached the sink of `column`; rows every sink has are deleted. With one sink, one
 * DELETE. With two, the flag is cleared first: its row lock orders this against the other sink's
 * clearing, so whichever clears second sees the other's flag down and deletes (a DELETE judged on
 * its snapshot alone would miss a clearing not yet committed, and the row would stay for good).
 */
export async function markRelayed(sql: RawSql, column: SinkColumn, ids: bigint[], bothSinks: boolean): Promise<void> {
  if (!bothSinks) {
    await sql(Prisma.sql`DELETE FROM outbox_events WHERE id = ANY(${ids})`);
    return;
  }
  const cleared =
    column === "stream_pending"
      ? await sql<{ id: bigint | string; other: boolean }>(Prisma.sql`
          UPDATE outbox_events SET stream_pending = false WHERE id = ANY(${ids})
          RETURNING id, webhook_pending AS other`)
      : await sql<{ id: bigint | string; other: boolean }>(Prisma.sql`
          UPDATE outbox_events SET webhook_pending = false, leased_until = NULL WHERE id = ANY(${ids})
          RETURNING id, stream_pending AS other`);
  const gone = cleared.filter((r) => !r.other).map((r) => BigInt(r.id));
  if (gone.length)
    await sql(Prisma.sql`
      DELETE FROM outbox_events WHERE id = ANY(${gone}) AND NOT stream_pending AND NOT webhook_pending`);
}

const MAX_ID = 2n ** 63n - 1n;
/** A delivery not started: the leases would lapse before it could end. */
const TOO_LATE = Symbol("too late");
const maxId = (rows: { id: bigint | string | number }[]) =>
  rows.reduce((m, r) => (BigInt(r.id) > m ? BigInt(r.id) : m), 0n);

/** The id every sink gets for an event, stable across retries. */
export const eventId = (row: { id: bigint | string | number }) => `evt_${row.id}`;

/** 1 s, 2 s, 4 s, … at most 5 minutes. */
export const backoffMs = (attempts: number) => Math.min(1000 * 2 ** attempts, 5 * 60_000);
