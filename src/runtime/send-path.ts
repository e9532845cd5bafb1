// The send path's one statement: it takes the chat's next seq, inserts the message, points the chat
// at it and moves the sender's watermark, in one round trip; the chat row's lock orders concurrent
// sends; the mentions' rows go in with it (a CTE), one per mentioned user, none for @all. Its guard
// is the sender's membership, the speak rule and the direct-chat rule (blocks, DIRECT_CHAT_POLICY),
// rendered from their one definitions (roles.ts `speakGuard`, direct-rule.ts `directGuard`). When it
// refuses, the caller asks `speakRefusal` and `directRefusal` why, for the error. Under load, sends
// that queue behind the statements in flight go together in one
// statement of the same rules (group commit, `SendBatcher`). The bench's baselines run the
// one-message statement.

import type { EventsConfig } from "../config.ts";
import { type DirectPolicy, directGuard } from "../domain/direct-rule.ts";
import { speakGuard } from "../domain/roles.ts";
import { type Message, Prisma } from "../generated/prisma/client.ts";
import type { MessageType } from "../generated/prisma/enums.ts";

export type NewMessage = {
  chatId: number;
  senderId: number;
  senderDeviceId: number | null;
  type: MessageType;
  text: string;
  fileId: string | null;
  latitude: number | null;
  longitude: number | null;
  cityCode: number | null;
  address: string | null;
  clientMessageId: string | null;
  /** The hash of the request that first used clientMessageId (null without one). */
  clientRequestHash: string | null;
  /** A message of the same chat, checked before (mentions.ts `resolveReferences`). */
  replyToId?: bigint | null;
  mentionsAll?: boolean;
  /** Members of the chat, checked before (mentions.ts); a row each in message_mentions. */
  mentionIds?: number[];
};

export type StoredMessage = Message;

// The chat row is `chats` in both statements; the batch reads its locked copy as `c` (which must
// carry the chat columns the member part reads).
const guard = speakGuard({ chat: "chats", member: "cm" });
const batchGuard = speakGuard({ chat: "c", member: "cm" });

/**
 * Where the send statements record `message.created` (and `chat.created` for a direct chat's first
 * message) in the outbox, in the same statement; null: no event sinks, no outbox rows.
 */
export type OutboxSinks = { webhook: boolean; stream: boolean } | null;

/** What the send statements enforce and record beyond the speak rule: the deployment's settings. */
export type SendOptions = { policy: DirectPolicy; sinks: OutboxSinks };
const DEFAULT_SEND: SendOptions = { policy: "everyone", sinks: null };

export const sendOptions = (config: { directChatPolicy: DirectPolicy; events: EventsConfig | null }): SendOptions => ({
  policy: config.directChatPolicy,
  sinks: config.events && { webhook: config.events.webhook !== null, stream: config.events.stream !== null },
});

/** `chat`: the chat id of a row of `message m` (a constant in the one-message statement). */
function outboxInsert(sinks: OutboxSinks, chat: Prisma.Sql): Prisma.Sql {
  if (!sinks) return Prisma.empty;
  return Prisma.sql`,
    outbox AS (
      INSERT INTO outbox_events (type, order_key, data, webhook_pending, stream_pending)
      SELECT e.type, 'chat:' || e.chat_id, jsonb_build_object('messageId', e.id::text), ${sinks.webhook}, ${sinks.stream}
      FROM (
        SELECT 'chat.created' AS type, ${chat} AS chat_id, m.id, 0 AS k FROM message m
        WHERE m.seq = 1 AND EXISTS (SELECT 1 FROM chats dc WHERE dc.id = ${chat} AND dc.type = 'DIRECT')
        UNION ALL
        SELECT 'message.created', ${chat}, m.id, 1 FROM message m
      ) e ORDER BY e.id, e.k
    )`;
}

/** The statement; it returns the new message's id and seq, or no row when refused. */
export function sendStatement(m: NewMessage, now: Date, { policy, sinks }: SendOptions = DEFAULT_SEND): Prisma.Sql {
  const direct = directGuard({ chat: "chats", member: "cm" }, policy);
  return Prisma.sql`
    WITH next AS (SELECT nextval(pg_get_serial_sequence('messages', 'id')) AS id),
    chat AS (
      UPDATE chats SET last_seq = last_seq + 1, last_activity_at = ${now}, last_message_id = (SELECT id FROM next)
      WHERE id = ${m.chatId} AND ${guard.chat}
        AND EXISTS (
          SELECT 1 FROM chat_members cm WHERE cm.chat_id = ${m.chatId} AND cm.user_id = ${m.senderId}
            AND ${guard.member} AND ${direct})
      RETURNING last_seq, last_message_id
    ),
    message AS (
      INSERT INTO messages (id, chat_id, seq, sender_id, sender_device_id, type, text, file_id,
                            latitude, longitude, city_code, address, client_message_id, client_request_hash,
                            created_at, reply_to_id, mentions_all)
      SELECT chat.last_message_id, ${m.chatId}, chat.last_seq, ${m.senderId}, ${m.senderDeviceId}::int,
             ${m.type}::message_type, ${m.text}, ${m.fileId}, ${m.latitude}::float8, ${m.longitude}::float8,
             ${m.cityCode}::int, ${m.address}, ${m.clientMessageId}, ${m.clientRequestHash}::text, ${now},
             ${m.replyToId?.toString() ?? null}::bigint, ${m.mentionsAll ?? false}
      FROM chat
      RETURNING id, seq
    ),
    mentioned AS (
      INSERT INTO message_mentions (user_id, chat_id, seq, message_id)
      SELECT u, ${m.chatId}, message.seq, message.id FROM message, unnest(${m.mentionIds ?? []}::int[]) AS u
    ),
    watermark AS (
      UPDATE chat_entries SET read_seq = message.seq, read_message_id = message.id
      FROM message WHERE user_id = ${m.senderId} AND chat_id = ${m.chatId} AND read_seq < message.seq
    )${outboxInsert(sinks, Prisma.sql`${m.chatId}::int`)}
    SELECT id, seq FROM message`;
}

/**
 * Several sends in one statement, the same rules per message: the chats are locked in id order
 * (two batches cannot deadlock), each message takes its chat's next seq in arrival order, a chat
 * points at its newest message, each sender's watermark moves to their newest. Returns, per
 * accepted message, its position in `ms` (1-based), id and seq.
 */
export function sendBatchStatement(
  ms: NewMessage[],
  now: Date,
  { policy, sinks }: SendOptions = DEFAULT_SEND,
): Prisma.Sql {
  const col = <K extends keyof NewMessage>(k: K) => ms.map((m) => m[k]);
  const replyTo = ms.map((m) => m.replyToId?.toString() ?? null);
  // Jagged lists do not unnest: each message's mentions travel as one comma-separated string.
  const mentions = ms.map((m) => (m.mentionIds ?? []).join(","));
  const mentionsAll = ms.map((m) => m.mentionsAll ?? false);
  const direct = directGuard({ chat: "c", member: "cm" }, policy);
  return Prisma.sql`
    WITH input AS (
      SELECT * FROM unnest(${col("chatId")}::int[], ${col("senderId")}::int[], ${col("senderDeviceId")}::int[],
        ${col("type")}::text[], ${col("text")}::text[], ${col("fileId")}::text[], ${col("latitude")}::float8[],
        ${col("longitude")}::float8[], ${col("cityCode")}::int[], ${col("address")}::text[],
        ${col("clientMessageId")}::text[], ${col("clientRequestHash")}::text[], ${replyTo}::bigint[],
        ${mentionsAll}::bool[], ${mentions}::text[])
      WITH ORDINALITY AS t(chat_id, sender_id, sender_device_id, type, text, file_id, latitude, longitude, city_code,
                           address, client_message_id, client_request_hash, reply_to_id, mentions_all, mention_ids, ord)
    ),
    locked AS (
      SELECT id, type, muted FROM chats
      WHERE id IN (SELECT chat_id FROM input) AND ${guard.chat} ORDER BY id FOR UPDATE
    ),
    allowed AS (
      SELECT nextval(pg_get_serial_sequence('messages', 'id')) AS id, a.* FROM (
        SELECT i.*, row_number() OVER w AS k, count(*) OVER (PARTITION BY i.chat_id) AS n
        FROM input i JOIN locked c ON c.id = i.chat_id
        WHERE EXISTS (
          SELECT 1 FROM chat_members cm WHERE cm.chat_id = i.chat_id AND cm.user_id = i.sender_id
            AND ${batchGuard.member} AND ${direct})
        WINDOW w AS (PARTITION BY i.chat_id ORDER BY i.ord)
        ORDER BY i.chat_id, i.ord
      ) a
    ),
    chat AS (
      UPDATE chats SET last_seq = chats.last_seq + a.n, last_activity_at = ${now}, last_message_id = a.id
      FROM allowed a WHERE chats.id = a.chat_id AND a.k = a.n
      RETURNING chats.id, chats.last_seq
    ),
    message AS (
      INSERT INTO messages (id, chat_id, seq, sender_id, sender_device_id, type, text, file_id,
                            latitude, longitude, city_code, address, client_message_id, client_request_hash,
                            created_at, reply_to_id, mentions_all)
      SELECT a.id, a.chat_id, chat.last_seq - a.n + a.k, a.sender_id, a.sender_device_id, a.type::message_type,
             a.text, a.file_id, a.latitude, a.longitude, a.city_code, a.address, a.client_message_id,
             a.client_request_hash, ${now}, a.reply_to_id, a.mentions_all
      FROM allowed a JOIN chat ON chat.id = a.chat_id
      RETURNING id, seq, chat_id, sender_id
    ),
    mentioned AS (
      INSERT INTO message_mentions (user_id, chat_id, seq, message_id)
      SELECT u::int, m.chat_id, m.seq, m.id
      FROM message m JOIN allowed a ON a.id = m.id, unnest(string_to_array(a.mention_ids, ',')) AS u
    ),
    watermark AS (
      UPDATE chat_entries e SET read_seq = w.seq, read_message_id = w.id
      FROM (SELECT DISTINCT ON (sender_id, chat_id) sender_id, chat_id, seq, id FROM message
            ORDER BY sender_id, chat_id, seq DESC) w
      WHERE e.user_id = w.sender_id AND e.chat_id = w.chat_id AND e.read_seq < w.seq
    )${outboxInsert(sinks, Prisma.sql`m.chat_id`)}
    SELECT a.ord, m.id, m.seq FROM message m JOIN allowed a ON a.id = m.id`;
}

type Pending = { m: NewMessage; resolve: (s: StoredMessage | null) => void; reject: (err: unknown) => void };

/** A row of the send statements: the message's place in the batch (batches only), id and seq. */
export type SentRow = { ord?: number | bigint | string; id: bigint | string; seq: number | string };

/** The send statements' runner. */
export type RunSql = (statement: Prisma.Sql) => Promise<SentRow[]>;

/**
 * Group commit: up to `maxRunning` send statements run at once; sends that arrive while they do
 * wait and go together in the next statement. A lone send waits for nothing; under load, one
 * round trip stores many messages. A batch that fails as a whole (a retried clientMessageId
 * breaking its unique key) is retried one message at a time, so each gets its own answer.
 */
export class SendBatcher {
  readonly #queue: Pending[] = [];
  #running = 0;

  constructor(
    private readonly run: RunSql,
    private readonly maxRunning = 2,
    private readonly maxBatch = 100,
    private readonly options: SendOptions = DEFAULT_SEND,
    /** Hears the size of each statement's batch (metrics). */
    private readonly onBatch: (size: number) => void = () => {},
  ) {}

  insert(m: NewMessage): Promise<StoredMessage | null> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ m, resolve, reject });
      this.#pump();
    });
  }

  #pump() {
    while (this.#running < this.maxRunning && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.maxBatch);
      this.#running++;
      void this.#store(batch).finally(() => {
        this.#running--;
        this.#pump();
      });
    }
  }

  async #store(batch: Pending[]) {
    this.onBatch(batch.length);
    if (batch.length > 1) {
      const now = new Date();
      const rows = await this.run(
        sendBatchStatement(
          batch.map((p) => p.m),
          now,
          this.options,
        ),
      ).catch(() => null); // answered one by one below, each with its own outcome
      if (rows) {
        const stored = new Map(rows.map((r) => [Number(r.ord), r]));
        for (const [i, p] of batch.entries()) {
          try {
            p.resolve(storedMessage(p.m, stored.get(i + 1), now));
          } catch (err) {
            p.reject(err); // stored, but its row was not understood: an error, not a second insert
          }
        }
        return;
      }
    }
    await Promise.all(batch.map((p) => this.#storeOne(p.m).then(p.resolve, p.reject)));
  }

  async #storeOne(m: NewMessage): Promise<StoredMessage | null> {
    const now = new Date();
    return storedMessage(m, (await this.run(sendStatement(m, now, this.options)))[0], now);
  }
}

/** The message as stored, from the statement's row (id and seq; pg may give the id as a string). */
function storedMessage(m: NewMessage, row: SentRow | undefined, now: Date): StoredMessage | null {
  if (!row) return null;
  // Every column named (a rest and a spread of this many keys build the object key by key).
  return {
    id: BigInt(row.id),
    chatId: m.chatId,
    seq: Number(row.seq),
    senderId: m.senderId,
    senderDeviceId: m.senderDeviceId,
    type: m.type,
    text: m.text,
    fileId: m.fileId,
    latitude: m.latitude,
    longitude: m.longitude,
    cityCode: m.cityCode,
    address: m.address,
    clientMessageId: m.clientMessageId,
    clientRequestHash: m.clientRequestHash,
    isDeleted: false,
    createdAt: now,
    editedAt: null,
    replyToId: m.replyToId ?? null,
    mentionsAll: m.mentionsAll ?? false,
  };
}

const batchers = new WeakMap<RunSql, SendBatcher>();

/**
 * Null when the sender may not send to the chat (see the guard above). One set of options and one
 * `onBatch` per client (the first call's).
 */
export function insertMessage(
  run: RunSql,
  m: NewMessage,
  options: SendOptions,
  onBatch?: (size: number) => void,
): Promise<StoredMessage | null> {
  let batcher = batchers.get(run);
  if (!batcher) {
    batcher = new SendBatcher(run, 2, 100, options, onBatch);
    batchers.set(run, batcher);
  }
  return batcher.insert(m);
}
