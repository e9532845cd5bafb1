// Starts xim (its production bundle), the raw baseline and the Socket.IO server as child processes
// on loopback.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");

/**
 * What `npm start` runs: the bundle `npm run build` writes (built once per bench run), or
 * BENCH_XIM_MAIN, an older build to compare with (a copy of its dist/ in this checkout, as bench:ab's AB_A_MAIN).
 */
export function ximMain(): string {
  if (process.env.BENCH_XIM_MAIN) return process.env.BENCH_XIM_MAIN;
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  return "dist/main.js";
}

/** The node flags `npm start` gives xim (package.json), so the bench runs a bundle the same way. */
function startFlags(): string[] {
  const start: string = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.start;
  const words = start.split(/\s+/);
  return words.filter((w) => w.startsWith("--"));
}

/** CPU ms (user + system) process `pid` (or one of its threads) has used, from /proc (USER_HZ is 100 on Linux). */
export function cpuMs(pid: number, thread?: number): number {
  const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
  const fields = readFileSync(path, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 10 ms
}

export type Child = { url: string; proc: ChildProcess; output(): string; rssKb(): number; stop(): Promise<void> };

export async function startChild(script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<Child> {
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/out" profiles the servers.
  const extra = [...nodeArgs, ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [])];
  const loader = script.endsWith(".ts") ? ["--import", "tsx"] : startFlags(); // dist/main.js, or an older build (bench:ab)
  // After npm start's flags: a V8 flag given twice takes its last value.
  const proc = spawn(process.execPath, [...loader, ...extra, script], {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  // xim logs a line per HTTP operation: keep the last 64 KB, enough for the start line and errors.
  proc.stdout?.on("data", (d) => (out = (out + d).slice(-65536)));
  if (process.env.BENCH_CHILD_LOG)
    proc.stdout?.on("data", (d) => appendFileSync(process.env.BENCH_CHILD_LOG as string, d));
  proc.stderr?.on("data", (d) => (out += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /listening on (http\S+)/.exec(out);
    if (m?.[1]) {
      const url = m[1].replace(/\/graphql$/, "");
      return {
        url,
        proc,
        output: () => out,
        rssKb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, "utf8"))?.[1] ?? 0),
        stop: async () => {
          if (proc.exitCode !== null) return;
          const exited = new Promise((r) => proc.once("exit", r));
          proc.kill("SIGTERM");
          await exited;
        },
      };
    }
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`${script} did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
