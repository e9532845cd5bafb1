// Starts xim on port 0 against the test backend, with helpers to make users and clients.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "graphql-ws";
import { type App, buildApp } from "../../src/server.ts";
import { SignUpDocument } from "../gql/graphql.ts";
import { testBackend, testConfig } from "./backend.ts";
import { Http, wsClient } from "./client.ts";

export type TestUser = { id: string; username: string; token: string; http: Http };

export type TestApp = {
  app: App;
  url: string;
  anon: Http;
  /** Where the disk driver keeps uploads: a temporary folder per app, removed on close. */
  filesDir: string;
  /** Every `log.error` call of the server, in order (tests that probe bad input expect none). */
  loggedErrors: unknown[][];
  signUp(nickname?: string): Promise<TestUser>;
  ws(user: TestUser | null, params?: Record<string, unknown>): Client;
  close(): Promise<void>;
};

const quiet = { error: () => {}, info: () => {} };

export async function startTestApp(
  overrides: Record<string, string> = {},
  onSql?: (sql: string) => void,
): Promise<TestApp> {
  const backend = await testBackend();
  const loggedErrors: unknown[][] = [];
  const log = process.env.XIM_TEST_LOG ? console : quiet;
  const filesDir = overrides.FILES_DIR ?? (await mkdtemp(join(tmpdir(), "xim-test-files-")));
  const app = await buildApp(testConfig(backend.env, { FILES_DIR: filesDir, ...overrides }), {
    log: {
      info: log.info,
      error: (...args: unknown[]) => {
        loggedErrors.push(args);
        log.error(...args);
      },
    },
    onSql,
  });
  const { url } = await app.start();
  const anon = new Http(url);
  const sockets: Client[] = [];
  return {
    app,
    url,
    anon,
    filesDir,
    loggedErrors,
    async signUp(nickname = "User") {
      const username = `u${randomBytes(5).toString("hex")}`;
      const { signUp } = await anon.run(SignUpDocument, { username, password: "correct horse", nickname });
      return { id: signUp.user.id, username, token: signUp.token, http: anon.with(signUp.token) };
    },
    ws(user, params = {}) {
      const client = wsClient(url, { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...params });
      sockets.push(client);
      return client;
    },
    async close() {
      await Promise.allSettled(sockets.map((s) => s.dispose()));
      await app.stop();
      await backend.drop();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

/** Several instances on one backend (PostgreSQL + Redis): what a load balancer would spread over. */
export async function startCluster(n: number, overrides: Record<string, string> = {}) {
  const backend = await testBackend();
  /** One more instance on the same backend; the caller stops it (close() does not). */
  const startOne = async () => {
    const app = await buildApp(testConfig(backend.env, overrides), { log: process.env.XIM_TEST_LOG ? console : quiet });
    const { url } = await app.start();
    return { app, url, http: new Http(url) };
  };
  const apps = await Promise.all(Array.from({ length: n }, startOne));
  return {
    apps,
    startOne,
    close: async () => {
      for (const a of apps) await a.app.stop();
      await backend.drop();
    },
  };
}
