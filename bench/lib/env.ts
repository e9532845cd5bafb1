// Where the bench runs: PostgreSQL and Redis at 127.0.0.1 (or BENCH_PG_URL / BENCH_REDIS_URL), a
// database of its own, created afresh and migrated.
import { pgFactoryForMigrations } from "../../src/db/adapters.ts";
import { applyMigrations } from "../../src/db/migrations.ts";
import { withPg } from "./seed.ts";

const ADMIN_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
export const JWT_SECRET = "bench-secret-0123456789abcdef0123456789abcdef";

/** The environment of an xim instance on database `db` (rate limits out of the way). */
export function ximEnv(db: string) {
  return {
    DATABASE_URL: ADMIN_URL.replace(/\/[^/]*$/, `/${db}`),
    REDIS_URL,
    REDIS_PREFIX: `${db}:`,
    JWT_SECRET,
    RATE_LIMIT_SEND_PER_MINUTE: "100000000",
  };
}

/** Drops database `db` (its connections closed), if it is there. */
export function dropDb(db: string): Promise<void> {
  return withPg(ADMIN_URL, async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)));
}

/** Drops and recreates database `db`, applies the migrations; returns xim's environment on it. */
export async function freshDb(db: string) {
  await dropDb(db);
  await withPg(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${db}`));
  const env = ximEnv(db);
  await applyMigrations(pgFactoryForMigrations(env.DATABASE_URL));
  return env;
}
