// A real Redis Cluster of three masters on spare ports, for the tests that run xim on one: each
// node a redis-server of its own (nothing on disk but its nodes file, in a temporary folder), joined
// with `redis-cli --cluster create`, ready once every node says cluster_state:ok.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sleep } from "./client.ts";
import { stopProcess } from "./processes.ts";

const run = promisify(execFile);

export type RedisCluster = {
  ports: number[];
  urls: string;
  cli(port: number, ...args: string[]): Promise<string>;
  /** Kills one master and starts it again (same port and nodes file: it takes its slots back). */
  restart(port: number): Promise<void>;
};

const free = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });

/** Ports P whose cluster bus port (P + 10000) is free too. */
async function sparePorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < n) {
    const p = 20000 + Math.floor(Math.random() * 20000);
    if (!ports.includes(p) && (await free(p)) && (await free(p + 10000))) ports.push(p);
  }
  return ports;
}

async function cli(port: number, ...args: string[]): Promise<string> {
  return (await run("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...args])).stdout;
}

async function until(what: string, check: () => Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`redis cluster: ${what} not in time`);
    await sleep(100);
  }
}

/** Starts the cluster; `stop()` ends its servers and removes their folder. */
export async function startRedisCluster(): Promise<RedisCluster & { stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "xim-redis-cluster-"));
  const ports = await sparePorts(3);
  const server = (p: number) =>
    spawn(
      "redis-server",
      [
        ...["--port", String(p), "--bind", "127.0.0.1", "--cluster-enabled", "yes"],
        ...["--cluster-config-file", join(dir, `nodes-${p}.conf`), "--dir", dir],
        ...["--save", "", "--appendonly", "no", "--daemonize", "no"],
      ],
      { stdio: "ignore" },
    );
  const procs: ChildProcess[] = ports.map(server);
  const ok = async (p: number) => (await cli(p, "CLUSTER", "INFO")).includes("cluster_state:ok");
  const restart = async (port: number) => {
    const i = ports.indexOf(port);
    await stopProcess(procs[i] as ChildProcess, "SIGKILL");
    procs[i] = server(port);
    for (const p of ports) await until(`node ${p} ok again`, () => ok(p));
  };
  const stop = async () => {
    await Promise.all(procs.map((p) => stopProcess(p)));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const p of ports) await until(`node ${p} up`, async () => (await cli(p, "PING")).trim() === "PONG");
    await run("redis-cli", [
      "--cluster",
      "create",
      ...ports.map((p) => `127.0.0.1:${p}`),
      "--cluster-replicas",
      "0",
      "--cluster-yes",
    ]);
    for (const p of ports) await until(`node ${p} ok`, () => ok(p));
  } catch (err) {
    await stop();
    throw err;
  }
  return { ports, urls: ports.map((p) => `redis://127.0.0.1:${p}`).join(","), cli, restart, stop };
}
