// Pub/sub over a Redis Cluster, as Centrifugo's sharded Redis engine does it: topics are hashed over
// a fixed number of shard channels `<prefix>{s<n>}` (the hash tag puts each in one slot, so on one
// master), sent with SPUBLISH and listened to with SSUBSCRIBE. An instance holds `shards`
// subscriptions however many users and chats its listeners follow; an event carries its topic, and
// each instance hands it to its own listeners of that topic.
import type { Cluster } from "ioredis";
import type { ClusterClients } from "../redis.ts";
import { Echoes, type EventBus, Listeners, resumedListeners } from "./event-bus.ts";

/** The shard of a topic: FNV-1a of its name, the same on every instance. */
export function shardOf(topic: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < topic.length; i++) h = Math.imul(h ^ topic.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

export const shardChannel = (prefix: string, shard: number) => `${prefix}{s${shard}}`;

// On the wire: `<topic>\n<payload as JSON, marked (Echoes)>` (topic names hold no newline), so an
// instance reads the topic first and parses only the events its listeners want.

export function shardedBus(
  { prefix, pub, sub, shards }: ClusterClients,
  onError: (err: unknown) => void,
  onPublishFailed: (err: unknown) => void = onError,
): EventBus {
  // Every shard channel from the start, whatever is listened to: following a new topic (a chat
  // just joined) costs no round trip, so no event of it is missed meanwhile. With many users an
  // instance would hold them all anyway.
  const channels = Array.from({ length: shards }, (_, shard) => shardChannel(prefix, shard));
  const subscribe = (channel: string): Promise<void> =>
    sub.ssubscribe(channel).then(
      () => undefined,
      async (err: unknown) => {
        if (sub.status === "end") return;
        onError(err);
        await new Promise((r) => setTimeout(r, 1000).unref());
        return subscribe(channel);
      },
    );
  // One SSUBSCRIBE per channel: one command's channels must share a slot.
  const subscribed = Promise.all(channels.map(subscribe));
  const listeners = new Listeners(onError);
  const echoes = new Echoes(listeners, onError);
  sub.on("smessage", (channel: string, message: string) => {
    if (!channel.startsWith(prefix)) return;
    const newline = message.indexOf("\n");
    if (newline >= 0) echoes.receive(message.slice(0, newline), message.slice(newline + 1));
  });
  return {
    // Never throws: with the cluster away the event is lost, and subscribers catch up by seq.
    // This instance's listeners have it at once (Echoes).
    send: (topic, payload) =>
      echoes.send(topic, payload, (wire) => {
        const channel = shardChannel(prefix, shardOf(topic, shards));
        void pub.spublish(channel, `${topic}\n${wire}`).catch(onPublishFailed);
      }),
    add: (topic, listener) => listeners.add(topic, listener),
    // Each SSUBSCRIBE resolves once its master confirms it.
    settled: () => subscribed.then(() => undefined),
    resumed: onResumed(sub, () => channels, onError),
  };
}

/**
 * ioredis replaces a lost master's sharded subscriber and subscribes it again to that master's
 * channels (then emits "subscribersReady", also when a replacement failed to connect). Subscribing
 * again to every shard channel held, on the same connections, resolves once they are all live;
 * if that fails, the next "subscribersReady" tries again. A loss during an attempt voids it.
 */
function onResumed(sub: Cluster, channels: () => string[], onError: (err: unknown) => void): EventBus["resumed"] {
  const resumed = resumedListeners(onError);
  let lost = false;
  let attempt = 0;
  sub.on("-subscriber", () => {
    lost = true;
    attempt++;
  });
  sub.on("subscribersReady", () => {
    if (!lost) return;
    lost = false;
    const mine = ++attempt;
    Promise.all(channels().map((channel) => sub.ssubscribe(channel))).then(
      () => {
        if (mine === attempt) resumed.fire();
      },
      () => {
        if (mine === attempt) lost = true; // the cluster client has said why (its "error" event)
      },
    );
  });
  return resumed.add;
}
