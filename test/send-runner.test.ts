// The pg runner of the send statements: named prepared statements (one name per statement text),
// or unnamed ones with DATABASE_PREPARED_STATEMENTS=false (a pooler that cannot hold them).
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { Prisma } from "../src/generated/prisma/client.ts";
import { pgRunner, pgTransact } from "../src/runtime/sql.ts";
import { OpenDirectChatDocument, SendMessageDocument } from "./gql/graphql.ts";
import { startTestApp } from "./helpers/app.ts";

type Sent = { name?: string; text: string; values: unknown[] };

function fakePool() {
  const sent: Sent[] = [];
  return { sent, query: async (q: Sent) => (sent.push(q), { rows: [{ id: "1", seq: 1 }] }) };
}

describe("pgRunner", () => {
  it("names each statement text once, the same name every time, and sends dates as UTC", async () => {
    const pool = fakePool();
    const heard: string[] = [];
    const run = pgRunner(pool, { onSql: (sql) => heard.push(sql) });
    const at = new Date("2026-11-26T10:00:00.123Z");
    expect(await run(Prisma.sql`SELECT ${1}::int, ${at}`)).toEqual([{ id: "1", seq: 1 }]);
    await run(Prisma.sql`SELECT ${2}::int, ${at}`);
    await run(Prisma.sql`SELECT ${3}::int`);
    const [a, b, c] = pool.sent;
    expect(a?.name).toMatch(/^xim_[0-9a-f]{16}$/);
    expect(b?.name).toBe(a?.name);
    expect(c?.name).not.toBe(a?.name);
    expect(a?.values).toEqual([1, "2026-11-26T10:00:00.123Z"]);
    expect(heard).toHaveLength(3);
  });

  it("sends unnamed statements when told not to prepare", async () => {
    const pool = fakePool();
    await pgRunner(pool, { prepared: false })(Prisma.sql`SELECT ${1}::int`);
    expect(pool.sent[0]).toEqual({ text: "SELECT $1::int", values: [1] });
  });

  it("is on by default, off with DATABASE_PREPARED_STATEMENTS=false", () => {
    expect(loadConfig({}).databasePreparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: "false" }).databasePreparedStatements).toBe(false);
  });
});

/** A pool of one fake connection: what it was sent, how it was released; `failOn` fails statements containing it. */
function fakeConnection(failOn: string[] = []) {
  const sent: string[] = [];
  const released: (Error | undefined)[] = [];
  const client = {
    query: async (q: { text: string; values: unknown[] } | string) => {
      const text = typeof q === "string" ? q : `${q.text} [${q.values.join(",")}]`;
      sent.push(text);
      if (failOn.some((f) => text.includes(f))) throw new Error(`failed: ${text}`);
    },
    release: (err?: Error) => void released.push(err),
    on: () => {},
    off: () => {},
  };
  return { sent, released, connect: async () => client };
}

describe("pgTransact (the outbox relay's dead letters, in its worker thread)", () => {
  it("runs the statements in order in one transaction, dates as UTC", async () => {
    const pool = fakeConnection();
    const at = new Date("2026-12-07T10:00:00.000Z");
    await pgTransact(pool)([Prisma.sql`INSERT ${1}`, Prisma.sql`UPDATE ${at}`]);
    expect(pool.sent).toEqual(["BEGIN", "INSERT $1 [1]", "UPDATE $1 [2026-12-07T10:00:00.000Z]", "COMMIT"]);
    expect(pool.released).toEqual([undefined]);
  });

  it("rolls back on a failure and throws it; a connection that cannot roll back is released as broken", async () => {
    const failing = fakeConnection(["UPDATE"]);
    await expect(pgTransact(failing)([Prisma.sql`INSERT ${1}`, Prisma.sql`UPDATE ${2}`])).rejects.toThrow(
      "failed: UPDATE",
    );
    expect(failing.sent).toEqual(["BEGIN", "INSERT $1 [1]", "UPDATE $1 [2]", "ROLLBACK"]);
    expect(failing.released).toEqual([undefined]);

    const broken = fakeConnection(["UPDATE", "ROLLBACK"]);
    await expect(pgTransact(broken)([Prisma.sql`UPDATE ${2}`])).rejects.toThrow("failed: UPDATE");
    expect(broken.released[0]).toBeInstanceOf(Error);
  });
});

describe("sends", () => {
  it.each(["true", "false"])("store and answer with DATABASE_PREPARED_STATEMENTS=%s", async (prepared) => {
    const t = await startTestApp({ DATABASE_PREPARED_STATEMENTS: prepared });
    try {
      const [alice, bob] = [await t.signUp("Alice"), await t.signUp("Bob")];
      const chatId = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
      const seqs = [];
      for (const text of ["one", "two", "three"]) {
        const { sendMessage } = await alice.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } });
        seqs.push(sendMessage.seq);
      }
      expect(seqs).toEqual([1, 2, 3]);
    } finally {
      await t.close();
    }
  });
});
