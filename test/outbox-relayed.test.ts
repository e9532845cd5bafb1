// An event is deleted once both sinks (the Redis stream and the webhook) have it, however their
// relays' statements interleave: here the webhook's clearing holds its row lock (uncommitted) while
// the stream's arrives. Both backends.
import { afterAll, beforeAll, expect, it } from "vitest";
import { markRelayed } from "../src/runtime/outbox-relay.ts";
import { prismaRunner } from "../src/runtime/sql.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";
import { sleep } from "./helpers/client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

async function pendingEvent(): Promise<bigint> {
  const rows = await t.app.services.prisma.$queryRaw<{ id: bigint }[]>`
    INSERT INTO outbox_events (type, order_key, data, webhook_pending, stream_pending)
    VALUES ('user.created', 'user:1', '{}'::jsonb, true, true) RETURNING id`;
  return BigInt((rows[0] as { id: bigint }).id);
}

const state = (id: bigint) =>
  t.app.services.prisma.$queryRaw<{ stream: boolean; webhook: boolean }[]>`
    SELECT stream_pending AS stream, webhook_pending AS webhook FROM outbox_events WHERE id = ${id}`;

it("deletes an event both sinks cleared at the same moment", async () => {
  const prisma = t.app.services.prisma;
  const id = await pendingEvent();
  let stream: Promise<void> | null = null;
  await prisma.$transaction(async (tx) => {
    await markRelayed(prismaRunner(tx), "webhook_pending", [id], true);
    stream = markRelayed(prismaRunner(prisma), "stream_pending", [id], true);
    await sleep(200); // the stream's statement is waiting on this transaction's row lock
  });
  await stream;
  expect(await state(id)).toEqual([]);
});

it("keeps an event until its other sink has it; with one sink, deletes it at once", async () => {
  const id = await pendingEvent();
  const sql = prismaRunner(t.app.services.prisma);
  await markRelayed(sql, "stream_pending", [id], true);
  expect(await state(id)).toEqual([{ stream: false, webhook: true }]);
  await markRelayed(sql, "webhook_pending", [id], true);
  expect(await state(id)).toEqual([]);
  const solo = await pendingEvent();
  await markRelayed(sql, "webhook_pending", [solo], false);
  expect(await state(solo)).toEqual([]);
});
