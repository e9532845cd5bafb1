// Background activity for the "xim + reactions, receipts" row: receivers read their chats
// (markChatRead: read receipts to the peer) and react to the last message (messageUpdated to the
// chat), at a fixed rate, while the messages of the measured run flow.
import { Agent } from "node:http";
import { postJson } from "./clients.ts";
import type { Pair } from "./seed.ts";

const READ = "mutation($c: ID!) { markChatRead(chatId: $c) { lastMessage { id } } }";
const REACT = "mutation($m: ID!, $e: String!) { addReaction(messageId: $m, emoji: $e) { id } }";
const UNREACT = "mutation($m: ID!, $e: String!) { removeReaction(messageId: $m, emoji: $e) { id } }";
const EMOJIS = ["👍", "❤️", "😂", "🎉"];
// Its own connections: activity never queues the measured sends behind it in the client.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** Runs `rate` operations a second (half reads, half reaction changes) until the returned stop. */
export function activity(url: string, token: (userId: number) => Promise<string>, pairs: Pair[], rate: number) {
  let stopped = false;
  let ops = 0;
  let errors = 0;
  const took: number[] = [];
  const one = async (i: number) => {
    const started = performance.now();
    try {
      await op(i);
    } finally {
      took.push(performance.now() - started);
    }
  };
  // Each receiver signs in once and keeps its token, as a client does (not a new token per request).
  const tokens = new Map<number, Promise<string>>();
  const tokenOf = (userId: number) => {
    const known = tokens.get(userId);
    if (known) return known;
    const issued = token(userId);
    tokens.set(userId, issued);
    return issued;
  };
  const op = async (i: number) => {
    const p = pairs[Math.floor(Math.random() * pairs.length)] as Pair;
    const headers = { authorization: `Bearer ${await tokenOf(p.receiver)}` };
    const out = await postJson(`${url}/graphql`, { query: READ, variables: { c: String(p.chatId) } }, headers, agent);
    const last = /"lastMessage":\{"id":"(\d+)"/.exec(out)?.[1];
    if (!last || i % 2 || process.env.BENCH_ACTIVITY === "read") return;
    const e = EMOJIS[i % EMOJIS.length] as string;
    await postJson(`${url}/graphql`, { query: REACT, variables: { m: last, e } }, headers, agent);
    await postJson(`${url}/graphql`, { query: UNREACT, variables: { m: last, e } }, headers, agent);
  };
  const started = performance.now();
  const loop = (async () => {
    const pending = new Set<Promise<void>>();
    for (let i = 0; !stopped; ) {
      const due = Math.floor(((performance.now() - started) / 1000) * (rate / 2));
      for (; i < due && pending.size < 200; i++) {
        const p = one(i).then(
          () => {
            ops += i % 2 ? 1 : 3;
          },
          () => {
            errors++;
          },
        );
        pending.add(p);
        void p.finally(() => pending.delete(p));
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(pending);
  })();
  return async () => {
    stopped = true;
    await loop;
    took.sort((a, b) => a - b);
    const opP99 = Math.round(took[Math.floor(took.length * 0.99)] ?? 0);
    return { opsPerSec: Math.round(ops / ((performance.now() - started) / 1000)), errors, opP99 };
  };
}
