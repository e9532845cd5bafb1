// graphql-ws on the HTTP server's port and path, through yoga.getEnveloped: one plugin chain and
// one context factory for HTTP and WebSocket. Tokens are checked on connect; a socket is closed
// (4403) when its token expires. Devices that hold a socket are online.
import type { Server } from "node:http";
import type { ExecutionArgs } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import type { YogaServerInstance } from "graphql-yoga";
import { WebSocketServer } from "ws";
import { clientAddress } from "./client-address.ts";
import { authenticate, type Services, type Viewer } from "./context.ts";
import { Sockets } from "./sockets.ts";

type Extra = { viewer?: Viewer | null; release?: () => void; clientAddress?: string | null };
// biome-ignore lint/suspicious/noExplicitAny: yoga's instance type is parameterised by the app's context.
type Yoga = YogaServerInstance<any, any>;
type Enveloped = ReturnType<Yoga["getEnveloped"]>;
type RootValue = { execute: Enveloped["execute"]; subscribe: Enveloped["subscribe"] };

export function attachWebSocket(server: Server, yoga: Yoga, services: Services) {
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const sockets = new Sockets(services.pubsub);
  const disposable = useServer<Record<string, unknown> | undefined, Extra>(
    {
      execute: (args) => (args.rootValue as RootValue).execute(args as ExecutionArgs),
      subscribe: (args) => (args.rootValue as RootValue).subscribe(args as ExecutionArgs),
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        let viewer: Viewer | null;
        try {
          viewer = await authenticate(services, params.authorization, params.deviceId);
        } catch {
          return false; // closes with 4403 Forbidden
        }
        ctx.extra.viewer = viewer;
        ctx.extra.clientAddress = clientAddress(ctx.extra.request, services.config.trustProxyHops);
        // The upgrade request (headers and all) is not needed past this point: let it go.
        (ctx.extra as { request?: unknown }).request = undefined;
        if (viewer) {
          // Authorisation ends with the token's expiry, a sign-out everywhere, or the removal of
          // this socket's device: the registry closes the socket then.
          ctx.extra.release = sockets.hold(ctx.extra.socket, viewer);
          if (viewer.deviceId) await services.presence.connected(viewer.deviceId);
        }
        return true;
      },
      onClose: async (ctx) => {
        ctx.extra.release?.();
        const deviceId = ctx.extra.viewer?.deviceId;
        if (deviceId) {
          await services.presence.disconnected(deviceId).catch(() => {});
          await services.prisma.device
            .update({ where: { id: deviceId }, data: { lastSeenAt: new Date() } })
            .catch(() => {});
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          socket: ctx.extra.socket,
          params: payload,
          connectionParams: ctx.connectionParams ?? {},
          socketViewer: ctx.extra.viewer ?? null,
          socketAddress: ctx.extra.clientAddress ?? null,
        });
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName,
          document: parse(payload.query),
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies RootValue,
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
    },
    wss,
  );
  return {
    close: async () => {
      sockets.close();
      for (const client of wss.clients) client.close(1001, "server shutting down");
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
