// npm run bench:cpu: the server's CPU time per request, one operation at a time (sequential, one
// keep-alive connection), to see where a send's cost goes. CPU time is read from /proc, so the
// client's own work is not counted.
import { readFileSync } from "node:fs";
import { Tokens } from "../src/im/auth.ts";
import { postJson } from "./lib/clients.ts";
import { freshDb } from "./lib/env.ts";
import { directChats, users, withPg } from "./lib/seed.ts";
import { startChild } from "./lib/servers.ts";
import { round, table } from "./lib/stats.ts";

const N = Number(process.env.BENCH_CPU_N ?? 5000);
const TICK_MS = 10; // USER_HZ is 100 on Linux

const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
};

async function main() {
  const env = await freshDb("xim_bench_cpu");
  const { pair } = await withPg(env.DATABASE_URL, async (c) => {
    const [s, r] = await users(c, "cpu", 2);
    return { pair: (await directChats(c, [s as number], [r as number]))[0] };
  });
  if (!pair) throw new Error("no chat seeded");
  const tokens = new Tokens(env.JWT_SECRET, 3600);
  const auth = { authorization: `Bearer ${await tokens.issue(pair.sender, 0)}` };
  const child = await startChild("src/main.ts", env);
  const url = `${child.url}/graphql`;
  const ops: [string, () => unknown, Record<string, string>][] = [
    ["{ __typename }", () => ({ query: "{ __typename }" }), {}],
    ["{ me { id } } (authenticated)", () => ({ query: "{ me { id } }" }), auth],
    [
      "sendMessage { id seq }",
      () => ({
        query: "mutation($input: SendMessageInput!) { sendMessage(input: $input) { id seq } }",
        variables: { input: { chatId: String(pair.chatId), type: "TEXT", text: "cpu" } },
      }),
      auth,
    ],
  ];
  const only = new RegExp(process.env.BENCH_CPU_ONLY ?? ".");
  const rows = [];
  try {
    for (const [name, body, headers] of ops.filter(([name]) => only.test(name))) {
      for (let i = 0; i < 200; i++) await postJson(url, body(), headers); // warm-up
      const cpu = cpuMs(child.proc.pid as number);
      const t = performance.now();
      for (let i = 0; i < N; i++) await postJson(url, body(), headers);
      const wall = performance.now() - t;
      const used = cpuMs(child.proc.pid as number) - cpu;
      rows.push([name, round((used / N) * 1000, 0), round((wall / N) * 1000, 0)]);
    }
  } finally {
    await child.stop();
  }
  console.log(table(["operation", "server CPU µs / request", "wall µs / request"], rows));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
