// Pub/sub over a Redis Cluster, as Centrifugo's sharded Redis engine does it: topics are hashed over
// a fixed number of shard channels `<prefix>{s<n>}` (the hash tag puts each in one slot, so on one
// master), sent with SPUBLISH and listened to with SSUBSCRIBE. An instance holds at most `shards`
// subscriptions however many users and chats its listeners follow; an event carries its topic, and
// each instance hands it to its own listeners of that topic.
import type { RedisClients } from "../redis.ts";
import { type EventBus, Listeners } from "./event-bus.ts";

/** The shard of a topic: FNV-1a of its name, the same on every instance. */
export function shardOf(topic: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < topic.length; i++) h = Math.imul(h ^ topic.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

export const shardChannel = (prefix: string, shard: number) => `${prefix}{s${shard}}`;

// On the wire: `<topic>\n<payload as JSON>` (topic names hold no newline), so an instance reads the
// topic first and parses only the events its listeners want.
const frame = (topic: string, payload: unknown) => `${topic}\n${JSON.stringify(payload)}`;

export function shardedBus(
  { prefix, pub, sub, shards }: Extract<RedisClients, { kind: "cluster" }>,
  onError: (err: unknown) => void,
): EventBus {
  /** Topics listened to per shard: the shard's channel is subscribed while it has any. */
  const topics = new Map<number, number>();
  const pending = new Set<Promise<unknown>>();
  const track = (command: Promise<unknown>) => {
    const done: Promise<unknown> = command.catch(onError).finally(() => pending.delete(done));
    pending.add(done);
  };
  const listeners = new Listeners(
    onError,
    (topic) => {
      const shard = shardOf(topic, shards);
      const n = topics.get(shard) ?? 0;
      topics.set(shard, n + 1);
      if (n === 0) track(sub.ssubscribe(shardChannel(prefix, shard)));
    },
    (topic) => {
      const shard = shardOf(topic, shards);
      const n = (topics.get(shard) ?? 1) - 1;
      if (n > 0) return void topics.set(shard, n);
      topics.delete(shard);
      track(sub.sunsubscribe(shardChannel(prefix, shard)));
    },
  );
  sub.on("smessage", (channel: string, message: string) => {
    if (!channel.startsWith(prefix)) return;
    const newline = message.indexOf("\n");
    const topic = message.slice(0, newline);
    if (newline < 0 || !listeners.has(topic)) return;
    let payload: unknown;
    try {
      payload = JSON.parse(message.slice(newline + 1));
    } catch (err) {
      return onError(err);
    }
    listeners.dispatch(topic, payload);
  });
  return {
    // Never throws: with the cluster away the event is lost, and subscribers catch up by seq.
    send: (topic, payload) =>
      void pub.spublish(shardChannel(prefix, shardOf(topic, shards)), frame(topic, payload)).catch(onError),
    add: (topic, listener) => listeners.add(topic, listener),
    // Each SSUBSCRIBE resolves once its master confirms it.
    settled: async () => {
      await Promise.all([...pending]);
    },
  };
}
