// graphql-ws on the HTTP server's port and path, through yoga.getEnveloped: one plugin chain and
// one context factory for HTTP and WebSocket. A socket must bring a valid token in connection_init
// (else it is closed with 4403), frames are bounded like HTTP bodies, and it is closed (4403) when
// its token expires or is revoked. A bad operation is answered with an `error` message for that
// operation; the socket and its other subscriptions go on. Users and devices that hold a socket are online.
import type { Server } from "node:http";
import type { ExecutionArgs, GraphQLError } from "graphql";
import { CloseCode } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import type { YogaServerInstance } from "graphql-yoga";
import { WebSocket, WebSocketServer } from "ws";
import {
  authenticate,
  type Context,
  type ServerContext,
  type Services,
  socketContext,
  type Viewer,
} from "../context.ts";
import { deviceDisconnected } from "../domain/devices.ts";
import { badInput, isGraphQLError, normaliseErrorCode } from "../errors.ts";
import type { Connections } from "../runtime/connections.ts";
import { clientAddress } from "./client-address.ts";
import { prepared } from "./operation.ts";

const OPEN = 1;

type Extra = { viewer?: Viewer | null; release?: () => void; clientAddress?: string | null };
type Yoga = YogaServerInstance<ServerContext, Context>;
type Enveloped = ReturnType<Yoga["getEnveloped"]>;
type RootValue = { execute: Enveloped["execute"]; subscribe: Enveloped["subscribe"] };

/** A socket as the connection registry holds it (a class: no closures per socket). */
class HeldSocket {
  constructor(private readonly socket: WebSocket) {}
  isOpen() {
    return this.socket.readyState <= OPEN;
  }
  end(reason: string) {
    this.socket.close(CloseCode.Forbidden, reason);
  }
}

/** One function for every socket (not a closure or a bound function each). */
function quietProtocolErrors(this: WebSocket, event: string | symbol, ...args: unknown[]): boolean {
  if (event === "error" && String((args[0] as { code?: unknown })?.code).startsWith("WS_ERR_")) return false;
  return WebSocket.prototype.emit.call(this, event, ...args);
}

/** Past this many bytes waiting to be written, a sender waits for the socket to drain. */
const SEND_BUFFER = 64 * 1024;
type RawSocket = { cork(): void; uncork(): void };
const rawOf = (socket: WebSocket) => (socket as unknown as { _socket?: RawSocket })._socket;
const corked = new WeakSet<RawSocket>();
const release = (raw: RawSocket) => {
  corked.delete(raw);
  raw.uncork();
};
const send = WebSocket.prototype.send as (this: WebSocket, data: unknown, cb?: (err?: Error) => void) => void;

/**
 * graphql-ws writes an operation's `next` and then its `complete`, each after the last one's write
 * has finished: two writes (system calls, and wake-ups of the client) per mutation, where one
 * does. While a socket's buffer is small, a message is acknowledged at once and the socket stays
 * corked until the current tick's work is done, so what one tick sends to a socket (an answer and
 * its completion, two subscriptions' events) goes out in one write. A socket whose client reads
 * slowly (its buffer past SEND_BUFFER) is acknowledged only once drained, as before.
 */
function sendCorked(this: WebSocket, data: unknown, cb?: (err?: Error) => void): void {
  const raw = rawOf(this);
  if (this.readyState !== OPEN || !raw || typeof cb !== "function" || this.bufferedAmount >= SEND_BUFFER) {
    send.call(this, data, cb);
    return;
  }
  if (!corked.has(raw)) {
    corked.add(raw);
    raw.cork();
    process.nextTick(release, raw);
  }
  send.call(this, data);
  cb();
}

/**
 * `keepAliveMs`: how often graphql-ws pings each socket (a socket that has not answered by the next
 * ping is closed). Each ping is a write and a read per socket: at graphql-ws's 12 s, 1,000 idle
 * sockets cost an instance ~20 ms of CPU a second here (bench/RESULTS.md, stop 35).
 */
export type WebSocketOptions = { maxPayload: number; maxSubscriptions: number; keepAliveMs: number };

export function attachWebSocket(
  server: Server,
  yoga: Yoga,
  services: Services,
  connections: Connections,
  { maxPayload, maxSubscriptions, keepAliveMs }: WebSocketOptions,
) {
  // A frame over maxPayload closes the socket (1009) before it is parsed.
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint, maxPayload });
  // A client breaking the WebSocket protocol (a frame over maxPayload, a bad opcode, invalid UTF-8)
  // gets its socket closed by ws with the protocol's code; it is not an internal error to log, as
  // graphql-ws's listener would. Registered first, so it sees each socket before graphql-ws does.
  wss.on("connection", (socket) => {
    socket.emit = quietProtocolErrors;
    socket.send = sendCorked as WebSocket["send"];
  });
  const disposable = useServer<Record<string, unknown> | undefined, Extra>(
    {
      // onSubscribe hands each operation yoga's enveloped execute and subscribe as its root value.
      execute: (args) => (args.rootValue as RootValue).execute(args),
      subscribe: (args) => (args.rootValue as RootValue).subscribe(args),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        let viewer: Viewer | null;
        try {
          viewer = await authenticate(services, params.authorization, params.deviceId);
        } catch (err) {
          // A malformed deviceId is a bad request, not a refusal: 4400, naming the field.
          if (isGraphQLError(err) && err.extensions.code === "BAD_USER_INPUT")
            ctx.extra.socket.close(4400, err.message);
          return false; // closes with 4403 Forbidden
        }
        // Every operation needs a viewer: an anonymous socket has no use.
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        // Nor the token: the viewer is what operations use, and the socket closes when it expires.
        (params as { authorization?: unknown }).authorization = undefined;
        ctx.extra.clientAddress = clientAddress(ctx.extra.request, services.config.trustProxyHops);
        // The upgrade request (headers and all) is not needed past this point: let it go.
        (ctx.extra as { request?: unknown }).request = undefined;
        // Authorisation ends with the token's expiry, a sign-out everywhere, or the removal of
        // this socket's device: the registry closes the socket then.
        ctx.extra.release = connections.hold(new HeldSocket(ctx.extra.socket), viewer);
        if (viewer.deviceId) await services.presence.connected(viewer.deviceId);
        await services.userPresence.connected(viewer.userId);
        return true;
      },
      onClose: async (ctx) => {
        ctx.extra.release?.();
        const viewer = ctx.extra.viewer;
        if (!viewer) return;
        await services.userPresence.disconnected(viewer.userId);
        if (viewer.deviceId) await deviceDisconnected(services, viewer.deviceId);
      },
      onSubscribe: async (ctx, _id, payload) => {
        // graphql-ws has already reserved this operation's place in ctx.subscriptions.
        if (Object.keys(ctx.subscriptions).length > maxSubscriptions)
          return [badInput("subscribe", `at most ${maxSubscriptions} operations per socket`)];
        const context = socketContext(
          services,
          ctx.extra.viewer ?? null,
          ctx.extra.clientAddress ?? null,
          payload,
          ctx.connectionParams ?? {},
        );
        const enveloped = yoga.getEnveloped(context);
        let document: ExecutionArgs["document"];
        let errors: readonly GraphQLError[];
        try {
          ({ document, errors } = prepared(yoga, enveloped, context, payload.query, payload.operationName));
        } catch (err) {
          // A syntax error or a limit (tokens) fails this operation only.
          if (isGraphQLError(err)) return [normaliseErrorCode(err)];
          throw err;
        }
        if (errors.length) return errors;
        const { schema, execute, subscribe, contextFactory } = enveloped;
        return {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies RootValue,
        } satisfies ExecutionArgs;
      },
    },
    wss,
    keepAliveMs,
  );
  return {
    /** Sockets open now. */
    open: () => wss.clients.size,
    close: async () => {
      for (const client of wss.clients) client.close(1001, "server shutting down");
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
