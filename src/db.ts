// The Prisma client, on PostgreSQL (DATABASE_URL) or on the embedded PGlite in the data folder.
import { mkdir } from "node:fs/promises";
import pg from "pg";
import type { Config } from "./config.ts";
import { observedFactory, openPGlite, pgFactory, pgFactoryForMigrations, pgliteFactory } from "./db/adapters.ts";
import { applyMigrations, migrationNames } from "./db/migrations.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { pgRunner, prismaRunner, type RawSql } from "./runtime/sql.ts";

export type Db = {
  prisma: PrismaClient;
  /**
   * Runs the hot statements (the send statements, the outbox relay's): prepared on the pg pool
   * (PostgreSQL), through Prisma (embedded).
   */
  sql: RawSql;
  kind: "postgres" | "embedded";
  /** The pg pool (PostgreSQL backend): its counts are metrics. */
  pool?: pg.Pool;
  /** Migrations of this code that the database lacks (none on a current database). */
  unapplied(): Promise<string[]>;
  close(): Promise<void>;
};

export class SchemaBehindError extends Error {}

/** `onSql` sees every statement sent (tests count them). */
/** What opening the database reads of the configuration. */
export type DbConfig = Pick<Config, "databaseUrl" | "dataDir" | "databasePoolSize" | "migrateOnStart"> &
  Partial<Pick<Config, "databasePreparedStatements">>;

export async function openDb(config: DbConfig, onSql?: (sql: string) => void): Promise<Db> {
  const observe = <F extends Parameters<typeof observedFactory>[0]>(f: F): F => (onSql ? observedFactory(f, onSql) : f);
  if (config.databaseUrl) {
    await checkReachable(config.databaseUrl);
    const url = config.databaseUrl;
    let missing = await unappliedOn(url);
    if (missing.length && config.migrateOnStart) {
      await applyMigrations(pgFactoryForMigrations(url));
      missing = await unappliedOn(url);
    }
    if (missing.length)
      throw new SchemaBehindError(
        `the database is behind the code (${missing.length} migration${missing.length > 1 ? "s" : ""} not applied, first ${missing[0]}): run npm run db:migrate, or start with MIGRATE_ON_START=true`,
      );
    const pool = new pg.Pool({ connectionString: url, max: config.databasePoolSize });
    const prisma = new PrismaClient({ adapter: observe(pgFactory(pool)) });
    const sql = pgRunner(pool, { onSql, prepared: config.databasePreparedStatements ?? true });
    return {
      prisma,
      sql,
      kind: "postgres",
      pool,
      unapplied: () => unappliedOn(url),
      close: () => prisma.$disconnect(),
    };
  }
  // The embedded database is migrated on start: `npm start` needs no other step.
  if (!config.dataDir.startsWith("memory://")) await mkdir(config.dataDir, { recursive: true });
  const pglite = await openPGlite(config.dataDir);
  await applyMigrations(pgliteFactory(pglite));
  const prisma = new PrismaClient({ adapter: observe(pgliteFactory(pglite)) });
  const sql = prismaRunner(prisma);
  return {
    prisma,
    sql,
    kind: "embedded",
    unapplied: async () => [],
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/** Fails with one plain line (not a Prisma report) when PostgreSQL cannot be reached. */
async function checkReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (err) {
    const where = new URL(url);
    throw new Error(
      `cannot reach PostgreSQL at ${where.hostname}:${where.port || 5432}: ${err instanceof Error ? err.message : String(err)}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** The project's migrations that Prisma's `_prisma_migrations` table does not list as applied. */
async function unappliedOn(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const table = await client.query("SELECT to_regclass('_prisma_migrations') AS t");
    const applied = table.rows[0]?.t
      ? (
          await client.query<{ migration_name: string }>(
            "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
          )
        ).rows.map((r) => r.migration_name)
      : [];
    const done = new Set(applied);
    return (await migrationNames()).filter((name) => !done.has(name));
  } finally {
    await client.end().catch(() => {});
  }
}
