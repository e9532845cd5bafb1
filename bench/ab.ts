// npm run bench:ab: the server CPU per request of two builds of xim (or of one build under two
// environments), both up at once and loaded at the same time, round after round, so the machine's
// drift (other tenants, frequency) hits both alike. Prints each side's CPU µs per request and the
// ratio B/A of every round: the medians of A/A runs come out at 1.00 where sequential runs of
// `bench:cpu` swing by ±30 % on a noisy machine.
//   AB_A_MAIN  the bundle to compare against (default dist/main.js; build the old commit and copy
//              its dist/ whole elsewhere in this checkout, so that it finds node_modules and its
//              main.js its outbox-worker.js)
//   AB_A_ENV, AB_B_ENV  extra environment of each side ("KEY=value KEY2=value")
//   AB_A_NODE_ARGS, AB_B_NODE_ARGS  extra node flags of each side, after npm start's ("--flag=value ...")
//   AB_OPS     regex over: typename, http send, http send delivered, ws send, ws typename, ws send delivered,
//              http send to many chats (each request to the next of AB_CHATS direct chats, 200:
//              the outbox relay's shape under the bench's load, an event's key a chat of its own),
//              ws send delivered to many chats (the same over one graphql-ws socket, every chat's
//              receiver subscribed: the idle subscriptions of the bench's ws row)
//   AB_THREAD=main  the servers' main threads alone (not the relay's thread, the collector's helpers)
//   AB_ROUNDS (10), AB_BATCH (requests per round and side, 1000), AB_C (in flight per side, 16)
// Each side has a database of its own (their outbox relays must not relay each other's events).
import { execFileSync } from "node:child_process";
import { Tokens } from "../src/runtime/passwords.ts";
import { postJson, socketClient, ximSystem, ximWsSystem } from "./lib/clients.ts";
import { freshDb } from "./lib/env.ts";
import { directChats, type Pair, users, withPg } from "./lib/seed.ts";
import { type Child, cpuMs, startChild } from "./lib/servers.ts";

const ROUNDS = Number(process.env.AB_ROUNDS ?? 10);
const BATCH = Number(process.env.AB_BATCH ?? 1000);
const C = Number(process.env.AB_C ?? 16);
const only = new RegExp(process.env.AB_OPS ?? ".");
// A process's main thread is its task of the same id.
const cpuOf = (pid: number) => cpuMs(pid, process.env.AB_THREAD === "main" ? pid : undefined);
const SEND = "mutation($input: SendMessageInput!) { sendMessage(input: $input) { id seq } }";

const envOf = (s = "") =>
  Object.fromEntries(
    s
      .split(/\s+/)
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
  );
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? Number.NaN;
const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;

type Once = () => Promise<unknown>;
type Side = { child: Child; pair: Pair; many: Pair[] };
type Token = (id: number) => Promise<string>;

/** The operations, each made ready on one side: its server and its own chat. */
const OPS: [string, (side: Side, token: Token) => Promise<Once>][] = [
  [
    "typename",
    async ({ child }) =>
      () =>
        postJson(`${child.url}/graphql`, { query: "{ __typename }" }),
  ],
  ["http send", async ({ child, pair }, token) => httpSend(child.url, pair, token)],
  [
    "http send delivered",
    async ({ child, pair }, token) => {
      await ximSystem(child.url, token).receive(pair.receiver, () => {});
      return httpSend(child.url, pair, token);
    },
  ],
  ["ws send", async ({ child, pair }, token) => wsSend(child.url, pair, token)],
  [
    "ws typename",
    async ({ child, pair }, token) => {
      const client = socketClient(child.url, await token(pair.sender));
      return async () => {
        for await (const _ of client.iterate({ query: "{ __typename }" }));
      };
    },
  ],
  [
    "http send to many chats",
    async ({ child, many }, token) => {
      const sends = await Promise.all(many.map((pair) => httpSend(child.url, pair, token)));
      let next = 0;
      return () => (sends[next++ % sends.length] as Once)();
    },
  ],
  [
    "ws send delivered",
    async ({ child, pair }, token) => {
      await ximSystem(child.url, token).receive(pair.receiver, () => {});
      return wsSend(child.url, pair, token);
    },
  ],
  [
    // The bench's ws row in small: each request to the next of AB_CHATS direct chats, every
    // receiver subscribed (its subscription idle between its chat's messages, as in the row). Last:
    // its sockets stay open, and would weigh on the operations measured after it.
    "ws send delivered to many chats",
    async ({ child, many }, token) => {
      const system = ximSystem(child.url, token);
      await Promise.all(many.map((pair) => system.receive(pair.receiver, () => {})));
      const send = await ximWsSystem(child.url, token).sender((many[0] as Pair).sender);
      let next = 0;
      return () => send((many[next++ % many.length] as Pair).chatId, "ab");
    },
  ],
];

async function httpSend(url: string, pair: Pair, token: Token): Promise<Once> {
  const headers = { authorization: `Bearer ${await token(pair.sender)}` };
  const body = { query: SEND, variables: { input: { chatId: String(pair.chatId), type: "TEXT", text: "ab" } } };
  return () => postJson(`${url}/graphql`, body, headers);
}

async function wsSend(url: string, pair: Pair, token: Token): Promise<Once> {
  const send = await ximWsSystem(url, token).sender(pair.sender);
  return () => send(pair.chatId, "ab");
}

async function run(once: Once, n: number) {
  let left = n;
  await Promise.all(
    Array.from({ length: C }, async () => {
      while (left-- > 0) await once();
    }),
  );
}

async function main() {
  execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
  const chats = Number(process.env.AB_CHATS ?? 200);
  // The same users, chats and ids in both databases.
  const seed = async (db: string) => {
    const env = await freshDb(db);
    const pairs = await withPg(env.DATABASE_URL, async (c) => {
      const [s1, s2, ...receivers] = await users(c, "ab", chats + 3);
      return directChats(c, [s1 as number, ...Array(chats).fill(s2)], receivers);
    });
    const [pair, ...many] = pairs;
    if (!pair || many.length === 0) throw new Error("no chats seeded");
    return { env, pair, many };
  };
  const [seedA, seedB] = [await seed("xim_bench_ab_a"), await seed("xim_bench_ab_b")];
  const tokens = new Tokens(seedA.env.JWT_SECRET, 36000);
  const token = (id: number) => tokens.issue(id, 0);
  const side = async (main: string, { env, pair, many }: typeof seedA, extra?: string, args = ""): Promise<Side> => ({
    child: await startChild(main, { ...env, ...envOf(extra) }, args.split(/\s+/).filter(Boolean)),
    pair,
    many,
  });
  const a = await side(
    process.env.AB_A_MAIN ?? "dist/main.js",
    seedA,
    process.env.AB_A_ENV,
    process.env.AB_A_NODE_ARGS,
  );
  const b = await side("dist/main.js", seedB, process.env.AB_B_ENV, process.env.AB_B_NODE_ARGS);
  try {
    for (const [name, make] of OPS) {
      if (!only.test(name)) continue;
      const sides = [
        { side: a, once: await make(a, token), cpu: [] as number[] },
        { side: b, once: await make(b, token), cpu: [] as number[] },
      ];
      for (const s of sides) await run(s.once, 1500); // warm-up
      for (let r = 0; r < ROUNDS; r++) {
        const before = sides.map((s) => cpuOf(s.side.child.proc.pid as number));
        await Promise.all(sides.map((s) => run(s.once, BATCH)));
        await new Promise((res) => setTimeout(res, 50));
        sides.forEach((s, i) => {
          s.cpu.push(((cpuOf(s.side.child.proc.pid as number) - (before[i] ?? 0)) / BATCH) * 1000);
        });
      }
      const [A, B] = sides.map((s) => s.cpu) as [number[], number[]];
      const ratios = A.map((x, i) => (B[i] ?? Number.NaN) / x);
      console.log(
        `${name}: A median ${median(A).toFixed(0)} mean ${mean(A).toFixed(0)} µs | ` +
          `B median ${median(B).toFixed(0)} mean ${mean(B).toFixed(0)} µs | ` +
          `B/A median ${median(ratios).toFixed(3)} (${ratios.map((x) => x.toFixed(2)).join(" ")})`,
      );
    }
  } finally {
    await a.child.stop();
    await b.child.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
