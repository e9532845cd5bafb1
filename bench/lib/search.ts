// searchMessages (the domain function the resolver calls) over 1M messages in one user's 2,000
// chats, on PostgreSQL at 127.0.0.1 (database xim_bench_search, recreated). Texts mix English and
// Chinese; "天气" is a common 2-character word, "麒麟" a rare one (10 messages), "火锅店" a rare
// 3-character one (0.1 %). Used by `npm run bench:search` (every query) and `npm run bench` (the
// English word).
import { performance } from "node:perf_hooks";
import { loadConfig } from "../../src/config.ts";
import { openDb } from "../../src/db.ts";
import { searchMessages } from "../../src/domain/search.ts";
import { Limiter, memoryCounter } from "../../src/runtime/rate-limits.ts";
import { freshDb, JWT_SECRET } from "./env.ts";
import { withPg } from "./seed.ts";
import { round, summary } from "./stats.ts";

const CHATS = 2000;
const PER_CHAT = 500;

const EN = [
  "see you at the office tomorrow",
  "the weekend plan looks great",
  "can you send me the report",
  "lunch at noon?",
  "I will call you later",
  "happy birthday!",
  "the build is green again",
  "where are the keys",
  "running late, sorry",
  "good morning everyone",
];
const ZH = [
  "今天天气很好",
  "天气预报说明天下雨",
  "我们晚上去吃火锅吧",
  "明天开会记得带电脑",
  "周末一起去爬山",
  "这个方案可以",
  "好的，没问题",
  "你到家了吗",
  "下班一起走",
  "我在路上了",
  "谢谢你的帮助",
  "周一交报告",
];

const literal = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(",")}]`;
const fragment = `CASE WHEN random() < 0.5 THEN (${literal(EN)})[1 + floor(random() * ${EN.length})::int]
                   ELSE (${literal(ZH)})[1 + floor(random() * ${ZH.length})::int] END`;

async function seed(url: string) {
  await withPg(url, async (c) => {
    await c.query("SET maintenance_work_mem = '256MB'");
    await c.query("DROP INDEX messages_text_trgm_idx");
    await c.query(`INSERT INTO users (username, password_hash, nickname, updated_at)
                   SELECT 'u' || g, 'x', 'U' || g, now() FROM generate_series(1, ${CHATS + 1}) g`);
    await c.query(`INSERT INTO chats (type, member_count, last_seq)
                   SELECT 'GROUP', 2, ${PER_CHAT} FROM generate_series(1, ${CHATS})`);
    await c.query(`INSERT INTO chat_members (chat_id, user_id)
                   SELECT g, 1 FROM generate_series(1, ${CHATS}) g
                   UNION ALL SELECT g, g + 1 FROM generate_series(1, ${CHATS}) g`);
    await c.query("SELECT setseed(0.42)");
    // Chats take turns (ids interleave as if sent over time); 2 % of the messages are deleted.
    await c.query(`INSERT INTO messages (id, chat_id, seq, sender_id, type, text, is_deleted, created_at)
      SELECT k, ch, s, CASE WHEN s % 2 = 0 THEN 1 ELSE ch + 1 END, 'TEXT',
             ${fragment} || ' ' || ${fragment}
               || CASE WHEN k % 100000 = 7 THEN ' 麒麟' ELSE '' END
               || CASE WHEN k % 1000 = 3 THEN ' 火锅店' ELSE '' END,
             k % 50 = 0, now() - make_interval(secs => ${CHATS * PER_CHAT} - k)
      FROM generate_series(1, ${PER_CHAT}) s, generate_series(1, ${CHATS}) ch,
           LATERAL (SELECT (s - 1) * ${CHATS} + ch AS k) key`);
    await c.query("SELECT setval(pg_get_serial_sequence('messages', 'id'), (SELECT max(id) FROM messages))");
    await c.query("CREATE INDEX messages_text_trgm_idx ON messages USING GIN (text gin_trgm_ops)");
    await c.query("VACUUM ANALYZE");
  });
}

export const QUERIES = [
  { name: "English word", query: "weekend" },
  { name: "3-char CJK", query: "吃火锅" },
  { name: "3-char CJK, rare", query: "火锅店" },
  { name: "2-char CJK, common", query: "天气" },
  { name: "2-char CJK, rare", query: "麒麟" },
];

export type SearchRow = {
  name: string;
  query: string;
  p50: number;
  p99: number;
  firstPage: number;
  found: number;
  pages: number;
  walkMs: number;
};

/** Seeds the database afresh, then times each query `runs` times (p50, p99) and walks all its pages. */
export async function searchRun(queries: { name: string; query: string }[], runs: number) {
  const env = await freshDb("xim_bench_search");
  const t0 = performance.now();
  await seed(env.DATABASE_URL);
  const seedSeconds = (performance.now() - t0) / 1000;
  const config = loadConfig({ DATABASE_URL: env.DATABASE_URL, JWT_SECRET, DATABASE_POOL_SIZE: "4" });
  const db = await openDb(config);
  const svc = { prisma: db.prisma, config, limiter: new Limiter(memoryCounter()) };
  const search = (query: string, after: string | null = null) =>
    searchMessages({ ...svc, config: { ...config, searchPerMinute: 1e9 } }, 1, {
      query,
      chatId: null,
      first: 20,
      after,
    });
  const rows: SearchRow[] = [];
  try {
    for (const q of queries) {
      for (let i = 0; i < 3; i++) await search(q.query);
      const times: number[] = [];
      let page = await search(q.query);
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        page = await search(q.query);
        times.push(performance.now() - start);
      }
      const { p50, p99 } = summary(times);
      // The whole result, page after page (a rare short query: one bounded scan per page).
      const walk = performance.now();
      let pages = 0;
      let found = 0;
      for (let p = await search(q.query); ; p = await search(q.query, p.endCursor)) {
        pages++;
        found += p.ids.length;
        if (!p.hasNextPage || pages >= 200) break;
      }
      const walkMs = round(performance.now() - walk, 0);
      rows.push({ ...q, p50: round(p50), p99: round(p99), firstPage: page.ids.length, found, pages, walkMs });
    }
  } finally {
    await db.close();
  }
  return {
    rows,
    seedSeconds: round(seedSeconds),
    messages: CHATS * PER_CHAT,
    chats: CHATS,
    scan: config.searchScanLimit,
  };
}
