import { defineConfig } from "prisma/config";

// Prisma's CLI cannot download its native engines here (nor on an air-gapped server).
// `prisma generate` needs none; a stray `prisma migrate` must fail loudly rather than do nothing.
// Migrations go through `npm run db:*` (src/db/migrate-cli.ts), which drives the WASM engine.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

export default defineConfig({
  schema: "prisma/schema.prisma",
});
