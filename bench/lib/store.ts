// The store-a-message transaction that the baselines run in plain SQL: the same statements xim's
// sendMessage issues (membership check, next seq, insert, last message, sender's watermark).
import type pg from "pg";

export type StoredMessage = {
  id: string;
  chatId: number;
  seq: number;
  senderId: number;
  text: string;
  createdAt: string;
};

export async function storeMessage(
  pool: pg.Pool,
  senderId: number,
  chatId: number,
  text: string,
): Promise<StoredMessage> {
  const c = await pool.connect();
  try {
    await c.query("BEGIN");
    const m = await c.query(
      "SELECT 1 FROM chat_members cm JOIN chats ch ON ch.id = cm.chat_id WHERE cm.chat_id = $1 AND cm.user_id = $2 AND NOT ch.is_deleted",
      [chatId, senderId],
    );
    if (m.rowCount === 0) throw new Error("not a member");
    const seq = (
      await c.query(
        "UPDATE chats SET last_seq = last_seq + 1, last_activity_at = now() WHERE id = $1 RETURNING last_seq",
        [chatId],
      )
    ).rows[0].last_seq as number;
    const row = (
      await c.query(
        "INSERT INTO messages (chat_id, seq, sender_id, type, text) VALUES ($1, $2, $3, 'TEXT', $4) RETURNING id, created_at",
        [chatId, seq, senderId, text],
      )
    ).rows[0];
    await c.query("UPDATE chats SET last_message_id = $1 WHERE id = $2", [row.id, chatId]);
    await c.query(
      "UPDATE chat_entries SET read_seq = $1, read_message_id = $2 WHERE user_id = $3 AND chat_id = $4 AND read_seq < $1",
      [seq, row.id, senderId, chatId],
    );
    await c.query("COMMIT");
    return { id: String(row.id), chatId, seq, senderId, text, createdAt: new Date(row.created_at).toISOString() };
  } catch (err) {
    await c.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    c.release();
  }
}

export async function chatsOf(pool: pg.Pool, userId: number): Promise<number[]> {
  const r = await pool.query("SELECT chat_id FROM chat_members WHERE user_id = $1", [userId]);
  return r.rows.map((x) => x.chat_id as number);
}
