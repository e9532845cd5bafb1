// Prisma's schema engine, as WebAssembly, driven through a driver adapter.
// Node 20 cannot import the package's `.wasm` entry, so the glue is wired by hand.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";

type Engine = glue.SchemaEngine;
let ready: Promise<void> | undefined;

function loadWasm(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const pkgDir = dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bytes = await readFile(join(pkgDir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as unknown as { __wbindgen_start(): void };
    glue.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return ready;
}

/** Runs `work` with an engine bound to the adapter; the engine is always freed. */
export async function withSchemaEngine<T>(
  schemaPath: string,
  factory: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: Engine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const datamodel = await readFile(schemaPath, "utf8");
  const engine = await glue.SchemaEngine.new(
    { datamodels: [[schemaPath, datamodel]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await work(engine);
  } finally {
    engine.free();
  }
}
