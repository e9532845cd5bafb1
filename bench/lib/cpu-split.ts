// Where a run's CPU went, by process: the server under test, the bench itself (every client),
// PostgreSQL, Redis, and the rest (the webhook sink of the events rows, the systems not running).
// Read from /proc before and after a run; the clients and the stores share the 2 cores with the
// server, so a system's throughput is set by the sum.
import { readdirSync, readFileSync } from "node:fs";
import { cpuMs } from "./servers.ts";

export type CpuSplit = {
  server: number;
  clients: number;
  postgres: number;
  redis: number;
  other: number;
  /** Of `server`: the kernel's time on its behalf (system calls: each write to a socket on loopback). */
  serverKernel: number;
  /**
   * Of `server`: its main thread (the event loop). The rest is its other threads: V8's (garbage
   * collection, compilation), libuv's pool, and with events on PostgreSQL the outbox relay's.
   */
  serverMain: number;
  /** The server's write and read system calls (from /proc/<pid>/io). */
  serverWrites: number;
  serverReads: number;
};

type Group = "server" | "clients" | "postgres" | "redis" | "other";
type ServerCounts = Pick<CpuSplit, "serverKernel" | "serverMain" | "serverWrites" | "serverReads">;
/** CPU ms so far by process, with its group (a process that exits takes its count with it), and the server's counts. */
export type Snapshot = ServerCounts & { byPid: Map<number, { group: Group; ms: number }> };

/** CPU ms used so far by each process; `serverPid` is the system under test. */
export function cpuSnapshot(serverPid: number): Snapshot {
  const out: Snapshot = { serverKernel: 0, serverMain: 0, serverWrites: 0, serverReads: 0, byPid: new Map() };
  for (const dir of readdirSync("/proc")) {
    if (!/^\d+$/.test(dir)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${dir}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
    const ms = (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, ticks of 10 ms
    const pid = Number(dir);
    const group: Group =
      pid === serverPid
        ? "server"
        : pid === process.pid
          ? "clients"
          : comm.startsWith("postgres")
            ? "postgres"
            : comm.startsWith("redis")
              ? "redis"
              : "other";
    out.byPid.set(pid, { group, ms });
    if (group === "server") out.serverKernel += Number(fields[12]) * 10;
  }
  try {
    out.serverMain = cpuMs(serverPid, serverPid); // the main thread's id is the process's
  } catch {} // gone
  try {
    const io = readFileSync(`/proc/${serverPid}/io`, "utf8");
    out.serverWrites = Number(/syscw: (\d+)/.exec(io)?.[1] ?? 0);
    out.serverReads = Number(/syscr: (\d+)/.exec(io)?.[1] ?? 0);
  } catch {} // not readable here: no counts
  return out;
}

/**
 * What was used between two snapshots: by group, the sum over the processes alive at the second
 * (a process that exited meanwhile is left out, not counted negative, as a pool's idle connection
 * closing would be; one started meanwhile counts whole).
 */
export function used(before: Snapshot, after: Snapshot): CpuSplit {
  const out = noSplit();
  for (const [pid, { group, ms }] of after.byPid) out[group] += ms - (before.byPid.get(pid)?.ms ?? 0);
  for (const k of ["serverKernel", "serverMain", "serverWrites", "serverReads"] as const) out[k] = after[k] - before[k];
  return out;
}

/** CPU µs (and the server's system calls) per message, of what `used` returned over `messages`. */
export function perMessage(use: CpuSplit, messages: number): CpuSplit {
  const n = Math.max(1, messages);
  const per = (k: keyof CpuSplit) => Math.round((use[k] * 1000) / n);
  const calls = (k: "serverWrites" | "serverReads") => Math.round((use[k] / n) * 100) / 100;
  return {
    server: per("server"),
    clients: per("clients"),
    postgres: per("postgres"),
    redis: per("redis"),
    other: per("other"),
    serverKernel: per("serverKernel"),
    serverMain: per("serverMain"),
    serverWrites: calls("serverWrites"),
    serverReads: calls("serverReads"),
  };
}

/** `a` and `b` added up (the rounds of one system's run). */
export function addSplit(a: CpuSplit, b: CpuSplit): CpuSplit {
  const out = { ...a };
  for (const k of Object.keys(out) as (keyof CpuSplit)[]) out[k] += b[k];
  return out;
}

export const noSplit = (): CpuSplit => ({
  server: 0,
  clients: 0,
  postgres: 0,
  redis: 0,
  other: 0,
  serverKernel: 0,
  serverMain: 0,
  serverWrites: 0,
  serverReads: 0,
});

/** The machine's busy and total CPU ticks so far (/proc/stat). */
function ticks(): { busy: number; all: number } {
  const f = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const all = f.reduce((a, b) => a + b, 0);
  return { busy: all - (f[3] ?? 0) - (f[4] ?? 0), all }; // idle and iowait are not busy
}

/**
 * Resolves once the machine is quiet: under 10 % busy over 200 ms (what a system did after its
 * round, such as its outbox relay working off its backlog, is over before the next round starts), or
 * after `maxMs`.
 */
export async function quiet(maxMs = 5000): Promise<void> {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    const a = ticks();
    await new Promise((r) => setTimeout(r, 200));
    const b = ticks();
    if (b.all > a.all && (b.busy - a.busy) / (b.all - a.all) < 0.1) return;
  }
}
