// What many Node teams would run instead: Socket.IO with its Redis adapter. A "send" event stores
// the message (same SQL) and broadcasts it to the chat's room; every member's socket is in its rooms.
import { createServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import pg from "pg";
import { Server } from "socket.io";
import { chatsOf, messageStore } from "./lib/store.ts";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const storeMessage = messageStore(pool);
const pub = new Redis(process.env.REDIS_URL ?? "");
const sub = pub.duplicate();
const http = createServer();
const io = new Server(http, { adapter: createAdapter(pub, sub, { key: process.env.REDIS_PREFIX ?? "sio" }) });

io.on("connection", async (socket) => {
  const userId = Number(socket.handshake.auth.userId);
  for (const id of await chatsOf(pool, userId)) socket.join(`chat:${id}`);
  socket.on("send", async ({ chatId, text }, ack) => {
    try {
      const m = await storeMessage(userId, chatId, text);
      io.to(`chat:${chatId}`).emit("message", m);
      ack({ ok: true, id: m.id });
    } catch (err) {
      ack({ ok: false, error: String(err) });
    }
  });
  socket.emit("ready");
});

http.listen(0, "127.0.0.1", () =>
  console.log(`listening on http://127.0.0.1:${(http.address() as { port: number }).port}`),
);
process.on("SIGTERM", () => process.exit(0));
