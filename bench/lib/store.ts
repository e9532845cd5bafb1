// What the baselines store per message: xim's own send statement (src/runtime/send-path.ts), run
// with pg as xim runs it,
// with the same group commit as xim (sends that queue behind the statements in flight go together);
// with BENCH_STORE=single, one statement per message, as most Socket.IO servers would be written.
import type pg from "pg";
import { SendBatcher } from "../../src/runtime/send-path.ts";
import { pgRunner } from "../../src/runtime/sql.ts";

export type StoredMessage = {
  id: string;
  chatId: number;
  seq: number;
  senderId: number;
  text: string;
  createdAt: string;
};

export function messageStore(pool: pg.Pool) {
  // xim's runner on PostgreSQL: named prepared statements.
  const run = pgRunner(pool);
  const batcher = process.env.BENCH_STORE === "single" ? new SendBatcher(run, Infinity, 1) : new SendBatcher(run);
  return async (senderId: number, chatId: number, text: string): Promise<StoredMessage> => {
    const m = await batcher.insert({
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
      clientRequestHash: null,
    });
    if (!m) throw new Error("not a member");
    return { id: String(m.id), chatId, seq: m.seq, senderId, text, createdAt: m.createdAt.toISOString() };
  };
}

export async function chatsOf(pool: pg.Pool, userId: number): Promise<number[]> {
  const r = await pool.query("SELECT chat_id FROM chat_members WHERE user_id = $1", [userId]);
  return r.rows.map((x) => x.chat_id as number);
}
