// The recent-chat list: pinned first, then by last activity; hidden chats come back with their
// next message. One keyset-paged SQL query finds a page, whatever the number of chats.
import { badInput, INT4_MAX } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { timeInRange } from "./validate.ts";

type Key = { pinned: boolean; activity: Date; chatId: number };

export function encodeCursor(k: Key): string {
  return Buffer.from(`${k.pinned ? 1 : 0}:${k.activity.getTime()}:${k.chatId}`).toString("base64url");
}

function decodeCursor(cursor: string): Key {
  const m = /^([01]):(\d{1,15}):([1-9]\d{0,9})$/.exec(Buffer.from(cursor, "base64url").toString());
  const key = m && { pinned: m[1] === "1", activity: new Date(Number(m[2])), chatId: Number(m[3]) };
  if (!key || key.chatId > INT4_MAX || !timeInRange(key.activity)) throw badInput("after", "not a valid cursor");
  return key;
}

/** One page of the caller's visible chats, in list order, plus whether more follow. */
export async function recentChatPage(prisma: PrismaClient, userId: number, first: number, after: string | null) {
  const c = after ? decodeCursor(after) : null;
  const rows = await prisma.$queryRaw<{ chat_id: number; pinned: boolean; activity: Date }[]>`
    SELECT e.chat_id, e.pinned, GREATEST(c.last_activity_at, e.activity_at) AS activity
    FROM chat_entries e JOIN chats c ON c.id = e.chat_id
    WHERE e.user_id = ${userId} AND NOT c.is_deleted
      AND (e.hidden_seq IS NULL OR c.last_seq > e.hidden_seq)
      AND (${c === null} OR (e.pinned::int, GREATEST(c.last_activity_at, e.activity_at), e.chat_id)
           < (${c ? Number(c.pinned) : 0}::int, ${c?.activity ?? new Date(0)}::timestamptz, ${c?.chatId ?? 0}::int))
    ORDER BY e.pinned DESC, activity DESC, e.chat_id DESC
    LIMIT ${first + 1}`;
  const keys = rows.slice(0, first).map((r) => ({ pinned: r.pinned, activity: r.activity, chatId: r.chat_id }));
  return { keys, hasNextPage: rows.length > first };
}

/** Unread messages over the caller's visible chats, not counting do-not-disturb chats. */
export async function unreadTotal(prisma: PrismaClient, userId: number): Promise<number> {
  const [row] = await prisma.$queryRaw<{ total: bigint | null }[]>`
    SELECT SUM(GREATEST(c.last_seq - e.read_seq, 0)) AS total
    FROM chat_entries e
    JOIN chats c ON c.id = e.chat_id
    JOIN chat_members m ON m.chat_id = e.chat_id AND m.user_id = e.user_id
    WHERE e.user_id = ${userId} AND NOT c.is_deleted AND NOT m.do_not_disturb
      AND (e.hidden_seq IS NULL OR c.last_seq > e.hidden_seq)`;
  return Number(row?.total ?? 0);
}
