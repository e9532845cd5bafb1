// npm run db:migrate | db:status | db:check | db:new -- <name>
// Applies to DATABASE_URL, or to the embedded database in XIM_DATA_DIR when it is unset.
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { loadDatabaseConfig } from "../config.ts";
import { openPGlite, pgFactoryForMigrations, pgliteFactory } from "./adapters.ts";
import { applyMigrations, createMigration, migrationStatus, pendingSchemaChange } from "./migrations.ts";

async function withTarget<T>(work: (f: SqlMigrationAwareDriverAdapterFactory) => Promise<T>): Promise<T> {
  const config = loadDatabaseConfig(process.env);
  if (config.databaseUrl) return work(pgFactoryForMigrations(config.databaseUrl));
  const db = await openPGlite(config.dataDir);
  try {
    return await work(pgliteFactory(db));
  } finally {
    await db.close();
  }
}

async function main(command: string | undefined, arg: string | undefined): Promise<number> {
  switch (command) {
    case "apply": {
      const applied = await withTarget(applyMigrations);
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "already up to date");
      return 0;
    }
    case "status": {
      const s = await withTarget(migrationStatus);
      if (s.upToDate) console.log("database is up to date");
      for (const [label, names] of Object.entries({ unapplied: s.unapplied, failed: s.failed, edited: s.edited }))
        if (names.length) console.log(`${label}: ${names.join(", ")}`);
      return s.upToDate ? 0 : 1;
    }
    case "check": {
      const sql = await pendingSchemaChange();
      if (!sql) return (console.log("migrations match prisma/schema.prisma"), 0);
      console.error(`prisma/schema.prisma has changes no migration holds; run npm run db:new -- <name>:\n${sql}`);
      return 1;
    }
    case "new": {
      if (!arg) return (console.error("usage: npm run db:new -- <name>"), 2);
      const folder = await createMigration(arg);
      console.log(folder ? `wrote prisma/migrations/${folder}/migration.sql` : "no schema change to migrate");
      return 0;
    }
    default:
      console.error("usage: migrate-cli apply|status|check|new <name>");
      return 2;
  }
}

main(process.argv[2], process.argv[3]).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
