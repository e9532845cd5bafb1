// Batched reads for message and list fields that depend on the viewer: one statement for all the
// messages (or list entries) a response shows. No cache: a subscription's context lives across
// events, and each event must read what is current.
import DataLoader from "dataloader";
import type { Context } from "../../context.ts";

export type ReactionGroup = { emoji: string; count: number; reactedByMe: boolean };

const reactionLoaders = new WeakMap<Context, DataLoader<bigint, ReactionGroup[], string>>();

/** Per message: its reactions grouped by emoji, most used first, ties by first use. */
export function reactionLoader(ctx: Context): DataLoader<bigint, ReactionGroup[], string> {
  let loader = reactionLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      async (ids: readonly bigint[]) => {
        const me = ctx.viewer?.userId ?? 0;
        const rows = await ctx.prisma.$queryRaw<
          { message_id: bigint; emoji: string; count: number; mine: boolean }[]
        >`SELECT message_id, emoji, count(*)::int AS count, bool_or(user_id = ${me}) AS mine
          FROM message_reactions WHERE message_id = ANY(${ids.map(String)}::bigint[])
          GROUP BY message_id, emoji
          ORDER BY message_id, count(*) DESC, min(id)`;
        const byMessage = new Map<string, ReactionGroup[]>();
        for (const r of rows) {
          const key = String(r.message_id);
          const list = byMessage.get(key) ?? [];
          list.push({ emoji: r.emoji, count: Number(r.count), reactedByMe: r.mine });
          byMessage.set(key, list);
        }
        return ids.map((id) => byMessage.get(String(id)) ?? []);
      },
      { cache: false, cacheKeyFn: String },
    );
    reactionLoaders.set(ctx, loader);
  }
  return loader;
}

/** One emoji on a message, with who reacted, in first-use order (a live delivery's shared read). */
export type ReactionRow = { emoji: string; count: number; userIds: number[] };

// Message rows delivered live, and the change (or new message) each was read for.
const liveRows = new WeakMap<object, string>();

/** Marks a row delivered live: its reactions are read once per change for all the subscribers. */
export function deliveredFor<T extends object>(row: T, change: string): T {
  liveRows.set(row, change);
  return row;
}

/**
 * A message's reactions for the viewer. Delivered live, every subscriber of the instance shares
 * one read per change (with the users, for reactedByMe); otherwise one batched read per response.
 */
export async function reactionsOf(ctx: Context, m: { id: bigint }): Promise<ReactionGroup[]> {
  const change = liveRows.get(m);
  if (change === undefined) return reactionLoader(ctx).load(m.id);
  const rows = await ctx.reactionReads.get(
    `${change}:${m.id}`,
    () => ctx.prisma.$queryRaw<ReactionRow[]>`
      SELECT emoji, count(*)::int AS count, array_agg(user_id) AS "userIds"
      FROM message_reactions WHERE message_id = ${m.id}
      GROUP BY emoji ORDER BY count(*) DESC, min(id)`,
  );
  const me = ctx.viewer?.userId ?? 0;
  return rows.map((r) => ({ emoji: r.emoji, count: Number(r.count), reactedByMe: r.userIds.includes(me) }));
}

const mentionCountLoaders = new WeakMap<Context, DataLoader<{ userId: number; chatId: number }, number, string>>();

/**
 * Per list entry: unread, not deleted messages that mention the user or everyone. Read from the
 * mentions' primary key (user, chat, seq > read_seq) and the partial index of @all messages:
 * never the chat's history.
 */
export function unreadMentionLoader(ctx: Context) {
  let loader = mentionCountLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      async (keys: readonly { userId: number; chatId: number }[]) => {
        const rows = await ctx.prisma.$queryRaw<{ user_id: number; chat_id: number; n: number }[]>`
          SELECT e.user_id, e.chat_id,
            (SELECT count(*) FROM message_mentions mm JOIN messages m ON m.id = mm.message_id
             WHERE mm.user_id = e.user_id AND mm.chat_id = e.chat_id AND mm.seq > e.read_seq
               AND NOT m.is_deleted AND NOT m.mentions_all)::int
            + (SELECT count(*) FROM messages m
               WHERE m.chat_id = e.chat_id AND m.mentions_all AND m.seq > e.read_seq AND NOT m.is_deleted)::int AS n
          FROM chat_entries e
          JOIN unnest(${keys.map((k) => k.userId)}::int[], ${keys.map((k) => k.chatId)}::int[]) AS k(user_id, chat_id)
            ON e.user_id = k.user_id AND e.chat_id = k.chat_id`;
        const counts = new Map(rows.map((r) => [`${r.user_id}:${r.chat_id}`, Number(r.n)]));
        return keys.map((k) => counts.get(`${k.userId}:${k.chatId}`) ?? 0);
      },
      { cache: false, cacheKeyFn: (k) => `${k.userId}:${k.chatId}` },
    );
    mentionCountLoaders.set(ctx, loader);
  }
  return loader;
}
