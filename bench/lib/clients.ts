// One client shape over the three systems: receivers that report each delivery, senders that send.
import { Agent, request } from "node:http";
import { createClient } from "graphql-ws";
import { io, type Socket } from "socket.io-client";
import WebSocket from "ws";

export type OnText = (text: string) => void;
export type System = {
  name: string;
  receive(userId: number, onText: OnText): Promise<() => void>;
  sender(userId: number): Promise<(chatId: number, text: string) => Promise<void>>;
};

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  via: Agent = agent,
): Promise<string> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent: via, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        let out = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (out += d));
        res.on("end", () =>
          res.statusCode === 200 ? resolve(out) : reject(new Error(`HTTP ${res.statusCode}: ${out.slice(0, 200)}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

const SEND = "mutation($input: SendMessageInput!) { sendMessage(input: $input) { id seq } }";

export function ximSystem(url: string, token: (userId: number) => Promise<string>): System {
  return {
    name: "xim",
    async receive(userId, onText) {
      const authorization = `Bearer ${await token(userId)}`;
      let connected!: () => void;
      // Connected (retries included) within 30 s, or the run fails.
      const ready = new Promise<void>((resolve, reject) => {
        connected = resolve;
        setTimeout(() => reject(new Error(`user ${userId}: no graphql-ws connection`)), 30_000).unref();
      });
      const client = createClient({
        url: `${url.replace(/^http/, "ws")}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 3,
        lazy: false,
        connectionParams: { authorization },
        on: { connected: () => connected() },
      });
      const dispose = client.subscribe<{ messageAdded: { text: string } }>(
        { query: "subscription { messageAdded { id text } }" },
        { next: (v) => v.data && onText(v.data.messageAdded.text), error: () => {}, complete: () => {} },
      );
      await ready;
      return () => {
        dispose();
        void Promise.resolve(client.dispose()).catch(() => {});
      };
    },
    async sender(userId) {
      const headers = { authorization: `Bearer ${await token(userId)}` };
      return async (chatId, text) => {
        const out = await postJson(
          `${url}/graphql`,
          { query: SEND, variables: { input: { chatId: String(chatId), type: "TEXT", text } } },
          headers,
        );
        if (out.includes('"errors"')) throw new Error(out.slice(0, 200));
      };
    },
  };
}

/**
 * A graphql-ws client on one socket opened at once and kept for every operation (a lazy client
 * opens and closes one per operation). The run stops its server under it: no reconnecting,
 * nothing to report then.
 */
export function socketClient(url: string, token: string) {
  return createClient({
    url: `${url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    onNonLazyError: () => {},
    connectionParams: { authorization: `Bearer ${token}` },
  });
}

/** xim with senders that send over their own graphql-ws socket, as Socket.IO's senders do. */
export function ximWsSystem(url: string, token: (userId: number) => Promise<string>): System {
  return {
    ...ximSystem(url, token),
    name: "xim, ws senders",
    async sender(userId) {
      const client = socketClient(url, await token(userId));
      return (chatId, text) =>
        new Promise<void>((resolve, reject) => {
          let failed: unknown = null;
          client.subscribe(
            { query: SEND, variables: { input: { chatId: String(chatId), type: "TEXT", text } } },
            {
              next: (v) => {
                if (v.errors) failed = new Error(JSON.stringify(v.errors).slice(0, 200));
              },
              error: reject,
              complete: () => (failed ? reject(failed) : resolve()),
            },
          );
        });
    },
  };
}

export function rawSystem(url: string): System {
  return {
    name: "raw",
    async receive(userId, onText) {
      const ws = new WebSocket(`${url.replace(/^http/, "ws")}/?user=${userId}`);
      await new Promise<void>((resolve, reject) => {
        ws.once("error", reject);
        ws.on("message", (m) => {
          const msg = JSON.parse(String(m));
          if (msg.ready) resolve();
          else onText(msg.text);
        });
      });
      return () => ws.close();
    },
    async sender(userId) {
      return async (chatId, text) => {
        await postJson(`${url}/send`, { userId, chatId, text });
      };
    },
  };
}

export function socketIoSystem(url: string): System {
  const connect = async (userId: number): Promise<Socket> => {
    const socket = io(url, { auth: { userId }, transports: ["websocket"], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once("ready", () => resolve());
      socket.once("connect_error", reject);
    });
    return socket;
  };
  return {
    name: "socket.io",
    async receive(userId, onText) {
      const socket = await connect(userId);
      socket.on("message", (m: { text: string }) => onText(m.text));
      return () => socket.close();
    },
    async sender(userId) {
      const socket = await connect(userId);
      return async (chatId, text) => {
        const r = await socket.emitWithAck("send", { chatId, text });
        if (!r.ok) throw new Error(r.error);
      };
    },
  };
}
