// An example consumer of xim's event stream (EVENTS_STREAM): a consumer group reads each event
// once per group, acknowledges it after handling, and on restart first takes back what it had
// read but not acknowledged (at least once: make handling idempotent by the event's id).
//
//   REDIS_URL=redis://127.0.0.1:6379 EVENTS_STREAM=xim:events npx tsx docs/events/consumer.ts
import { Redis } from "ioredis";

export type XimEvent = { id: string; type: string; timestamp: string; data: Record<string, unknown> };

type Entries = [string, string[]][];
type Reply = [string, Entries][] | null;

/** Reads the stream as `consumer` of `group` until `signal` aborts, handing each event to `handle`. */
export async function consume(
  redis: Redis,
  opts: { stream: string; group: string; consumer: string; signal?: AbortSignal; blockMs?: number },
  handle: (event: XimEvent) => Promise<void>,
): Promise<void> {
  const { stream, group, consumer } = opts;
  // From the start of the stream for a new group ("0"); MKSTREAM: the stream may not exist yet.
  await redis.xgroup("CREATE", stream, group, "0", "MKSTREAM").catch((err: Error) => {
    if (!err.message.includes("BUSYGROUP")) throw err;
  });
  let cursor = "0"; // first this consumer's pending (read, not acknowledged) entries, then new ones (">")
  while (!opts.signal?.aborted) {
    const reply = (await redis.xreadgroup(
      "GROUP",
      group,
      consumer,
      "COUNT",
      100,
      "BLOCK",
      opts.blockMs ?? 5000,
      "STREAMS",
      stream,
      cursor,
    )) as Reply;
    const entries = reply?.[0]?.[1] ?? [];
    if (cursor === "0" && entries.length === 0) cursor = ">";
    for (const [entryId, fields] of entries) {
      const body = JSON.parse(fields[fields.indexOf("event") + 1] as string);
      await handle({ id: fields[fields.indexOf("id") + 1] as string, ...body });
      await redis.xack(stream, group, entryId);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  await consume(
    redis,
    { stream: process.env.EVENTS_STREAM ?? "xim:events", group: "example", consumer: "example-1", signal: stop.signal },
    async (e) => console.log(e.id, e.type, JSON.stringify(e.data)),
  );
  redis.disconnect();
}
