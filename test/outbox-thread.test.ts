// The outbox relay's worker thread (PostgreSQL): its log lines reach the main thread's logger, it
// keeps trying while the database is away, and it stops when told. Delivery through it is covered
// by events.test.ts and events-crash.test.ts on the services backend.
import { describe, expect, it } from "vitest";
import { OutboxThread } from "../src/runtime/outbox-thread.ts";
import { freePort } from "./helpers/processes.ts";

describe("the outbox relay's thread", () => {
  it("reports its failures through the main thread's log, retries, and stops when told", async () => {
    const port = await freePort(); // nothing listens there: every pass fails to connect
    const lines: { fields: object; message: string }[] = [];
    const asked: number[][] = [];
    const relay = new OutboxThread(
      {
        databaseUrl: `postgresql://postgres@127.0.0.1:${port}/none`,
        databasePreparedStatements: true,
        redisUrl: undefined,
        redisClusterUrls: undefined,
        events: {
          webhook: {
            url: `http://127.0.0.1:${port}/hooks`,
            secret: `whsec_${Buffer.from("a webhook secret of 32 bytes....").toString("base64")}`,
            timeoutMs: 1000,
            maxAgeMs: 60_000,
            concurrency: 4,
          },
          stream: null,
          leaseMs: 30_000,
        },
      },
      {
        online: async (ids) => (asked.push(ids), new Set()),
        log: { error: (fields, message) => void lines.push({ fields, message }) },
      },
    );
    relay.start();
    relay.kick();
    const deadline = Date.now() + 15_000;
    // The first pass at start, then the poll (every 250 ms): at least two failures.
    while (lines.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await relay.stop();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const [first] = lines;
    expect(first?.message).toBe("outbox relay failed (retrying)");
    // The error crosses the thread as pino prints it: its message and stack.
    const err = (first?.fields as { err?: { message?: string; stack?: string } } | undefined)?.err;
    expect(err?.message).toMatch(/ECONNREFUSED/);
    expect(err?.stack).toBeTypeOf("string");
    const after = lines.length;
    await new Promise((r) => setTimeout(r, 600));
    expect(lines.length).toBe(after); // stopped: no pass since
    expect(asked).toEqual([]); // nothing was rendered, so no one's presence was asked
  });
});
