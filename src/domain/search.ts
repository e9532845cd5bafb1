// Message search: the text contains the query, case-insensitively, in any script (CJK has no
// spaces between words, so it is a substring match, not a word match). Only the chats the caller
// is a member of now (all of them, or one), never a deleted message; newest first by message id,
// whose decimal form is the cursor.
//
// Two ways to answer, by the query:
// - it holds 3 or more letters or digits in a row: the pg_trgm index on messages.text serves it
//   (ILIKE), and the answer is complete page by page;
// - otherwise (1-2 characters, which in Chinese is most words): no trigram index can serve it, so
//   the caller's messages are read newest first until the page is full, but at most
//   SEARCH_SCAN_LIMIT of them per call. When that budget runs out first, the page holds what was
//   found (maybe nothing), hasNextPage is true and endCursor is the last message examined: asking
//   again `after` it goes on from there. A rare query costs one bounded scan per page.
import type { Services } from "../context.ts";
import { badInput, parseBigId } from "../errors.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { requireMember } from "./chats.ts";
import { text } from "./validate.ts";

export const MAX_QUERY_CHARS = 100;

export type SearchInput = { query: string; chatId: number | null; first: number; after: string | null };
export type SearchPage = { ids: bigint[]; hasNextPage: boolean; endCursor: string | null };

/** Does pg_trgm extract a trigram from the query? It needs 3 word characters in a row. */
export const indexable = (query: string) => /[\p{L}\p{N}]{3}/u.test(query);

/** The query as an ILIKE pattern: its own %, _ and \ match themselves. */
export const containsPattern = (query: string) => `%${query.replace(/[\\%_]/g, "\\$&")}%`;

export function searchQuery(value: string): string {
  const tooLong = () => badInput("query", `must be at most ${MAX_QUERY_CHARS} characters`);
  // Checked before trimming, so a huge value is not copied (a character is at most 2 UTF-16 units).
  if (value.length > 4 * MAX_QUERY_CHARS) throw tooLong();
  const q = text(value, "query", { max: 4 * MAX_QUERY_CHARS, multiline: true });
  if ([...q].length > MAX_QUERY_CHARS) throw tooLong();
  return q;
}

export async function searchMessages(
  svc: Pick<Services, "prisma" | "limiter" | "config">,
  me: number,
  input: SearchInput,
): Promise<SearchPage> {
  const query = searchQuery(input.query);
  const after = input.after === null ? null : parseBigId(input.after, "after");
  await svc.limiter.hit(`search:${me}`, svc.config.searchPerMinute);
  if (input.chatId !== null) await requireMember(svc.prisma, input.chatId, me);
  const where = Prisma.sql`${scope(me, input.chatId)} AND ${after === null ? Prisma.sql`TRUE` : Prisma.sql`m.id < ${after}`}`;
  const pattern = containsPattern(query);
  return indexable(query)
    ? byIndex(svc.prisma, where, pattern, input.first)
    : byScan(svc.prisma, where, pattern, input.first, svc.config.searchScanLimit);
}

/** The messages of the chats the caller is in now (one of them, when chatId is given). */
function scope(me: number, chatId: number | null): Prisma.Sql {
  if (chatId !== null) return Prisma.sql`m.chat_id = ${chatId}`;
  return Prisma.sql`m.chat_id IN (SELECT cm.chat_id FROM chat_members cm JOIN chats c ON c.id = cm.chat_id
                            WHERE cm.user_id = ${me} AND NOT c.is_deleted)`;
}

async function byIndex(prisma: PrismaClient, where: Prisma.Sql, pattern: string, first: number): Promise<SearchPage> {
  const rows = await prisma.$queryRaw<{ id: bigint }[]>`
    SELECT m.id FROM messages m
    WHERE ${where} AND NOT m.is_deleted AND m.text ILIKE ${pattern}
    ORDER BY m.id DESC LIMIT ${first + 1}`;
  const page = rows.slice(0, first).map((r) => BigInt(r.id));
  return { ids: page, hasNextPage: rows.length > first, endCursor: page.at(-1)?.toString() ?? null };
}

/**
 * Reads at most `budget` messages newest first and keeps the matches; the budget's last message
 * comes back too (`rn = budget`), matching or not, to tell where the scan stopped.
 */
async function byScan(
  prisma: PrismaClient,
  where: Prisma.Sql,
  pattern: string,
  first: number,
  budget: number,
): Promise<SearchPage> {
  const rows = await prisma.$queryRaw<{ id: bigint; rn: bigint; hit: boolean }[]>`
    SELECT s.id, s.rn, s.hit FROM (
      SELECT m.id, row_number() OVER (ORDER BY m.id DESC) AS rn,
             (NOT m.is_deleted AND m.text ILIKE ${pattern}) AS hit
      FROM messages m WHERE ${where}
      ORDER BY m.id DESC LIMIT ${budget}
    ) s
    WHERE s.hit OR s.rn = ${budget}
    ORDER BY s.id DESC LIMIT ${first + 2}`;
  const hits = rows.filter((r) => r.hit).map((r) => BigInt(r.id));
  if (hits.length > first) {
    const page = hits.slice(0, first);
    return { ids: page, hasNextPage: true, endCursor: page.at(-1)?.toString() ?? null };
  }
  const stop = rows.find((r) => Number(r.rn) === budget);
  if (stop) return { ids: hits, hasNextPage: true, endCursor: BigInt(stop.id).toString() };
  return { ids: hits, hasNextPage: false, endCursor: hits.at(-1)?.toString() ?? null };
}
