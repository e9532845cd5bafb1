// npm run bench:search: searchMessages over 1M messages in one user's 2,000 chats (bench/lib/search.ts),
// each query of #12 timed; prints a table and a `bench:` line.
import { QUERIES, searchRun } from "./lib/search.ts";
import { table } from "./lib/stats.ts";

const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 50);

const r = await searchRun(QUERIES, RUNS);
console.log(`seeded ${r.messages} messages in ${r.chats} chats in ${r.seedSeconds} s`);
console.log(
  table(
    ["query", "text", "p50 ms", "p99 ms", "first page", "found (≤ 200 pages)", "pages", "all pages ms"],
    r.rows.map((q) => [q.name, q.query, q.p50, q.p99, q.firstPage, q.found, q.pages, q.walkMs]),
  ),
);
console.log(
  `bench: search ${r.messages / 1e6}M messages/${r.chats} chats scan=${r.scan} ${r.rows.map((q) => `${q.query}_p50=${q.p50}ms ${q.query}_p99=${q.p99}ms`).join(" ")}`,
);
