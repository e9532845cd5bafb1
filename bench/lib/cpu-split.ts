// Where a run's CPU went, by process: the server under test, the bench itself (every client),
// PostgreSQL, Redis, and the rest (the webhook sink of the events rows). Read from /proc before
// and after a run; the clients and the stores share the 2 cores with the server, so a system's
// throughput is set by the sum.
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
   * Of `server`: its main thread (the event loop). The rest is its helper threads: V8's (garbage
   * collection, compilation) and libuv's pool.
   */
  serverMain: number;
  /** The server's write and read system calls (from /proc/<pid>/io). */
  serverWrites: number;
  serverReads: number;
};

/** CPU ms used so far by each group of processes; `serverPid` is the system under test. */
export function cpuSnapshot(serverPid: number): CpuSplit {
  const out: CpuSplit = {
    server: 0,
    clients: 0,
    postgres: 0,
    redis: 0,
    other: 0,
    serverKernel: 0,
    serverMain: 0,
    serverWrites: 0,
    serverReads: 0,
  };
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
    const group: keyof CpuSplit =
      pid === serverPid
        ? "server"
        : pid === process.pid
          ? "clients"
          : comm.startsWith("postgres")
            ? "postgres"
            : comm.startsWith("redis")
              ? "redis"
              : "other";
    out[group] += ms;
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

/** CPU µs (and the server's system calls) per message between two snapshots. */
export function perMessage(before: CpuSplit, after: CpuSplit, messages: number): CpuSplit {
  const n = Math.max(1, messages);
  const per = (k: keyof CpuSplit) => Math.round(((after[k] - before[k]) * 1000) / n);
  const calls = (k: "serverWrites" | "serverReads") => Math.round(((after[k] - before[k]) / n) * 100) / 100;
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
