// What pubsub.ts runs on: listeners by topic name, in memory or across instances over Redis. It
// knows nothing of what a topic carries; pubsub.ts names the topics and types their payloads.
import { randomBytes } from "node:crypto";
import type { Socket } from "node:net";
import type { RedisClients } from "../redis.ts";

export type Listener = (payload: unknown) => void;

export type EventBus = {
  /**
   * Never throws: with Redis away the event is lost (the caller's subscribers catch up otherwise),
   * unless `keep`: then it is sent again, in order, once Redis is back (at most KEPT_SENDS of them).
   * Only for events a subscriber can tell apart from a repeat (a message's seq).
   */
  send(topic: string, payload: unknown, keep?: boolean): void;
  /** Adds a listener; returns its removal. */
  add(topic: string, listener: Listener): () => void;
  /** Resolves once every topic listened to so far is live (Redis has confirmed it). */
  settled(): Promise<void>;
  /**
   * Calls `listener` each time this instance's subscriptions are live again after its connection to
   * Redis was lost (what was published meanwhile did not reach it); never in memory. Returns its removal.
   */
  resumed(listener: () => void): () => void;
};

/** Failed sends kept for when Redis is back; beyond this the oldest go (subscribers then catch up by gap). */
export const KEPT_SENDS = 10_000;

/**
 * The listeners of this instance by topic. `opened` and `closed` tell the transport when a topic
 * gets its first listener and loses its last: one Redis subscription per topic, however many listen.
 */
export class Listeners {
  readonly #byTopic = new Map<string, Set<Listener>>();

  constructor(
    private readonly onError: (err: unknown) => void,
    private readonly opened: (topic: string) => void = () => {},
    private readonly closed: (topic: string) => void = () => {},
  ) {}

  has(topic: string): boolean {
    return this.#byTopic.has(topic);
  }

  add(topic: string, listener: Listener): () => void {
    let set = this.#byTopic.get(topic);
    if (!set) {
      set = new Set();
      this.#byTopic.set(topic, set);
      this.opened(topic);
    }
    const mine = set.add(listener);
    return () => {
      if (!mine.delete(listener) || mine.size > 0) return;
      this.#byTopic.delete(topic);
      this.closed(topic);
    };
  }

  /** Calls each listener in turn; one that throws is reported, and the others still run. */
  dispatch(topic: string, payload: unknown): void {
    const set = this.#byTopic.get(topic);
    if (!set) return;
    for (const listener of set) {
      try {
        listener(payload);
      } catch (err) {
        this.onError(err);
      }
    }
  }
}

/** One instance: an event reaches the listeners at once, as it was sent. */
export function memoryBus(onError: (err: unknown) => void): EventBus {
  const listeners = new Listeners(onError);
  return {
    send: (topic, payload) => listeners.dispatch(topic, payload),
    add: (topic, listener) => listeners.add(topic, listener),
    settled: async () => {},
    resumed: () => () => {},
  };
}

/**
 * Holds a Redis connection's writes until the current tick's work is done: the publishes of the
 * messages one group-committed statement stored (their sends resume in the same tick) go out in
 * one write instead of one each (bench:ab, server CPU per send delivered: HTTP 0.96, ws 0.98).
 * A cluster client has no single connection: its writes go as they come.
 */
function corkForTick(client: unknown) {
  const stream = (client as { stream?: Socket }).stream;
  if (!stream || stream.writableCorked > 0) return;
  stream.cork();
  process.nextTick(uncork, stream);
}
const uncork = (stream: Socket) => stream.uncork();

/**
 * How an instance tells its own events when Redis brings them back: it sends each event (a JSON
 * object) with a first member `"@"` naming the instance, has already handed it to its own listeners
 * (at once, as Socket.IO's Redis adapter does: no round trip through Redis, no second parse), and
 * drops the echo by its head without parsing it. Every other instance reads the event without the
 * mark; one that does not know of marks reads an extra member and ignores it. The Redis buses
 * (this one's and sharded-bus.ts's) send and receive through it.
 */
export class Echoes {
  /** `{"@":"<this instance, 12 characters>",`: the head of every event this instance sends. */
  readonly head = `${MARK_OPEN}${randomBytes(9).toString("base64url")}",`;

  constructor(
    private readonly listeners: Listeners,
    private readonly onError: (err: unknown) => void,
  ) {}

  /**
   * Hands `publish` the wire form of an event sent here (its JSON, marked when it is an object with
   * members), then this instance's listeners the event itself when it went marked.
   */
  send(topic: string, payload: unknown, publish: (wire: string) => void): void {
    const json = JSON.stringify(payload);
    const marked = json.length > 2 && json.charCodeAt(0) === OPEN_BRACE;
    publish(marked ? this.head + json.slice(1) : json);
    if (marked) this.listeners.dispatch(topic, payload);
  }

  /** Hands this instance's listeners of `topic` an event from Redis, unless it is this instance's own. */
  receive(topic: string, message: string): void {
    if (!this.listeners.has(topic) || message.startsWith(this.head)) return;
    const json = message.startsWith(MARK_OPEN) ? `{${message.slice(MARK_LENGTH)}` : message;
    let payload: unknown;
    try {
      payload = JSON.parse(json);
    } catch (err) {
      this.onError(err);
      return;
    }
    this.listeners.dispatch(topic, payload);
  }
}
const MARK_OPEN = '{"@":"';
const MARK_LENGTH = MARK_OPEN.length + 12 + 2;
const OPEN_BRACE = 123;

/**
 * Every instance: a topic is the channel `<prefix><topic>`, its events JSON. An event sent here
 * reaches this instance's listeners at once (Echoes), the other instances' through Redis.
 */
export function redisBus(
  { prefix, pub, sub }: RedisClients,
  onError: (err: unknown) => void,
  onPublishFailed: (err: unknown) => void = onError,
): EventBus {
  // Sending must never throw or reject unhandled: with Redis away, a message is still stored and
  // answered, and subscribers catch up by seq when it is back.
  const listeners = new Listeners(
    onError,
    (topic) => void sub.subscribe(prefix + topic).catch(onError),
    (topic) => void sub.unsubscribe(prefix + topic).catch(onError),
  );
  const echoes = new Echoes(listeners, onError);
  sub.on("message", (channel: string, message: string) => {
    if (channel.startsWith(prefix)) echoes.receive(channel.slice(prefix.length), message);
  });
  const kept: [channel: string, message: string][] = [];
  const publish = (channel: string, message: string, keep: boolean) => {
    corkForTick(pub);
    void pub.publish(channel, message).catch((err) => {
      onPublishFailed(err);
      if (!keep) return;
      if (kept.push([channel, message]) > KEPT_SENDS) kept.shift();
    });
  };
  pub.on("ready", () => {
    for (const [channel, message] of kept.splice(0)) publish(channel, message, true);
  });
  return {
    send: (topic, payload, keep = false) => echoes.send(topic, payload, (wire) => publish(prefix + topic, wire, keep)),
    add: (topic, listener) => listeners.add(topic, listener),
    // Redis answers a connection's commands in order: PING's reply follows the SUBSCRIBEs before it.
    settled: () => sub.ping().then(() => undefined),
    resumed: onResumed(sub, onError),
  };
}

/**
 * `resumed` of a subscriber connection: ioredis renews its subscriptions when it is ready again
 * (autoResubscribe), right after emitting "ready"; a PING sent on the next turn is answered once
 * they are live.
 */
function onResumed(sub: RedisClients["sub"], onError: (err: unknown) => void): EventBus["resumed"] {
  const resumed = resumedListeners(onError);
  let wasReady = false;
  let lost = false;
  sub.on("close", () => {
    lost = wasReady;
  });
  sub.on("ready", () => {
    wasReady = true;
    if (!lost) return;
    lost = false;
    setImmediate(() => sub.ping().then(resumed.fire, onError));
  });
  return resumed.add;
}

/**
 * The listeners of a bus's `resumed`: `add` is the bus's `resumed`; `fire` calls each in turn, one
 * that throws reported and the others still called.
 */
export function resumedListeners(onError: (err: unknown) => void) {
  const listeners = new Set<() => void>();
  return {
    add: ((listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    }) satisfies EventBus["resumed"],
    fire: () => {
      for (const listener of listeners) {
        try {
          listener();
        } catch (err) {
          onError(err);
        }
      }
    },
  };
}
