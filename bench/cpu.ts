// npm run bench:cpu: the server's CPU time per request, one operation at a time, to see where a
// send's cost goes: the floor of any Node HTTP server, yoga's, authentication, the send, the
// delivery. CPU time is read from /proc, so the client's own work is not counted.
import { readFileSync } from "node:fs";
import { Tokens } from "../src/runtime/passwords.ts";
import { postJson, ximSystem } from "./lib/clients.ts";
import { freshDb } from "./lib/env.ts";
import { directChats, users, withPg } from "./lib/seed.ts";
import { startChild, ximMain } from "./lib/servers.ts";
import { round, table } from "./lib/stats.ts";

const N = Number(process.env.BENCH_CPU_N ?? 20000);
const C = Number(process.env.BENCH_CPU_CONCURRENCY ?? 16);
const TICK_MS = 10; // USER_HZ is 100 on Linux

const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
};

/** `n` requests, `concurrency` at a time; returns the server's CPU µs and the wall µs per request. */
async function measure(pid: number, n: number, concurrency: number, once: () => Promise<unknown>) {
  for (let i = 0; i < 500; i++) await once(); // warm-up
  const cpu = cpuMs(pid);
  const t = performance.now();
  let left = n;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await once();
    }),
  );
  const wall = performance.now() - t;
  return [round(((cpuMs(pid) - cpu) / n) * 1000, 0), round((wall / n) * 1000, 0)];
}

async function main() {
  const env = await freshDb("xim_bench_cpu");
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
  } finally {
    await child.stop();
  }
  console.log(`server CPU per request: ${N} requests, ${C} at a time, after 500 to warm up`);
  console.log(table(["operation", "server CPU µs / request", "wall µs / request"], rows));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
