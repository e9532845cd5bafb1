// Processes the fault tests start and stop: a redis-server of their own, and xim itself.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server, Socket } from "node:net";
import { join } from "node:path";
import { sleep } from "./client.ts";

const root = join(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

/** A redis-server on `port` that keeps nothing on disk. */
export async function startRedis(port: number): Promise<ChildProcess> {
  const proc = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  for (let i = 0; i < 50; i++) {
    if (await canConnect(port)) return proc;
    await sleep(100);
  }
  throw new Error("redis-server did not start");
}

export async function stopProcess(proc: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
  if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode;
  const exited = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  proc.kill(signal);
  return exited;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
    s.connect(port, "127.0.0.1");
  });
}

export type XimProcess = { proc: ChildProcess; url: string; output: () => string; exit: Promise<number | null> };

/** Runs `npm start`'s command (node, its flags, the bundle test/helpers/build.ts made) as its own process; waits for it to listen (or exit). */
export async function startXim(env: Record<string, string>): Promise<XimProcess> {
  const start: string = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.start;
  const proc = spawn(process.execPath, start.split(/\s+/).slice(1), {
    cwd: root,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout?.on("data", (d) => (out += d));
  proc.stderr?.on("data", (d) => (out += d));
  const exit = new Promise<number | null>((r) => proc.once("exit", (code) => r(code)));
  const url = await Promise.race([
    (async () => {
      for (;;) {
        const m = /listening on (\S+)/.exec(out);
        if (m?.[1]) return m[1];
        await sleep(50);
      }
    })(),
    exit.then(() => ""),
    sleep(30_000).then(() => ""),
  ]);
  return { proc, url, output: () => out, exit };
}

/** A TCP proxy to PostgreSQL that can be cut and restored, to play a database going away. */
export class CuttableProxy {
  #server?: Server;
  #sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: number,
  ) {}

  async open(): Promise<void> {
    this.#server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.target, "127.0.0.1");
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on("close", () => this.#sockets.delete(s));
        s.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => this.#server?.listen(this.port, "127.0.0.1", () => r()));
  }

  async cut(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    await new Promise((r) => this.#server?.close(r));
  }
}
