// npm run chaos: two xim instances (the production bundle) on a fresh PostgreSQL database and a
// redis-server of the run's own, 200 clients on each, sending at a steady rate into direct chats
// and groups while the run SIGKILLs an instance (and starts it again), restarts Redis, and drops
// client sockets at random. At the end every client must hold every message of its chats exactly
// once in seq order, and every answered sendMessage must be stored exactly once; exits 1 otherwise.
//
// CHAOS_CLIENTS (per instance, 200), CHAOS_RATE (messages/s, 40), CHAOS_SECONDS (of sending, 60).
import { randomBytes } from "node:crypto";
import { Tokens } from "../src/runtime/passwords.ts";
import { freePort, startRedis, stopProcess } from "../test/helpers/processes.ts";
import { type Answer, ChaosClient } from "./lib/chaos-client.ts";
import { freshDb, JWT_SECRET } from "./lib/env.ts";
import { directChats, group, users, withPg } from "./lib/seed.ts";
import { type Child, startChild, ximMain } from "./lib/servers.ts";

const PER_INSTANCE = Number(process.env.CHAOS_CLIENTS ?? 200);
const RATE = Number(process.env.CHAOS_RATE ?? 40);
const SECONDS = Number(process.env.CHAOS_SECONDS ?? 60);
const GROUP_SIZE = 20;
const DROPS_PER_SECOND = 5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();
const log = (line: string) => console.log(`chaos [${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
const pickOne = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

async function main() {
  const db = `xim_chaos_${randomBytes(4).toString("hex")}`;
  const base = await freshDb(db);
  const redisPort = await freePort();
  let redis = await startRedis(redisPort);
  const env = {
    ...base,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    RATE_LIMIT_SIGNIN_PER_IP_PER_MINUTE: "100000",
  };
  const main = ximMain();
  const instances: (Child | null)[] = await Promise.all([startChild(main, env), startChild(main, env)]);
  const pick = () => pickOne(instances.filter((i): i is Child => i !== null).map((i) => i.url)) ?? null;
  log(`database ${db}, redis-server on ${redisPort}, instances ${instances.map((i) => i?.url).join(" ")}`);

  // Each user is in one direct chat and one group of GROUP_SIZE.
  const n = PER_INSTANCE * 2;
  const chatsOf = new Map<number, number[]>();
  const ids = await withPg(env.DATABASE_URL, async (c) => {
    const ids = await users(c, "chaos", n);
    const pairs = await directChats(
      c,
      ids.filter((_, i) => i % 2 === 0),
      ids.filter((_, i) => i % 2 === 1),
    );
    for (const p of pairs) for (const u of [p.sender, p.receiver]) chatsOf.set(u, [p.chatId]);
    for (let i = 0; i < n; i += GROUP_SIZE) {
      const members = ids.slice(i, i + GROUP_SIZE);
      const groupId = await group(c, members[0] as number, members.slice(1));
      for (const u of members) chatsOf.get(u)?.push(groupId);
    }
    return ids;
  });
  const tokens = new Tokens(JWT_SECRET, 3600);
  // Half the clients start on each instance; when they reconnect, they go wherever pick() says.
  const clients = await Promise.all(
    ids.map(async (id) => new ChaosClient(id, chatsOf.get(id) ?? [], `Bearer ${await tokens.issue(id, 0)}`, { pick })),
  );
  for (const [i, c] of clients.entries()) c.connect(instances[i % 2]?.url);
  await until(() => clients.every((c) => c.connected), 60_000, "clients connected");
  log(`${clients.length} clients connected`);

  // Steady sending; the faults on a timetable; random socket drops throughout.
  const answers: Answer[] = [];
  let sent = 0;
  let unanswered = 0;
  const sends: Promise<void>[] = [];
  const sendFrom = Date.now();
  const sendUntil = sendFrom + SECONDS * 1000;
  const ticker = setInterval(() => {
    for (let k = 0; k < RATE / 10; k++) {
      const client = pickOne(clients);
      sent++;
      sends.push(
        client.send(pickOne(client.chatIds), Date.now() + 30_000).then((a) => {
          if (a) answers.push(a);
          else unanswered++;
        }),
      );
    }
  }, 100);
  const dropper = setInterval(() => pickOne(clients).drop(), 1000 / DROPS_PER_SECOND);
  const at = (fraction: number) => sleep(Math.max(0, sendFrom + SECONDS * 1000 * fraction - Date.now()));

  await at(0.3);
  const victim = instances[1] as Child;
  instances[1] = null;
  victim.proc.kill("SIGKILL");
  log(`SIGKILLed instance ${victim.url}`);
  await at(0.45);
  instances[1] = await startChild(main, env);
  log(`instance started again at ${instances[1].url}`);
  await at(0.65);
  await stopProcess(redis, "SIGKILL");
  log("redis-server killed");
  await sleep(1500);
  redis = await startRedis(redisPort);
  log("redis-server started again");

  await sleep(Math.max(0, sendUntil - Date.now()));
  clearInterval(ticker);
  clearInterval(dropper);
  await Promise.all(sends);
  log(`sending stopped: ${sent} sent, ${answers.length} answered`);

  // Everyone back on a socket, then every client up to its chats' last seqs (or the wait ends).
  const lastSeqs = await withPg(env.DATABASE_URL, async (c) => {
    const r = await c.query("SELECT id, last_seq FROM chats");
    return new Map(r.rows.map((x) => [x.id as number, x.last_seq as number]));
  });
  const caughtUp = (c: ChaosClient) => c.chatIds.every((id) => (c.last.get(id) ?? 0) >= (lastSeqs.get(id) ?? 0));
  await until(() => clients.every((c) => c.connected && caughtUp(c)), 30_000, "clients caught up").catch((err: Error) =>
    log(err.message),
  );
  await sleep(1000); // a late repeat would show up now

  const stored = await withPg(env.DATABASE_URL, async (c) => {
    const total = (await c.query("SELECT count(*)::int AS n FROM messages")).rows[0].n as number;
    const r = await c.query(
      "SELECT client_message_id AS key, count(*)::int AS n, min(id)::text AS id FROM messages WHERE client_message_id = ANY($1) GROUP BY 1",
      [answers.map((a) => a.key)],
    );
    return { total, byKey: new Map(r.rows.map((x) => [x.key as string, { n: x.n as number, id: x.id as string }])) };
  });
  const notOnce = answers.filter((a) => {
    const row = stored.byKey.get(a.key);
    return row?.n !== 1 || row.id !== a.id;
  }).length;
  const sum = (f: (c: ChaosClient) => number) => clients.reduce((s, c) => s + f(c), 0);
  const expected = sum((c) => c.chatIds.reduce((s, id) => s + (lastSeqs.get(id) ?? 0), 0));
  const delivered = sum((c) => c.counts.received - c.counts.duplicates);
  const missing = sum((c) => c.chatIds.reduce((s, id) => s + (lastSeqs.get(id) ?? 0) - (c.last.get(id) ?? 0), 0));
  const counts = {
    sent,
    answered: answers.length,
    unanswered,
    stored: stored.total,
    answered_not_stored_once: notOnce,
    expected_deliveries: expected,
    delivered,
    duplicates: sum((c) => c.counts.duplicates),
    gaps: sum((c) => c.counts.gaps) + missing,
    reconnects: sum((c) => c.counts.reconnects),
    /** Clients whose one socket stayed open the whole run (through the Redis restart). */
    kept_sockets: clients.filter((c) => c.counts.reconnects === 0).length,
  };

  const faults = clients.flatMap((c) => [
    ...c.faults.map((f) => `user ${c.userId} ${f}`),
    ...c.chatIds
      .filter((id) => (c.last.get(id) ?? 0) < (lastSeqs.get(id) ?? 0))
      .map(
        (id) => `user ${c.userId} chat ${id}: at ${c.last.get(id)} of ${lastSeqs.get(id)}, connected ${c.connected}`,
      ),
  ]);
  for (const f of faults.slice(0, 20)) log(f);
  for (const c of clients) c.close();
  for (const i of instances) await i?.stop();
  await stopProcess(redis);
  await withPg(env.DATABASE_URL.replace(/\/[^/]*$/, "/postgres"), (c) =>
    c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`),
  );

  const failed =
    counts.unanswered > 0 ||
    counts.answered_not_stored_once > 0 ||
    counts.duplicates > 0 ||
    counts.gaps > 0 ||
    counts.delivered !== counts.expected_deliveries;
  console.log(
    `chaos: ${Object.entries(counts)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")} ${failed ? "FAILED" : "ok"} in ${((Date.now() - started) / 1000).toFixed(0)}s`,
  );
  process.exit(failed ? 1 : 0);
}

async function until(check: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000}s`);
    await sleep(100);
  }
}

main().catch((err) => {
  console.error("chaos: failed to run:", err);
  process.exit(1);
});
