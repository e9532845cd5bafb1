// How the hot statements run: on a pg pool as named prepared statements (PostgreSQL), or through
// Prisma's $queryRaw (embedded); and a transaction of several, for the outbox relay's dead letters.
// Apart from send-path.ts, so that the outbox relay's worker thread loads these and not the domain.
import { createHash } from "node:crypto";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

/**
 * Runs a statement and returns its rows: on the pg pool (PostgreSQL), through Prisma's `$queryRaw`
 * (embedded). Rows come as each driver reads them: a bigint column is a string on pg, a BigInt
 * through Prisma, so callers read ids with BigInt() or String().
 */
export type RawSql = <T = Record<string, unknown>>(statement: Prisma.Sql) => Promise<T[]>;
export const prismaRunner =
  (prisma: Pick<PrismaClient, "$queryRaw">): RawSql =>
  <T>(statement: Prisma.Sql) =>
    prisma.$queryRaw<T[]>(statement);

/** What pgRunner needs of a pg pool. */
export type PgQueryable = {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
};

/**
 * Runs statements on a pg pool, as named prepared statements unless `prepared` is false:
 * PostgreSQL then parses and plans each text once per connection instead of on every run (the send
 * statements, two texts per deployment, and the outbox relay's). Dates go as UTC ISO strings, as
 * Prisma writes them. `onSql` hears each statement (tests count them).
 */
export function pgRunner(pool: PgQueryable, opts: { onSql?: (sql: string) => void; prepared?: boolean } = {}): RawSql {
  const { onSql, prepared = true } = opts;
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (name === undefined) {
      name = `xim_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
      names.set(text, name);
    }
    return name;
  };
  return async <T>(statement: Prisma.Sql) => {
    const text = statement.text;
    onSql?.(text);
    const values = valuesOf(statement);
    const query = prepared ? { name: nameOf(text), text, values } : { text, values };
    return (await pool.query(query)).rows as T[];
  };
}

/** A statement's parameters as pg takes them: dates as UTC ISO strings, as Prisma writes them. */
const valuesOf = (statement: Prisma.Sql) => statement.values.map((v) => (v instanceof Date ? v.toISOString() : v));

/** Runs statements in one transaction, in order: all of them or none (the outbox relay's dead letters). */
export type Transact = (statements: Prisma.Sql[]) => Promise<void>;

export const prismaTransact =
  (prisma: Pick<PrismaClient, "$transaction" | "$executeRaw">): Transact =>
  async (statements) => {
    await prisma.$transaction(statements.map((s) => prisma.$executeRaw(s)));
  };

/** What pgTransact needs of a pg pool: a client of its own for the transaction. */
export type PgConnecting = {
  connect(): Promise<{
    query(config: { text: string; values: unknown[] } | string): Promise<unknown>;
    release(err?: Error): void;
    on(event: "error", listener: (err: Error) => void): unknown;
    off(event: "error", listener: (err: Error) => void): unknown;
  }>;
};
const ignore = () => {};

export const pgTransact =
  (pool: PgConnecting): Transact =>
  async (statements) => {
    const client = await pool.connect();
    // A connection that drops mid-transaction fails its query; its error event must not go unheard
    // (the pool listens only to idle connections).
    client.on("error", ignore);
    try {
      await client.query("BEGIN");
      for (const s of statements) await client.query({ text: s.text, values: valuesOf(s) });
      await client.query("COMMIT");
      client.off("error", ignore);
      client.release();
    } catch (err) {
      // A connection that cannot roll back is closed, not returned to the pool.
      const broken = await client.query("ROLLBACK").then(
        () => undefined,
        (e: Error) => e,
      );
      client.off("error", ignore);
      client.release(broken);
      throw err;
    }
  };
