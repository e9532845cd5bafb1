// npm run bench [-- --quick | --send-only | --memory-only | --fanout-only | --profile]: xim against the raw limit and against
// Socket.IO, on PostgreSQL + Redis at 127.0.0.1, side by side in one run. Prints a table, then the
// `bench:` summary line. --send-only runs the send -> receive part alone, --memory-only the memory
// part; --profile only xim's saturation run (for BENCH_NODE_ARGS=--cpu-prof; BENCH_WS=1: ws
// senders; BENCH_EVENTS=1: with the events row's sinks,
// BENCH_EVENTS=stream: the stream-only row's; BENCH_WARM_MS: its warm-up). BENCH_ROWS=0,2 runs only those rows of
// the send -> receive table (0 xim, 1 ws senders, 2 + events, 3 stream only, 4 raw, 5-6 Socket.IO).
import os from "node:os";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/log.ts";
import { Tokens } from "../src/runtime/passwords.ts";
import { buildApp } from "../src/server.ts";
import { activity } from "./lib/activity.ts";
import { postJson, rawSystem, type System, socketIoSystem, ximSystem, ximWsSystem } from "./lib/clients.ts";
import { addSplit, type CpuSplit, cpuSnapshot, noSplit, perMessage, quiet, used } from "./lib/cpu-split.ts";
import { dropDb, ximEnv as envOn, freshDb, JWT_SECRET, REDIS_URL } from "./lib/env.ts";
import { fanoutThroughput } from "./lib/fanout.ts";
import { inspectHeap } from "./lib/inspector.ts";
import { latencyOf, offered, type Rig, rig, saturate } from "./lib/load.ts";
import { QUERIES, searchRun } from "./lib/search.ts";
import { directChats, group, history, type Pair, users, withPg } from "./lib/seed.ts";
import { type Child, cpuMs, startChild, ximMain } from "./lib/servers.ts";
import { round, summary, table } from "./lib/stats.ts";

const quick = process.argv.includes("--quick");
/**
 * warmMs: each system's saturation warm-up before it is measured. After one second, xim's server
 * was still compiling (V8's optimising compiler ~10 % of its CPU in the measured window by perf,
 * ~3.5 % after 8 s; its CPU per ws send 215 µs after 1 s of warm-up, 183-186 after 3 s, bench/RESULTS.md):
 * the baselines are small programs that are hot within the second, so a short warm-up measured
 * xim's start-up, not its steady state.
 */
const P = quick
  ? {
      K: 16,
      M: 200,
      steps: [250, 500],
      stepMs: 2500,
      warmMs: 3000,
      satMs: 3000,
      rounds: 3,
      groupSize: 400,
      groupSubs: 100,
      chats: 300,
      perChat: 100,
      conns: 500,
    }
  : {
      K: 32,
      M: 1000,
      steps: [250, 500, 1000, 2000],
      stepMs: 8000,
      warmMs: 4000,
      satMs: 8000,
      rounds: 4,
      groupSize: 2000,
      groupSubs: 500,
      chats: 2000,
      perChat: 500,
      conns: 2000,
    };
const XIM_MAIN = ximMain();
const SIO_SINGLE = "socket.io, 1 stmt/msg";
const XIM_EVENTS = "xim + events";
const XIM_EVENTS_STREAM = "xim + events, stream only";
/** The rate the p99 target is measured at (the full run's 1,000 msg/s; --quick's highest step). */
const TARGET_RATE = P.steps.includes(1000) ? 1000 : (P.steps.at(-1) as number);
/** Read receipts and reaction changes a second beside it ("xim + reactions, receipts"): a tenth of the rate. */
const ACTIVITY_RATE = TARGET_RATE / 10;
let activityRun: (Awaited<ReturnType<typeof offered>> & { opsPerSec: number; errors: number; opP99: number }) | null =
  null;
/**
 * The outbox's sinks: a Redis stream, and (for the "xim + events" row) a webhook that answers at
 * once. A webhook is an HTTP request per event; the stream-only row shows the outbox without it.
 */
const eventsEnv = (webhookUrl: string | null, stream = "bench:events") => ({
  EVENTS_STREAM: stream,
  EVENTS_STREAM_MAXLEN: "100000",
  ...(webhookUrl
    ? {
        WEBHOOK_URL: webhookUrl,
        WEBHOOK_SECRET: `whsec_${Buffer.from("bench webhook secret, 32 bytes..").toString("base64")}`,
      }
    : {}),
});
const ximEnv = envOn("xim_bench");
const { DATABASE_URL } = ximEnv;
const tokens = new Tokens(JWT_SECRET, 3600);
const token = (id: number) => tokens.issue(id, 0);
const log = (s: string) => process.stderr.write(`${s}\n`);
/** The steps the memory row opens its sockets in (memory()). */
const MEMORY_STEPS = 5;
const lines: string[] = [];
const out = (s = "") => lines.push(s);

async function withChild<T>(script: string, env: Record<string, string>, work: (c: Child) => Promise<T>): Promise<T> {
  const child = await startChild(script, env);
  try {
    return await work(child);
  } finally {
    await child.stop();
  }
}

/** Seeds the bench's senders, receivers and their direct chats on database `url` (ids in order). */
function seedPairs(url: string): Promise<Pair[]> {
  return withPg(url, async (c) => directChats(c, await users(c, "s", P.K), await users(c, "r", P.M)));
}

/** `db`: the database the system stores into, one per row (each table grows by its own system's messages alone). */
type Row = { script: string; db: string; env: Record<string, string>; make: (url: string) => System };

/** Row `i`'s database, and xim's environment on it (its own Redis prefix: the rows run side by side). */
const rowDb = (i: number) => `xim_bench_row${i}`;
const rowEnv = (i: number) => envOn(rowDb(i));

function sendReceiveRows(webhookUrl: string): Row[] {
  const sio = "bench/socketio-server.ts";
  const store = (i: number, prefix: string) => ({
    DATABASE_URL: rowEnv(i).DATABASE_URL,
    REDIS_URL,
    REDIS_PREFIX: prefix,
  });
  const defined: Omit<Row, "db">[] = [
    { script: XIM_MAIN, env: rowEnv(0), make: (url) => ximSystem(url, token) },
    // The same server, its senders sending over their graphql-ws socket (as Socket.IO's do).
    { script: XIM_MAIN, env: rowEnv(1), make: (url) => ximWsSystem(url, token) },
    // The same, with every message also recorded in the outbox and relayed to both sinks.
    {
      script: XIM_MAIN,
      env: { ...rowEnv(2), ...eventsEnv(webhookUrl, `${rowDb(2)}:events`) },
      make: (url) => ({ ...ximSystem(url, token), name: XIM_EVENTS }),
    },
    {
      script: XIM_MAIN,
      env: { ...rowEnv(3), ...eventsEnv(null, `${rowDb(3)}:events`) },
      make: (url) => ({ ...ximSystem(url, token), name: XIM_EVENTS_STREAM }),
    },
    { script: "bench/raw-server.ts", env: store(4, "bench-raw:"), make: rawSystem },
    { script: sio, env: store(5, "bench-sio"), make: socketIoSystem },
    // What most teams would write: one statement per message (no group commit).
    {
      script: sio,
      env: { ...store(6, "bench-sio1"), BENCH_STORE: "single" },
      make: (url) => ({ ...socketIoSystem(url), name: SIO_SINGLE }),
    },
  ];
  const rows: Row[] = defined.map((row, i) => ({ ...row, db: rowDb(i) }));
  const only = process.env.BENCH_SYSTEMS?.split(",");
  // BENCH_ROWS: these rows, in this order.
  const rowsOnly = process.env.BENCH_ROWS?.split(",").map((i) => {
    const row = rows[Number(i)];
    if (!row) throw new Error(`BENCH_ROWS: no row ${i} (0 to ${rows.length - 1})`);
    return row;
  });
  return (rowsOnly ?? rows).filter(({ script }) => !only || only.some((o) => script.includes(o)));
}

/**
 * Each round of a system first runs this long unmeasured: it starts from quiet, and what its
 * outbox relay does lags the sends by a few hundred ms (gathering, then delivering); measured from
 * the start, a round would leave that lag's work out.
 */
const LEAD_MS = 1000;
/** The order of the saturation rounds (the rows' databases): raw, xim, + events, stream only, ws senders, Socket.IO, one statement a message. */
const ROUND_ORDER = [4, 0, 2, 3, 1, 5, 6].map(rowDb);
type Sat = { msgPerSec: number; sent: number; errors: number; lost: number; p50: number; p99: number; max: number };
type Steps = Awaited<ReturnType<typeof offered>>[];
/** A system up for the send -> receive table, and what its saturation rounds added up to. */
type Up = {
  row: Row;
  child: Child;
  system?: System;
  r?: Rig;
  cpu: CpuSplit;
  sent: number;
  seconds: number;
  errors: number;
  lost: number;
  latencies: number[];
  /** msg/s of each round. */
  rounds: number[];
};

/**
 * Every system up at once, each on a database of its own seeded alike: each started, its receivers
 * connected and warmed up (P.warmMs) in turn; then the saturation runs, in P.rounds rounds of every
 * system in turn (the machine quiet before each), so that the drift of a shared machine (other
 * tenants, its clock) over the minutes of a run falls on every system alike instead of on whichever
 * ran when the machine was slow; then each system's offered loads.
 */
async function sendReceive(pairs: Pair[], webhookUrl: string) {
  const results = new Map<string, { sat: Sat; cpu: CpuSplit; steps: Steps; rounds: number[]; stmtsPerMsg: number }>();
  const up: Up[] = [];
  try {
    for (const row of sendReceiveRows(webhookUrl)) {
      await freshDb(row.db);
      const seeded = await seedPairs(envOn(row.db).DATABASE_URL);
      if (JSON.stringify(seeded) !== JSON.stringify(pairs)) throw new Error(`${row.db}: seeded other ids`);
      const u: Up = {
        row,
        child: await startChild(row.script, row.env),
        cpu: noSplit(),
        sent: 0,
        seconds: 0,
        errors: 0,
        lost: 0,
        latencies: [],
        rounds: [],
      };
      up.push(u);
      u.system = row.make(u.child.url);
      log(`send->receive: ${u.system.name}`);
      u.r = await rig(u.system, pairs);
      await saturate(u.r, P.K, P.warmMs); // warm-up: the JIT settled (see P.warmMs)
    }
    // The systems each ratio compares run one after the other (raw and xim, xim and xim with
    // events, xim's ws senders and Socket.IO), in turn forward and backward.
    const order = [...up].sort((a, b) => ROUND_ORDER.indexOf(a.row.db) - ROUND_ORDER.indexOf(b.row.db));
    const firstIds = await Promise.all(up.map((u) => lastMessageId(u.row.db)));
    for (let round = 0; round < P.rounds; round++) {
      log(`send->receive: saturation, round ${round + 1} of ${P.rounds}`);
      for (const u of round % 2 ? [...order].reverse() : order) {
        await drained(up);
        await quiet();
        const pid = u.child.proc.pid as number;
        let before = cpuSnapshot(pid);
        let after = before;
        const s = await saturate(u.r as Rig, P.K, P.satMs / P.rounds, {
          ms: LEAD_MS,
          start: () => {
            before = cpuSnapshot(pid);
          },
          end: () => {
            after = cpuSnapshot(pid);
          },
        });
        u.cpu = addSplit(u.cpu, used(before, after));
        u.sent += s.sent;
        u.seconds += s.seconds;
        u.errors += s.errors;
        u.lost += s.lost;
        for (const l of s.latencies) u.latencies.push(l);
        u.rounds.push(s.msgPerSec);
      }
    }
    const gathered = await Promise.all(up.map((u, i) => statementsPerMessage(u.row.db, firstIds[i] as bigint)));
    // What autovacuum would do to the rows' tables while the offered loads run (latency, not
    // throughput, is measured there), done now, while nothing is measured.
    for (const u of up) await withPg(envOn(u.row.db).DATABASE_URL, (c) => c.query("VACUUM (ANALYZE)"));
    for (const [i, u] of up.entries()) {
      const r = u.r as Rig;
      const name = (u.system as System).name;
      log(`send->receive: ${name}, offered loads`);
      const steps: Steps = [];
      for (const rate of P.steps) {
        await drained(up);
        await quiet();
        steps.push(await offered(r, rate, P.stepMs));
        if (name === "xim" && rate === TARGET_RATE) activityRun = await busy(u.child, r);
      }
      const sat: Sat = {
        msgPerSec: round(u.sent / u.seconds),
        sent: u.sent,
        errors: u.errors,
        lost: u.lost,
        ...latencyOf(u.latencies),
      };
      const stmtsPerMsg = gathered[i] as number;
      results.set(name, { sat, cpu: perMessage(u.cpu, u.sent), steps, rounds: u.rounds, stmtsPerMsg });
    }
  } finally {
    for (const u of up) {
      u.r?.stop();
      await u.child.stop();
    }
    // Their autovacuum would run beside the next parts of the bench.
    for (const u of up) await dropDb(u.row.db);
  }
  return results;
}

/** The newest message id in database `db` (0 when none): where statementsPerMessage counts from. */
async function lastMessageId(db: string): Promise<bigint> {
  return withPg(envOn(db).DATABASE_URL, async (c) => {
    const r = await c.query("SELECT coalesce(max(id), 0)::text AS last FROM messages");
    return BigInt(r.rows[0].last);
  });
}

/**
 * The send statements per message stored in database `db` after message id `after`. Each send
 * statement runs alone in its transaction (pgRunner: one query, autocommit), so the messages one
 * statement stored share their `xmin` and distinct values count the statements. Over the saturation
 * rounds (lead-ins included) it tells how well the group commit gathered: 1 for the row that stores
 * a statement a message, less where sends went together.
 */
async function statementsPerMessage(db: string, after: bigint): Promise<number> {
  return withPg(envOn(db).DATABASE_URL, async (c) => {
    const r = await c.query(
      "SELECT count(*)::int AS messages, count(DISTINCT xmin::text)::int AS statements FROM messages WHERE id > $1",
      [String(after)],
    );
    const { messages, statements } = r.rows[0];
    return round(statements / Math.max(1, messages), 2);
  });
}

/**
 * Resolves once the outbox relays of the rows with events have delivered what their rounds stored
 * (at most `maxMs` a row). A relay works off its backlog after its round, in bursts with pauses of
 * a few hundred ms between them (it gathers), so the machine looks quiet (quiet()) while it is not
 * done: its work then fell in the next system's round (the "other" column: 183 µs a message beside
 * xim's HTTP row against 41 without the events rows, in one run). What is delivered here is not
 * measured: each round's lead-in (LEAD_MS) hands the measured window a backlog of the same kind.
 */
async function drained(rows: Up[], maxMs = 60_000): Promise<void> {
  for (const u of rows) {
    if (!("EVENTS_STREAM" in u.row.env) && !("WEBHOOK_URL" in u.row.env)) continue;
    const from = Date.now();
    const pending = await withPg(envOn(u.row.db).DATABASE_URL, async (c) => {
      for (;;) {
        const r = await c.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM outbox_events WHERE webhook_pending OR stream_pending",
        );
        const n = r.rows[0]?.n ?? 0;
        if (n === 0 || Date.now() - from >= maxMs) return n;
        await new Promise((res) => setTimeout(res, 100));
      }
    }).catch((err: Error) => {
      log(`send->receive: ${u.system?.name}'s outbox not read (${err.message}), not waited for`);
      return 0;
    });
    const ms = Date.now() - from;
    if (pending > 0) log(`send->receive: ${u.system?.name}'s outbox still held ${pending} events after ${ms} ms`);
    else if (ms > 500) log(`send->receive: ${u.system?.name}'s outbox drained in ${ms} ms`);
  }
}

/** Right after xim's target rate, the same rate with read receipts and reactions flowing beside the messages. */
async function busy(child: Child, r: Rig) {
  log("send->receive: xim + reactions, receipts");
  // Warmed up first, as every row is: a second of the same load, not measured (the operations'
  // first runs compile their queries and code).
  const warm = activity(child.url, token, r.pairs, ACTIVITY_RATE);
  await offered(r, TARGET_RATE, 1000);
  await warm();
  const stop = activity(child.url, token, r.pairs, ACTIVITY_RATE);
  const run = await offered(r, TARGET_RATE, P.stepMs);
  return { ...run, ...(await stop()) };
}

async function statementsPerSend(directChat: number, sender: number, groupChat: number, owner: number) {
  let count = 0;
  const app = await buildApp(loadConfig({ ...ximEnv, PORT: "0", HOST: "127.0.0.1" }), {
    log: createLogger("silent"),
    onSql: () => void count++,
  });
  const { url } = await app.start();
  const measure = async (chatId: number, userId: number) => {
    const headers = { authorization: `Bearer ${await token(userId)}` };
    const body = (i: number) => ({
      query: "mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }",
      variables: { input: { chatId: String(chatId), type: "TEXT", text: `count ${i}` } },
    });
    await postJson(url, body(0), headers);
    count = 0;
    for (let i = 1; i <= 10; i++) await postJson(url, body(i), headers);
    return count / 10;
  };
  const direct = await measure(directChat, sender);
  const grp = await measure(groupChat, owner);
  await app.stop();
  return { direct, group: grp };
}

/** An idle backend's counters reach pg_stat_user_tables within about 10 s. */
const settleStats = () => new Promise((r) => setTimeout(r, 11_000));

async function rowsWritten(send: () => Promise<void>, n: number): Promise<number> {
  const read = () =>
    withPg(DATABASE_URL, async (c) => {
      await c.query("SELECT pg_stat_force_next_flush()").catch(() => {});
      const r = await c.query(
        "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint AS w FROM pg_stat_user_tables",
      );
      return Number(r.rows[0].w);
    });
  const before = await read();
  for (let i = 0; i < n; i++) await send();
  await settleStats();
  return round(((await read()) - before) / n, 2);
}

async function fanOut(direct: Pair) {
  const [owner, ...members] = await withPg(DATABASE_URL, (c) => users(c, "g", P.groupSize));
  const groupId = await withPg(DATABASE_URL, (c) => group(c, owner as number, members));
  const counts = await statementsPerSend(direct.chatId, direct.sender, groupId, owner as number);
  return withChild(XIM_MAIN, ximEnv, async (child) => {
    log("group fan-out");
    const system = ximSystem(child.url, token);
    const latencies: number[] = [];
    let delivered = 0;
    const stops = [];
    for (let i = 0; i < P.groupSubs; i += 50)
      stops.push(
        ...(await Promise.all(
          members.slice(i, Math.min(i + 50, P.groupSubs)).map((m) =>
            system.receive(m, (text) => {
              const t = Number(/^t(\d+(\.\d+)?)/.exec(text)?.[1]);
              if (Number.isFinite(t)) latencies.push(performance.now() - t), delivered++;
            }),
          ),
        )),
      );
    await new Promise((r) => setTimeout(r, 2000));
    const send = await system.sender(owner as number);
    const sendDirect = await system.sender(direct.sender);
    const n = 20;
    for (let i = 0; i < n; i++) {
      await send(groupId, `t${performance.now().toFixed(2)} fan-out`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const deadline = Date.now() + 10_000;
    while (delivered < n * P.groupSubs && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const s = summary(latencies);
    await settleStats();
    const rowsGroup = await rowsWritten(() => send(groupId, "rows"), 20);
    const rowsDirect = await rowsWritten(() => sendDirect(direct.chatId, "rows"), 20);
    for (const stop of stops) stop();
    return {
      delivered,
      expected: n * P.groupSubs,
      p50: round(s.p50),
      p99: round(s.p99),
      rowsGroup,
      rowsDirect,
      ...counts,
    };
  });
}

/** Deliveries per second into one 1,000-member group, every member on a socket (quick and full alike). */
const FANOUT_MEMBERS = 1000;

async function fanoutRate() {
  const [owner, ...members] = await withPg(DATABASE_URL, (c) => users(c, "f", FANOUT_MEMBERS));
  const all = [owner as number, ...members];
  const groupId = await withPg(DATABASE_URL, (c) => group(c, owner as number, members));
  return withChild(XIM_MAIN, ximEnv, (child) => {
    log(`fan-out throughput: ${all.length} members subscribed`);
    return fanoutThroughput(ximSystem(child.url, token), child.url, token, groupId, all, child.proc.pid as number, {
      ms: P.stepMs,
    });
  });
}

const LIST = `query { recentChats(first: 20) { edges { cursor node { title unreadCount unreadMentionCount pinned lastActivityAt
  lastMessage { id text sender { nickname } } chat { id type name } peer { id nickname } } } pageInfo { hasNextPage } } }`;

async function recentAtScale() {
  log(`recent chats: seeding ${P.chats} chats x ${P.perChat} messages`);
  const { me, pairs } = await withPg(DATABASE_URL, async (c) => {
    const [me] = await users(c, "me", 1);
    const peers = await users(c, "peer", P.chats);
    const pairs = await directChats(
      c,
      peers,
      peers.map(() => me as number),
    );
    await history(
      c,
      pairs.map((p) => ({ ...p, receiver: me as number })),
      P.perChat,
    );
    const total = Number((await c.query("SELECT count(*) FROM messages")).rows[0].count);
    return { me: me as number, pairs, total };
  });
  let statements = 0;
  const app = await buildApp(loadConfig({ ...ximEnv, PORT: "0", HOST: "127.0.0.1" }), {
    log: createLogger("silent"),
    onSql: () => void statements++,
  });
  const { url: inProc } = await app.start();
  const headers = { authorization: `Bearer ${await token(me)}` };
  await postJson(inProc, { query: LIST }, headers);
  statements = 0;
  await postJson(inProc, { query: LIST }, headers);
  const listQueries = statements;
  await app.stop();
  return withChild(XIM_MAIN, ximEnv, async (child) => {
    const url = `${child.url}/graphql`;
    const time = async (n: number, body: () => unknown) => {
      const ms: number[] = [];
      for (let i = 0; i < 10; i++) await postJson(url, body(), headers);
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const res = await postJson(url, body(), headers);
        ms.push(performance.now() - t);
        if (res.includes('"errors"')) throw new Error(res.slice(0, 300));
      }
      const s = summary(ms);
      return { p50: round(s.p50, 2), p99: round(s.p99, 2) };
    };
    const list = await time(300, () => ({ query: LIST }));
    const read = await time(200, () => ({
      query: "mutation($c: ID!) { markChatRead(chatId: $c) { unreadCount } }",
      variables: { c: String(pairs[Math.floor(Math.random() * pairs.length)]?.chatId) },
    }));
    const unread = await time(200, () => ({ query: "{ unreadTotal }" }));
    return { list, listQueries, read, unread };
  });
}

async function memory(receivers: number[]) {
  // P.conns measured, after 201 opened first (one, then 200 to warm up).
  const WARM = 201;
  const extra = Math.max(0, P.conns + WARM - receivers.length);
  const more = extra ? await withPg(DATABASE_URL, (c) => users(c, "mem", extra)) : [];
  const ids = [...receivers, ...more].slice(0, P.conns + WARM);
  const child = await startChild(XIM_MAIN, ximEnv, ["--inspect=127.0.0.1:0"]);
  try {
    log(`memory: ${P.conns} idle subscribed connections (after ${WARM})`);
    const heap = await inspectHeap(child);
    const system = ximSystem(child.url, token);
    const first = await system.receive(ids[0] as number, () => {});
    // Warm-up: the first few hundred connections make V8 compile the connection path (~2 MB of
    // code, once per process): 200 sockets opened (and kept, so no garbage of theirs moves RSS
    // later) before the baseline, so that compilation is not counted per socket.
    const warm = await Promise.all(ids.slice(1, WARM).map((id) => system.receive(id, () => {})));
    await new Promise((r) => setTimeout(r, 2000));
    const heapBefore = await heap.usedBytes();
    const before = child.rssKb();
    const stops = [first, ...warm];
    // In MEMORY_STEPS steps, each measured after a full collection: RSS also moves by what V8
    // commits and gives back for its young generation, in jumps of megabytes whenever it resizes
    // it, which one difference over all the sockets took whole (-57 to 20 KB a socket in runs of
    // the same code). The median of the steps' slopes leaves such a jump out.
    const step = Math.ceil((ids.length - WARM) / MEMORY_STEPS);
    const slopes: number[] = [];
    let last = before;
    for (let from = WARM; from < ids.length; from += step) {
      const to = Math.min(from + step, ids.length);
      for (let i = from; i < to; i += 50)
        stops.push(
          ...(await Promise.all(ids.slice(i, Math.min(i + 50, to)).map((id) => system.receive(id, () => {})))),
        );
      await new Promise((r) => setTimeout(r, 1000));
      await heap.usedBytes();
      const rss = child.rssKb();
      slopes.push((rss - last) / (to - from));
      last = rss;
    }
    await new Promise((r) => setTimeout(r, 3000));
    const heapAfter = await heap.usedBytes();
    heap.close();
    const idle = await idleCpu(child);
    for (const s of stops) s();
    const n = ids.length - WARM;
    return {
      idleMsPerSec: round(idle, 1),
      open: ids.length,
      idleUsPerConn: round((idle * 1000) / ids.length, 1),
      conns: n,
      beforeMb: round(before / 1024),
      afterMb: round(last / 1024),
      kbPerConn: round(summary(slopes).p50, 1),
      slopes: slopes.map((x) => round(x, 1)),
      heapKbPerConn: round((heapAfter - heapBefore) / 1024 / n, 1),
    };
  } finally {
    await child.stop();
  }
}

/**
 * The instance's CPU, ms a second, while its sockets sit idle: over one keep-alive interval
 * (WS_KEEPALIVE, as the instance reads it), in which graphql-ws pings every socket once.
 */
async function idleCpu(child: Child): Promise<number> {
  const pid = child.proc.pid as number;
  const intervalMs = loadConfig({ ...process.env, ...ximEnv }).wsKeepAliveSeconds * 1000;
  const [cpu, at] = [cpuMs(pid), performance.now()];
  await new Promise((r) => setTimeout(r, intervalMs));
  return (cpuMs(pid) - cpu) / ((performance.now() - at) / 1000);
}

/** --profile: xim's saturation run only, for BENCH_NODE_ARGS=--cpu-prof. */
async function profileOnly(pairs: Pair[]) {
  const events = process.env.BENCH_EVENTS;
  const sink = events && events !== "stream" ? await startChild("bench/webhook-sink.ts", {}) : null;
  const env = events ? { ...ximEnv, ...eventsEnv(sink?.url ?? null) } : ximEnv;
  await withChild(XIM_MAIN, env, async (child) => {
    const r = await rig((process.env.BENCH_WS ? ximWsSystem : ximSystem)(child.url, token), pairs);
    await saturate(r, P.K, Number(process.env.BENCH_WARM_MS ?? P.warmMs)); // warm-up
    const before = cpuSnapshot(child.proc.pid as number);
    const { latencies: _, ...sat } = await saturate(r, P.K, P.satMs);
    console.log(sat, "CPU µs per message:", perMessage(used(before, cpuSnapshot(child.proc.pid as number)), sat.sent));
    r.stop();
  });
  await sink?.stop();
}

function sendReceiveTable(
  sr: Awaited<ReturnType<typeof sendReceive>>,
  ratioRaw: number,
  ratioSio: number,
  ratioSioWs: number,
  ratioEvents: number,
  ratioStream: number,
) {
  out(
    `1. Send -> receive: ${P.K} senders, ${P.M} subscribers (one direct chat each); closed loop (saturation) then offered load`,
  );
  const rows: (string | number)[][] = [];
  for (const [name, r] of sr) {
    rows.push([name, "saturation", r.sat.msgPerSec, r.sat.p50, r.sat.p99, r.sat.max, r.sat.errors, r.sat.lost]);
    for (const s of r.steps)
      rows.push([name, `${s.rate}/s offered`, s.achieved, s.p50, s.p99, s.max, s.errors, s.lost]);
  }
  const a = activityRun;
  if (a)
    rows.push([
      "xim + reactions, receipts",
      `${a.rate}/s offered + ${a.opsPerSec} ops/s (op p99 ${a.opP99} ms)`,
      a.achieved,
      a.p50,
      a.p99,
      a.max,
      a.errors,
      a.lost,
    ]);
  out(table(["system", "load", "msg/s", "p50 ms", "p99 ms", "max ms", "errors", "undelivered"], rows));
  // Each ratio is of the rounds' sums; beside it, the ratio of each round.
  const rounds = (a: string, b: string) => {
    const x = sr.get(a)?.rounds ?? [];
    const y = sr.get(b)?.rounds ?? [];
    return x.length && y.length ? `; rounds ${x.map((v, i) => round(v / (y[i] ?? Number.NaN), 2)).join(" ")}` : "";
  };
  out(`xim / raw = ${ratioRaw}${rounds("xim", "raw")}`);
  out(`xim / socket.io = ${ratioSio}${rounds("xim", "socket.io")}   (saturation throughput, the same store)`);
  out(
    `xim with ws senders / socket.io = ${ratioSioWs}${rounds("xim, ws senders", "socket.io")}   (both sending over their socket)`,
  );
  out(
    `xim with events / xim without = ${ratioEvents}${rounds(XIM_EVENTS, "xim")}   (outbox on: a Redis stream and a webhook)`,
  );
  out(
    `xim with events, stream only / xim without = ${ratioStream}${rounds(XIM_EVENTS_STREAM, "xim")}   (outbox on: a Redis stream)`,
  );
  const single = sr.get(SIO_SINGLE);
  if (single)
    out(
      `xim / socket.io with a statement per message = ${round((sr.get("xim")?.sat.msgPerSec ?? 0) / single.sat.msgPerSec, 2)}`,
    );
  out();
  out("1a. CPU per message at saturation, by process (µs, from /proc): the clients and the stores share the 2 cores;");
  out("    the server's kernel time, its main thread's time (the rest: V8's and libuv's helper threads, mostly the");
  out("    garbage collector's), and its write and read system calls per message beside it; the systems not");
  out("    running stay up meanwhile (other); and the send statements per message stored over the rounds (how well");
  out("    the group commit gathered: every row runs xim's statements; the last row, one a message)");
  out(
    table(
      [
        "system",
        "server",
        "of it, kernel",
        "of it, main thread",
        "server writes / reads",
        "clients (bench)",
        "PostgreSQL",
        "Redis",
        "other (webhook sink, idle systems)",
        "total",
        "send statements / message",
      ],
      [...sr].map(([name, { cpu, stmtsPerMsg }]) => [
        name,
        cpu.server,
        cpu.serverKernel,
        cpu.serverMain,
        `${cpu.serverWrites} / ${cpu.serverReads}`,
        cpu.clients,
        cpu.postgres,
        cpu.redis,
        cpu.other,
        cpu.server + cpu.clients + cpu.postgres + cpu.redis + cpu.other,
        stmtsPerMsg,
      ]),
    ),
  );
}

async function main() {
  const started = Date.now();
  await freshDb("xim_bench");
  const pairs = await seedPairs(DATABASE_URL);

  if (process.argv.includes("--profile")) return profileOnly(pairs);
  if (process.argv.includes("--fanout-only")) return console.log(await fanoutRate());
  if (process.argv.includes("--memory-only")) return console.log(await memory(pairs.map((p) => p.receiver)));
  const sink = await startChild("bench/webhook-sink.ts", {});
  const sr = await sendReceive(pairs, sink.url).finally(() => sink.stop());
  const x = sr.get("xim");
  const raw = sr.get("raw");
  const sio = sr.get("socket.io");
  const ratioRaw = round((x?.sat.msgPerSec ?? 0) / (raw?.sat.msgPerSec ?? 1), 2);
  const ratioSio = round((x?.sat.msgPerSec ?? 0) / (sio?.sat.msgPerSec ?? 1), 2);
  const ratioSioWs = round((sr.get("xim, ws senders")?.sat.msgPerSec ?? 0) / (sio?.sat.msgPerSec ?? 1), 2);
  const ratioEvents = round((sr.get(XIM_EVENTS)?.sat.msgPerSec ?? 0) / (x?.sat.msgPerSec ?? 1), 2);
  const ratioStream = round((sr.get(XIM_EVENTS_STREAM)?.sat.msgPerSec ?? 0) / (x?.sat.msgPerSec ?? 1), 2);
  if (process.argv.includes("--send-only")) {
    sendReceiveTable(sr, ratioRaw, ratioSio, ratioSioWs, ratioEvents, ratioStream);
    return void console.log(lines.join("\n"));
  }
  const fan = await fanOut(pairs[0] as Pair);
  const fanRate = await fanoutRate();
  const recent = await recentAtScale();
  const mem = await memory(pairs.map((p) => p.receiver));
  log("search: seeding 1M messages");
  const search = (await searchRun(QUERIES.slice(0, 1), 50)).rows[0] as { p50: number; p99: number; query: string };

  const p99 = x?.steps.find((s) => s.rate === TARGET_RATE)?.p99 ?? Number.NaN;

  out(
    `xim bench${quick ? " (--quick)" : ""}: ${new Date().toISOString()}, ${os.cpus().length} cores, ${round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  );
  out();
  sendReceiveTable(sr, ratioRaw, ratioSio, ratioSioWs, ratioEvents, ratioStream);
  out();
  out(`2. Group fan-out: group of ${P.groupSize}, ${P.groupSubs} subscribers connected, 20 messages`);
  out(
    table(
      ["deliveries", "p50 ms", "p99 ms", "SQL per send (group / direct)", "rows written per message (group / direct)"],
      [
        [
          `${fan.delivered}/${fan.expected}`,
          fan.p50,
          fan.p99,
          `${fan.group} / ${fan.direct}`,
          `${fan.rowsGroup} / ${fan.rowsDirect}`,
        ],
      ],
    ),
  );
  out();
  out(
    `2b. Fan-out throughput: group of ${fanRate.members}, ${fanRate.sockets} subscribed sockets, 8 senders at saturation; then ${fanRate.fixedRate} msg/s`,
  );
  out(
    table(
      [
        "messages/s",
        "deliveries/s",
        "delivered",
        "server CPU µs / delivery",
        "receivers' CPU µs / delivery",
        `p50 ms at ${fanRate.fixedRate}/s`,
        "p99 ms",
        "delivered",
      ],
      [
        [
          fanRate.sentPerSec,
          fanRate.deliveriesPerSec,
          `${fanRate.delivered}/${fanRate.expected}`,
          fanRate.serverUs,
          fanRate.clientUs,
          fanRate.p50,
          fanRate.p99,
          fanRate.fixedDelivered,
        ],
      ],
    ),
  );
  out();
  out(`3. Recent chats at scale: one user in ${P.chats} chats over ${P.chats * P.perChat} messages`);
  out(
    table(
      ["operation", "p50 ms", "p99 ms", "SQL statements"],
      [
        ["recentChats(first: 20)", recent.list.p50, recent.list.p99, recent.listQueries],
        ["markChatRead", recent.read.p50, recent.read.p99, ""],
        ["unreadTotal", recent.unread.p50, recent.unread.p99, ""],
      ],
    ),
  );
  out();
  out(`5. searchMessages("${search.query}") over 1M messages in 2,000 chats (bench:search has the others)`);
  out(table(["p50 ms", "p99 ms"], [[search.p50, search.p99]]));
  out();
  out(
    `4. Memory: ${mem.conns} idle subscribed graphql-ws connections, measured after 201 opened first, opened in ${MEMORY_STEPS} steps; then the server's CPU with all ${mem.open} open sockets idle over one keep-alive interval (each pinged once)`,
  );
  out(
    table(
      [
        "RSS before MB",
        "RSS after MB",
        "RSS KB per connection (median of the steps)",
        "each step",
        "live heap KB per connection (after a full GC)",
        "server CPU idle, ms a second (µs per open socket, the instance's floor included)",
      ],
      [
        [
          mem.beforeMb,
          mem.afterMb,
          mem.kbPerConn,
          mem.slopes.join(" "),
          mem.heapKbPerConn,
          `${mem.idleMsPerSec} (${mem.idleUsPerConn})`,
        ],
      ],
    ),
  );
  out();
  out(`(${round((Date.now() - started) / 1000)} s)`);
  out(
    `bench: ratio_raw=${ratioRaw} ratio_socketio=${ratioSio} ratio_socketio_ws=${ratioSioWs} p99_ms=${p99} recent_p50_ms=${recent.list.p50} kb_per_conn=${mem.kbPerConn} fanout_per_s=${fanRate.deliveriesPerSec} fanout_p99_ms=${fanRate.p99} search_p50_ms=${search.p50} events_ratio=${ratioEvents} events_stream_ratio=${ratioStream} p99_busy_ms=${activityRun?.p99 ?? Number.NaN}`,
  );
  console.log(lines.join("\n"));
}

main().then(
  () => process.stdout.write("", () => process.exit(0)),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
