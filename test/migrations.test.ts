// Migrations authored, applied and checked offline through Prisma's WASM schema engine, in
// Prisma's own layout, on the embedded database and on PostgreSQL.
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPGlite, pgFactoryForMigrations, pgliteFactory } from "../src/db/adapters.ts";
import {
  applyMigrations,
  createMigration,
  type Layout,
  migrationStatus,
  pendingSchemaChange,
  projectLayout,
} from "../src/db/migrations.ts";
import { freshDatabase, onServices } from "./helpers/backend.ts";

let layout: Layout;
let newFolder: string | null;

beforeAll(async () => {
  // A copy of prisma/ whose schema gains a table no migration holds yet.
  const dir = await mkdtemp(join(tmpdir(), "xim-migrations-"));
  await cp(join(projectLayout.migrationsDir, ".."), dir, { recursive: true });
  layout = { schemaPath: join(dir, "schema.prisma"), migrationsDir: join(dir, "migrations") };
  const schema = await readFile(layout.schemaPath, "utf8");
  await writeFile(
    layout.schemaPath,
    `${schema}\nmodel Probe {\n  id Int @id @default(autoincrement())\n  note String\n\n  @@map("probes")\n}\n`,
  );
}, 60_000);

it("finds the project's migrations in step with its schema", { timeout: 120_000 }, async () => {
  expect(await pendingSchemaChange()).toBe("");
});

it("authors the next migration for a schema change, then finds nothing pending", { timeout: 120_000 }, async () => {
  expect(await pendingSchemaChange(layout)).toContain('CREATE TABLE "probes"');
  newFolder = await createMigration("add probes", layout);
  expect(newFolder).toMatch(/^\d{14}_add_probes$/);
  expect(await pendingSchemaChange(layout)).toBe("");
  expect(await createMigration("again", layout)).toBeNull();
});

it("applies and reports status on the embedded database", { timeout: 60_000 }, async () => {
  const db = await openPGlite("memory://");
  try {
    expect((await migrationStatus(pgliteFactory(db), layout)).unapplied.length).toBeGreaterThan(1);
    const applied = await applyMigrations(pgliteFactory(db), layout);
    expect(applied.at(-1)).toBe(newFolder);
    expect(await migrationStatus(pgliteFactory(db), layout)).toMatchObject({ upToDate: true, unapplied: [] });
    expect(await applyMigrations(pgliteFactory(db), layout)).toEqual([]);
    await db.query("INSERT INTO probes (note) VALUES ('ok')");
  } finally {
    await db.close();
  }
});

const pg = onServices ? await freshDatabase() : null;
afterAll(() => pg?.drop());

it.skipIf(!onServices)("applies on PostgreSQL with Prisma's checksums", { timeout: 60_000 }, async () => {
  const url = pg?.url ?? "";
  // The fresh database already holds the project's migrations: only the new one is pending.
  expect((await migrationStatus(pgFactoryForMigrations(url), layout)).unapplied).toEqual([newFolder]);
  expect(await applyMigrations(pgFactoryForMigrations(url), layout)).toEqual([newFolder]);
  expect(await migrationStatus(pgFactoryForMigrations(url), layout)).toMatchObject({ upToDate: true });
  const sql = await readFile(join(layout.migrationsDir, newFolder ?? "", "migration.sql"));
  const { default: pgLib } = await import("pg");
  const client = new pgLib.Client({ connectionString: url });
  await client.connect();
  const row = await client.query("SELECT checksum FROM _prisma_migrations WHERE migration_name = $1", [newFolder]);
  await client.end();
  expect(row.rows[0]?.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
});
