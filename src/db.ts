// The Prisma client, on PostgreSQL (DATABASE_URL) or on the embedded PGlite in the data folder.
import { mkdir } from "node:fs/promises";
import pg from "pg";
import type { Config } from "./config.ts";
import { observedFactory, openPGlite, pgFactory, pgliteFactory } from "./db/adapters.ts";
import { applyMigrations } from "./db/migrations.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = { prisma: PrismaClient; kind: "postgres" | "embedded"; close(): Promise<void> };

/** `onSql` sees every statement sent (tests count them). */
export async function openDb(config: Config, onSql?: (sql: string) => void): Promise<Db> {
  const observe = <F extends Parameters<typeof observedFactory>[0]>(f: F): F => (onSql ? observedFactory(f, onSql) : f);
  if (config.databaseUrl) {
    await checkReachable(config.databaseUrl);
    const prisma = new PrismaClient({ adapter: observe(pgFactory(config.databaseUrl, config.databasePoolSize)) });
    return { prisma, kind: "postgres", close: () => prisma.$disconnect() };
  }
  // The embedded database is migrated on start: `npm start` needs no other step.
  if (!config.dataDir.startsWith("memory://")) await mkdir(config.dataDir, { recursive: true });
  const pglite = await openPGlite(config.dataDir);
  await applyMigrations(pgliteFactory(pglite));
  const prisma = new PrismaClient({ adapter: observe(pgliteFactory(pglite)) });
  return {
    prisma,
    kind: "embedded",
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
