// What the baselines store per message: xim's own send statement (src/im/store.ts), run with pg.
import type pg from "pg";
import { sendStatement } from "../../src/im/store.ts";

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
  const createdAt = new Date();
  const statement = sendStatement(
    {
      chatId,
      senderId,
      senderDeviceId: null,
      type: "TEXT",
      text,
      fileId: null,
      latitude: null,
      longitude: null,
      cityCode: null,
      address: null,
      clientMessageId: null,
    },
    createdAt,
  );
  const row = (await pool.query(statement.text, statement.values)).rows[0];
  if (!row) throw new Error("not a member");
  return { id: String(row.id), chatId, seq: row.seq, senderId, text, createdAt: createdAt.toISOString() };
}

export async function chatsOf(pool: pg.Pool, userId: number): Promise<number[]> {
  const r = await pool.query("SELECT chat_id FROM chat_members WHERE user_id = $1", [userId]);
  return r.rows.map((x) => x.chat_id as number);
}
