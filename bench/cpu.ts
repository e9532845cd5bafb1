// npm run bench:cpu: the server's CPU time per request, one operation at a time, to see where a
// send's cost goes: the floor of any Node HTTP server, yoga's, authentication, the send, the
// delivery, the outbox's events, receipts and reactions. CPU time is read from /proc, so the
// client's own work is not counted; the database's (the PostgreSQL backends of the bench's
// database) and Redis's are counted beside it. Unlike throughput, these numbers hold on a busy
// machine.
import { readdirSync, readFileSync } from "node:fs";
import { Tokens } from "../src/runtime/passwords.ts";
import { postJson, ximSystem, ximWsSystem } from "./lib/clients.ts";
import { freshDb } from "./lib/env.ts";
import { directChats, users, withPg } from "./lib/seed.ts";
import { cpuMs, startChild, ximMain } from "./lib/servers.ts";
import { round, table } from "./lib/stats.ts";

const N = Number(process.env.BENCH_CPU_N ?? 20000);
const C = Number(process.env.BENCH_CPU_CONCURRENCY ?? 16);

const DB = "xim_bench_cpu";

/** The CPU ms of the PostgreSQL backends serving the bench's database, and of redis-server. */
function storeCpuMs(): number {
  let ms = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (cmd.startsWith("redis-server") || (cmd.startsWith("postgres:") && cmd.includes(` ${DB} `)))
        ms += cpuMs(Number(pid));
    } catch {} // gone meanwhile
  }
  return ms;
}

/**
 * `n` requests, `concurrency` at a time; returns the server's CPU µs, the stores' CPU µs and the
 * wall µs per request. `settled` waits for work the requests leave behind (the outbox relay).
 */
async function measure(
  pid: number,
  n: number,
  concurrency: number,
  once: () => Promise<unknown>,
  settled: () => Promise<void> = async () => {},
) {
  for (let i = 0; i < 500; i++) await once(); // warm-up
  await settled();
  const cpu = cpuMs(pid);
  const stores = storeCpuMs();
  const t = performance.now();
  let left = n;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await once();
    }),
  );
  const wall = performance.now() - t;
  await settled();
  return [
    round(((cpuMs(pid) - cpu) / n) * 1000, 0),
    round(((storeCpuMs() - stores) / n) * 1000, 0),
    round((wall / n) * 1000, 0),
  ];
}

async function main() {
  const env = await freshDb(DB);
  const { pair } = await withPg(env.DATABASE_URL, async (c) => {
    const [s, r] = await users(c, "cpu", 2);
    return { pair: (await directChats(c, [s as number], [r as number]))[0] };
  });
  if (!pair) throw new Error("no chat seeded");
  const tokens = new Tokens(env.JWT_SECRET, 3600);
  const token = (id: number) => tokens.issue(id, 0);
  const auth = { authorization: `Bearer ${await token(pair.sender)}` };
  const only = new RegExp(process.env.BENCH_CPU_ONLY ?? ".");
  const rows: (string | number)[][] = [];
  const raw = await startChild("bench/raw-server.ts", { ...env, REDIS_PREFIX: "cpu-raw:" });
  try {
    if (only.test("floor"))
      rows.push([
        "floor: node:http, JSON in and out (raw server)",
        ...(await measure(raw.proc.pid as number, N, C, () =>
          postJson(`${raw.url}/echo`, { query: "{ __typename }" }),
        )),
      ]);
  } finally {
    await raw.stop();
  }
  const child = await startChild(ximMain(), env);
  const url = `${child.url}/graphql`;
  const send = {
    query: "mutation($input: SendMessageInput!) { sendMessage(input: $input) { id seq } }",
    variables: { input: { chatId: String(pair.chatId), type: "TEXT", text: "cpu" } },
  };
  const registered = await postJson(
    url,
    {
      query: "mutation($i: RegisterDeviceInput!) { registerDevice(input: $i) { id } }",
      variables: {
        i: { arch: "x64", hostname: "bench", os: "linux", macs: [{ name: "eth0", address: "02:00:00:00:00:01" }] },
      },
    },
    auth,
  );
  const onDevice = { ...auth, "x-device-id": JSON.parse(registered).data.registerDevice.id as string };
  const ops: [string, () => Promise<unknown>][] = [
    ["{ __typename }", () => postJson(url, { query: "{ __typename }" })],
    ["{ me { id } } (authenticated)", () => postJson(url, { query: "{ me { id } }" }, auth)],
    ["sendMessage { id seq }, nobody subscribed", () => postJson(url, send, auth)],
    ["the same from a device (X-Device-Id)", () => postJson(url, send, onDevice)],
  ];
  try {
    for (const [name, once] of ops.filter(([name]) => only.test(name)))
      rows.push([name, ...(await measure(child.proc.pid as number, N, C, once))]);
    if (only.test("delivered")) {
      const stop = await ximSystem(child.url, token).receive(pair.receiver, () => {});
      rows.push([
        "sendMessage, delivered to one graphql-ws subscriber",
        ...(await measure(child.proc.pid as number, N, C, () => postJson(url, send, auth))),
      ]);
      stop();
    }
    if (only.test("over its graphql-ws socket")) {
      const sendWs = await ximWsSystem(child.url, token).sender(pair.sender);
      rows.push([
        "sendMessage { id seq } over the sender's graphql-ws socket",
        ...(await measure(child.proc.pid as number, N, C, () => sendWs(pair.chatId, "cpu"))),
      ]);
    }
    const receiverAuth = { authorization: `Bearer ${await token(pair.receiver)}` };
    const read = { query: "mutation($c: ID!) { markChatRead(chatId: $c) { lastMessage { id } } }" };
    if (only.test("markChatRead"))
      rows.push([
        "markChatRead (a read receipt to the peer)",
        ...(await measure(child.proc.pid as number, N, C, () =>
          postJson(url, { ...read, variables: { c: String(pair.chatId) } }, receiverAuth),
        )),
      ]);
    if (only.test("addReaction")) {
      const out = await postJson(url, { ...read, variables: { c: String(pair.chatId) } }, receiverAuth);
      const m = /"lastMessage":\{"id":"(\d+)"/.exec(out)?.[1];
      let i = 0;
      const react = (op: string) =>
        postJson(
          url,
          {
            query: `mutation($m: ID!, $e: String!) { ${op}(messageId: $m, emoji: $e) { id } }`,
            variables: { m, e: ["👍", "❤️", "😂", "🎉"][i++ % 4] },
          },
          receiverAuth,
        );
      rows.push([
        "addReaction then removeReaction (two requests)",
        ...(await measure(child.proc.pid as number, N / 2, C, async () => {
          await react("addReaction");
          await react("removeReaction");
        })),
      ]);
    }
  } finally {
    await child.stop();
  }
  if (only.test("with events")) {
    const sink = await startChild("bench/webhook-sink.ts", {});
    const events = await startChild(ximMain(), {
      ...env,
      EVENTS_STREAM: "bench-cpu:events",
      EVENTS_STREAM_MAXLEN: "100000",
      WEBHOOK_URL: sink.url,
      WEBHOOK_SECRET: `whsec_${Buffer.from("bench webhook secret, 32 bytes..").toString("base64")}`,
    });
    const relayed = async () => {
      for (;;) {
        const left = await withPg(env.DATABASE_URL, (c) => c.query("SELECT count(*)::int AS n FROM outbox_events"));
        if (left.rows[0].n === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      rows.push([
        "sendMessage with events on (a Redis stream and a webhook), relayed",
        ...(await measure(
          events.proc.pid as number,
          N,
          C,
          () => postJson(`${events.url}/graphql`, send, auth),
          relayed,
        )),
      ]);
    } finally {
      await events.stop();
      await sink.stop();
    }
  }
  console.log(`server CPU per request: ${N} requests, ${C} at a time, after 500 to warm up`);
  console.log(
    table(["operation", "server CPU µs / request", "PostgreSQL + Redis CPU µs / request", "wall µs / request"], rows),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
