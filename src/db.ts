// The Prisma client, on PostgreSQL (DATABASE_URL) or on the embedded PGlite in the data folder.
import { mkdir } from "node:fs/promises";
import type { Config } from "./config.ts";
import { openPGlite, pgFactory, pgliteFactory } from "./db/adapters.ts";
import { applyMigrations } from "./db/migrations.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = { prisma: PrismaClient; kind: "postgres" | "embedded"; close(): Promise<void> };

export async function openDb(config: Config): Promise<Db> {
  if (config.databaseUrl) {
    const prisma = new PrismaClient({ adapter: pgFactory(config.databaseUrl, config.databasePoolSize) });
    await prisma.$connect();
    await prisma.$queryRaw`SELECT 1`;
    return { prisma, kind: "postgres", close: () => prisma.$disconnect() };
  }
  // The embedded database is migrated on start: `npm start` needs no other step.
  if (!config.dataDir.startsWith("memory://")) await mkdir(config.dataDir, { recursive: true });
  const pglite = await openPGlite(config.dataDir);
  await applyMigrations(pgliteFactory(pglite));
  const prisma = new PrismaClient({ adapter: pgliteFactory(pglite) });
  return {
    prisma,
    kind: "embedded",
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
