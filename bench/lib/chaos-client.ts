// One chaos client: a graphql-ws socket subscribed to messageAdded with `after` = the last seq it
// holds in each of its chats, reconnecting (to any live instance) and resuming after a drop; and
// idempotent sends over HTTP, retried with the same clientMessageId until answered.
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

const SUBSCRIBE = "subscription($after: [ChatSeqInput!]) { messageAdded(after: $after) { chatId seq } }";
const SEND = "mutation($input: SendMessageInput!) { sendMessage(input: $input) { id seq clientMessageId } }";

export type Counts = { received: number; duplicates: number; gaps: number; reconnects: number };
export type Answer = { key: string; id: string; chatId: number; seq: number };

/** Where clients connect and send: the instances up now (changes as the run kills and restarts them). */
export type Instances = { pick(): string | null };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ChaosClient {
  /** The last seq received in each chat, in seq order with none missed or repeated. */
  readonly last = new Map<number, number>();
  readonly counts: Counts = { received: 0, duplicates: 0, gaps: 0, reconnects: 0 };
  /** What went wrong, for the report: `chat <id>: got <seq> after <last>`. */
  readonly faults: string[] = [];
  connected = false;
  #socket: Client | null = null;
  #generation = 0;
  #closed = false;
  #sent = 0;

  constructor(
    readonly userId: number,
    chatIds: number[],
    private readonly authorization: string,
    private readonly instances: Instances,
  ) {
    for (const chatId of chatIds) this.last.set(chatId, 0);
  }

  get chatIds(): number[] {
    return [...this.last.keys()];
  }

  /** Opens the socket (on `url`, or an instance that is up) and subscribes from the last seqs held. */
  connect(url = this.instances.pick()): void {
    const generation = ++this.#generation;
    if (!url) return void this.#retry(generation);
    const socket = createClient({
      url: `${url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {},
      connectionParams: { authorization: this.authorization },
      on: {
        connected: () => {
          if (generation === this.#generation) this.connected = true;
        },
      },
    });
    this.#socket = socket;
    const after = [...this.last].map(([chatId, seq]) => ({ chatId: String(chatId), seq }));
    socket.subscribe<{ messageAdded: { chatId: string; seq: number } }>(
      { query: SUBSCRIBE, variables: { after } },
      {
        next: (v) => {
          if (generation !== this.#generation) return;
          if (v.data) this.#receive(Number(v.data.messageAdded.chatId), v.data.messageAdded.seq);
        },
        error: () => this.#retry(generation),
        complete: () => this.#retry(generation),
      },
    );
  }

  /** Cuts the socket abruptly, as a network drop would; the client reconnects and resumes. */
  drop(): void {
    // Not while connecting: ws would throw (closed before established) where no one listens.
    if (this.connected) this.#socket?.terminate();
  }

  close(): void {
    this.#closed = true;
    this.#generation++;
    void Promise.resolve(this.#socket?.dispose()).catch(() => {});
  }

  #receive(chatId: number, seq: number): void {
    this.counts.received++;
    const last = this.last.get(chatId);
    if (last === undefined) return void this.counts.gaps++; // not one of its chats
    if (seq !== last + 1) this.faults.push(`chat ${chatId}: got ${seq} after ${last}`);
    if (seq <= last) return void this.counts.duplicates++;
    if (seq > last + 1) this.counts.gaps += seq - last - 1; // skipped (and never to be filled: order)
    this.last.set(chatId, seq);
  }

  #retry(generation: number): void {
    if (generation !== this.#generation || this.#closed) return;
    this.#generation++;
    this.connected = false;
    this.counts.reconnects++;
    void Promise.resolve(this.#socket?.dispose()).catch(() => {});
    const next = this.#generation;
    // Spread out, so that the sockets of a killed instance do not all come back in the same tick.
    setTimeout(() => next === this.#generation && !this.#closed && this.connect(), 100 + Math.random() * 900);
  }

  /**
   * Sends into `chatId` with a fresh clientMessageId, retrying the same key (on any live instance)
   * until answered or `deadline`. Returns the answer, or null if none came.
   */
  async send(chatId: number, deadline: number): Promise<Answer | null> {
    const key = `u${this.userId}-${++this.#sent}`;
    const body = JSON.stringify({
      query: SEND,
      variables: { input: { chatId: String(chatId), type: "TEXT", text: key, clientMessageId: key } },
    });
    while (Date.now() < deadline) {
      const url = this.instances.pick();
      if (url) {
        try {
          const res = await fetch(`${url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: this.authorization },
            body,
            signal: AbortSignal.timeout(10_000),
          });
          const out = (await res.json()) as { data?: { sendMessage: { id: string; seq: number } } | null };
          const sent = out.data?.sendMessage;
          if (sent) return { key, id: sent.id, chatId, seq: sent.seq };
        } catch {
          // refused, reset or timed out: the same key again, maybe on another instance
        }
      }
      await pause(250 + Math.random() * 250);
    }
    return null;
  }
}
