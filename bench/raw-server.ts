// The raw baseline: the same work as xim's send -> receive without GraphQL. POST /send stores the
// message (same SQL), PUBLISHes it on Redis; the Redis subscriber sends the JSON over plain ws.
import { createServer } from "node:http";
import { Redis } from "ioredis";
import pg from "pg";
import { type WebSocket, WebSocketServer } from "ws";
import { chatsOf, messageStore } from "./lib/store.ts";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const storeMessage = messageStore(pool);
const pub = new Redis(process.env.REDIS_URL ?? "");
const sub = new Redis(process.env.REDIS_URL ?? "");
const prefix = process.env.REDIS_PREFIX ?? "raw:";
const byChat = new Map<number, Set<WebSocket>>();

sub.psubscribe(`${prefix}chat:*`);
sub.on("pmessage", (_p, channel, message) => {
  for (const ws of byChat.get(Number(channel.slice(prefix.length + 5))) ?? []) ws.send(message);
});

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (d) => (body += d));
  req.on("end", async () => {
    if (req.url === "/echo") {
      // The floor of an HTTP JSON API in Node: parse the body, answer JSON (bench:cpu).
      const { query } = JSON.parse(body);
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: { query } }));
    }
    try {
      const { userId, chatId, text } = JSON.parse(body);
      const m = await storeMessage(userId, chatId, text);
      await pub.publish(`${prefix}chat:${chatId}`, JSON.stringify(m));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(m));
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
});

const wss = new WebSocketServer({ server });
wss.on("connection", async (ws, req) => {
  const userId = Number(new URL(req.url ?? "/", "http://x").searchParams.get("user"));
  const chats = await chatsOf(pool, userId);
  for (const id of chats) {
    const set = byChat.get(id) ?? new Set();
    byChat.set(id, set.add(ws));
  }
  ws.on("close", () => {
    for (const id of chats) byChat.get(id)?.delete(ws);
  });
  ws.send('{"ready":true}');
});

server.listen(0, "127.0.0.1", () =>
  console.log(`listening on http://127.0.0.1:${(server.address() as { port: number }).port}`),
);
process.on("SIGTERM", () => process.exit(0));
