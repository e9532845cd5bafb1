// Driver-adapter factories for the two backends: PostgreSQL (pg) and embedded PGlite.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

/** Over `pool`, which the client ends when it disconnects. */
export function pgFactory(pool: pg.Pool): PrismaPg {
  return new PrismaPg(pool, {
    disposeExternalPool: true,
    // A fixed name per SQL text makes pg prepare each statement once per connection.
    statementNameGenerator: (q) => `xim_${hash(q.sql)}`,
  });
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36) + text.length.toString(36);
}

export async function openPGlite(dataDir: string): Promise<PGlite> {
  // pg_trgm: the migrations create it (searchMessages' trigram index).
  const db = new PGlite({ dataDir, extensions: { pg_trgm } });
  await db.waitReady;
  return db;
}

export function pgliteFactory(db: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPGlite(db);
  // The schema engine replays migrations on a shadow database: it needs the same extensions.
  factory.connectToShadowDb = async () => new PrismaPGlite(await openPGlite("memory://")).connect();
  return factory;
}

const TEXT_OID = 25;
const PG_CATALOG_OIDS = new Set([18 /* "char" */, 19 /* name */]);
const patched = new WeakSet<object>();

/**
 * The schema engine reads pg_catalog, whose "char" and name columns @prisma/adapter-pg cannot
 * deserialize; reporting them as text is what the engine expects. Used for migrations only.
 */
export function pgFactoryForMigrations(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  const factory = new PrismaPg({ connectionString: databaseUrl, max: 2 });
  const connect = factory.connect.bind(factory);
  factory.connect = (async () => patchCatalogTypes(await connect())) as typeof factory.connect;
  return factory;
}

function patchCatalogTypes(adapter: SqlDriverAdapter): SqlDriverAdapter {
  // performIO lives on the prototype shared by the adapter and its transactions.
  let proto = Object.getPrototypeOf(adapter) as Record<string, unknown> | null;
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto || patched.has(proto)) return adapter;
  patched.add(proto);
  const performIO = proto.performIO as (q: unknown) => Promise<{ fields: { dataTypeID: number }[] }>;
  proto.performIO = async function (this: unknown, q: unknown) {
    const result = await performIO.call(this, q);
    for (const f of result.fields) if (PG_CATALOG_OIDS.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
    return result;
  };
  return adapter;
}

type SqlListener = (sql: string) => void;

/** Wraps a factory so that every SQL statement (in transactions too) is reported: query counting. */
export function observedFactory<F extends SqlMigrationAwareDriverAdapterFactory | PrismaPg>(
  factory: F,
  onSql: SqlListener,
): F {
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(obj, prop, receiver) {
        const value = Reflect.get(obj, prop, receiver);
        if (typeof value !== "function") return value;
        if (prop === "queryRaw" || prop === "executeRaw")
          return (q: { sql: string }) => {
            onSql(q.sql);
            return value.call(obj, q);
          };
        if (prop === "startTransaction") return async (...args: unknown[]) => wrap(await value.apply(obj, args));
        return value.bind(obj);
      },
    });
  return new Proxy(factory, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (prop === "connect") return async () => wrap(await (value as () => Promise<object>).call(obj));
      return typeof value === "function" ? value.bind(obj) : value;
    },
  });
}
