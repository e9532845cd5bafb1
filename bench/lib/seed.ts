// Bulk data through SQL, not through the API: users, direct chats, a big group, a big history.
import pg from "pg";

export type Pair = { sender: number; receiver: number; chatId: number };

export async function withPg<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** n users named `${tag}<i>`; returns their ids in order. */
export async function users(c: pg.Client, tag: string, n: number): Promise<number[]> {
  const r = await c.query(
    `INSERT INTO users (username, password_hash, nickname, updated_at)
     SELECT $1 || i, 'none', $1 || i, now() FROM generate_series(1, $2::int) i RETURNING id`,
    [tag, n],
  );
  return r.rows.map((x) => x.id as number).sort((a, b) => a - b);
}

/** One direct chat per receiver, with senders taken round-robin. */
export async function directChats(c: pg.Client, senders: number[], receivers: number[]): Promise<Pair[]> {
  const pairs = receivers.map((receiver, i) => ({ sender: senders[i % senders.length] as number, receiver }));
  const r = await c.query(
    `INSERT INTO chats (type, pair_key, member_count)
     SELECT 'DIRECT', least(s, r) || ':' || greatest(s, r), 2 FROM unnest($1::int[], $2::int[]) AS t(s, r) RETURNING id, pair_key`,
    [pairs.map((p) => p.sender), pairs.map((p) => p.receiver)],
  );
  const byKey = new Map(r.rows.map((x) => [x.pair_key as string, x.id as number]));
  const out = pairs.map((p) => ({
    ...p,
    chatId: byKey.get(`${Math.min(p.sender, p.receiver)}:${Math.max(p.sender, p.receiver)}`) as number,
  }));
  const chatIds = out.flatMap((p) => [p.chatId, p.chatId]);
  const userIds = out.flatMap((p) => [p.sender, p.receiver]);
  const peers = out.flatMap((p) => [p.receiver, p.sender]);
  await c.query("INSERT INTO chat_members (chat_id, user_id) SELECT * FROM unnest($1::int[], $2::int[])", [
    chatIds,
    userIds,
  ]);
  await c.query(
    "INSERT INTO chat_entries (chat_id, user_id, peer_id) SELECT * FROM unnest($1::int[], $2::int[], $3::int[])",
    [chatIds, userIds, peers],
  );
  return out;
}

export async function group(c: pg.Client, owner: number, members: number[]): Promise<number> {
  const all = [owner, ...members];
  const id = (
    await c.query(
      "INSERT INTO chats (type, name, owner_id, member_count) VALUES ('GROUP', 'big', $1, $2) RETURNING id",
      [owner, all.length],
    )
  ).rows[0].id as number;
  await c.query(
    "INSERT INTO chat_members (chat_id, user_id, role) SELECT $1, u, CASE WHEN u = $2 THEN 'OWNER'::member_role ELSE 'MEMBER' END FROM unnest($3::int[]) u",
    [id, owner, all],
  );
  await c.query("INSERT INTO chat_entries (chat_id, user_id) SELECT $1, u FROM unnest($2::int[]) u", [id, all]);
  return id;
}

/** `perChat` messages in each chat, alternating senders, with seq, last message and activity set. */
export async function history(c: pg.Client, pairs: Pair[], perChat: number): Promise<void> {
  await c.query(
    `INSERT INTO messages (chat_id, seq, sender_id, type, text, created_at)
     SELECT p.chat_id, s, CASE WHEN s % 2 = 0 THEN p.sender ELSE p.receiver END, 'TEXT', 'message ' || s,
            now() - interval '1 second' * (random() * 86400 * 30)
     FROM unnest($1::int[], $2::int[], $3::int[]) AS p(chat_id, sender, receiver), generate_series(1, $4::int) s`,
    [pairs.map((p) => p.chatId), pairs.map((p) => p.sender), pairs.map((p) => p.receiver), perChat],
  );
  await c.query(
    `UPDATE chats c SET last_seq = m.seq, last_message_id = m.id, last_activity_at = m.created_at
     FROM (SELECT DISTINCT ON (chat_id) chat_id, seq, id, created_at FROM messages WHERE chat_id = ANY($1::int[]) ORDER BY chat_id, seq DESC) m
     WHERE c.id = m.chat_id`,
    [pairs.map((p) => p.chatId)],
  );
  await c.query("ANALYZE");
}
