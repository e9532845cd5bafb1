// Which backend the tests run on: the embedded default, or PostgreSQL + Redis on 127.0.0.1
// (XIM_TEST_BACKEND=services). Each test file gets its own fresh database.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Config, loadConfig } from "../../src/config.ts";
import { pgFactoryForMigrations } from "../../src/db/adapters.ts";
import { applyMigrations } from "../../src/db/migrations.ts";

export const onServices = process.env.XIM_TEST_BACKEND === "services";
export const PG_ADMIN_URL = process.env.XIM_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.XIM_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export type TestBackend = { env: Record<string, string>; drop(): Promise<void> };

/** A fresh PostgreSQL database, migrated unless told otherwise. */
export async function freshDatabase({ migrate = true } = {}): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `xim_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  if (migrate) await applyMigrations(pgFactoryForMigrations(url));
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function testBackend(): Promise<TestBackend> {
  if (!onServices) return { env: { XIM_DATA_DIR: "memory://" }, drop: async () => {} };
  const db = await freshDatabase();
  return {
    // Test files share one Redis: each database gets its own namespace there.
    env: {
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_PREFIX: `${db.url.split("/").pop()}:`,
      JWT_SECRET: randomBytes(32).toString("hex"),
    },
    drop: db.drop,
  };
}

export function testConfig(env: Record<string, string>, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    RATE_LIMIT_SEND_PER_MINUTE: "100000",
    RATE_LIMIT_FRIEND_REQUEST_PER_MINUTE: "100000",
    RATE_LIMIT_INVITE_PER_MINUTE: "100000",
    RATE_LIMIT_DIRECT_CHAT_PER_MINUTE: "100000",
    RATE_LIMIT_JOIN_REQUEST_PER_MINUTE: "100000",
    // Every test signs in from 127.0.0.1, and some sign up many users at once.
    RATE_LIMIT_SIGNIN_PER_IP_PER_MINUTE: "100000",
    PASSWORD_HASH_QUEUE: "10000",
    RATE_LIMIT_USER_LOOKUP_PER_MINUTE: "100000",
    RATE_LIMIT_SEARCH_PER_MINUTE: "100000",
    ...env,
    ...overrides,
  });
}
