// What an operator meets at start: an unmigrated database, migrations without JWT_SECRET, Redis
// unreachable, and /health telling a database behind the code.
import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MeDocument, SignUpDocument } from "./gql/graphql.ts";
import { freshDatabase, onServices } from "./helpers/backend.ts";
import { Http } from "./helpers/client.ts";
import { freePort, startXim, stopProcess } from "./helpers/processes.ts";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");
const SECRET = { JWT_SECRET: "x".repeat(32) };
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

async function health(url: string) {
  const res = await fetch(url.replace(/\/graphql$/, "/health"));
  return { status: res.status, body: await res.json() };
}

describe.skipIf(!onServices)("an unmigrated PostgreSQL database", () => {
  it("refuses to start with one line naming npm run db:migrate", { timeout: 60_000 }, async () => {
    const db = await freshDatabase({ migrate: false });
    cleanups.push(db.drop);
    const x = await startXim({ DATABASE_URL: db.url, ...SECRET });
    expect(await x.exit).toBe(1);
    const lines = x.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^xim failed to start: the database is behind the code .*npm run db:migrate/);
  });

  it("is migrated by npm run db:migrate, which needs no JWT_SECRET; then xim starts", { timeout: 90_000 }, async () => {
    const db = await freshDatabase({ migrate: false });
    cleanups.push(db.drop);
    const env = { ...process.env, DATABASE_URL: db.url, JWT_SECRET: "" };
    const migrated = await run("npm", ["run", "--silent", "db:migrate"], { cwd: root, env });
    expect(migrated.stdout).toMatch(/applied: /);
    const status = await run("npm", ["run", "--silent", "db:status"], { cwd: root, env });
    expect(status.stdout).toContain("up to date");
    const x = await startXim({ DATABASE_URL: db.url, ...SECRET });
    cleanups.push(() => stopProcess(x.proc));
    expect(x.url).not.toBe("");
    expect((await health(x.url)).body).toMatchObject({ status: "ok", schema: "current" });
  });

  it("is migrated at start with MIGRATE_ON_START=true", { timeout: 60_000 }, async () => {
    const db = await freshDatabase({ migrate: false });
    cleanups.push(db.drop);
    const x = await startXim({ DATABASE_URL: db.url, MIGRATE_ON_START: "true", ...SECRET });
    cleanups.push(() => stopProcess(x.proc));
    expect(x.url).not.toBe("");
    const http = new Http(x.url);
    const { signUp } = await http.run(SignUpDocument, {
      username: `m${Date.now()}`,
      password: "correct horse",
      nickname: "M",
    });
    expect((await http.with(signUp.token).run(MeDocument)).me.id).toBe(signUp.user.id);
  });

  it("makes /health answer 503 with schema behind when a migration goes missing", { timeout: 60_000 }, async () => {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    const x = await startXim({ DATABASE_URL: db.url, ...SECRET });
    cleanups.push(() => stopProcess(x.proc));
    // Played as a deployment whose newest migration was not applied: its row goes.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    await client.query(
      "DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)",
    );
    await client.end();
    expect(await health(x.url)).toMatchObject({ status: 503, body: { status: "down", schema: "behind" } });
  });
});

describe("Redis unreachable at start", () => {
  it("is said in the start-up line, and /health says degraded", { timeout: 60_000 }, async () => {
    const port = await freePort();
    const dir = await mkdtemp(join(tmpdir(), "xim-"));
    const x = await startXim({ XIM_DATA_DIR: dir, REDIS_URL: `redis://127.0.0.1:${port}` });
    cleanups.push(() => stopProcess(x.proc));
    expect(x.url).not.toBe("");
    expect(x.output()).toMatch(new RegExp(`Redis pub/sub UNREACHABLE at 127\\.0\\.0\\.1:${port}`));
    expect(x.output()).toMatch(/Redis unreachable at/);
    expect(await health(x.url)).toMatchObject({ status: 200, body: { status: "degraded", pubsub: "down" } });
  });
});
