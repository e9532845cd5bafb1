// One context for HTTP and WebSocket: the viewer comes from the token (Authorization header, or
// connectionParams.authorization) and the device from X-Device-Id (or connectionParams.deviceId).
import type { IncomingMessage } from "node:http";
import type { DocumentNode } from "graphql";
import type { YogaInitialContext } from "graphql-yoga";
import type { Config } from "./config.ts";
import type { LastSeen } from "./domain/devices.ts";
import type { ReceiptScope } from "./domain/receipts.ts";
import { forbidden, parseIdValue, unauthenticated } from "./errors.ts";
import type { Message, PrismaClient, User } from "./generated/prisma/client.ts";
import { clientAddress } from "./http/client-address.ts";
import type { PubSub } from "./pubsub.ts";
import type { HostProfiles } from "./runtime/host-profiles.ts";
import type { HostSessions } from "./runtime/host-sessions.ts";
import type { Metrics } from "./runtime/metrics.ts";
import type { Outbox } from "./runtime/outbox-relay.ts";
import type { PasswordHasher } from "./runtime/password-hasher.ts";
import type { Tokens } from "./runtime/passwords.ts";
import type { Presence } from "./runtime/presence.ts";
import type { Limiter } from "./runtime/rate-limits.ts";
import type { ReadCache } from "./runtime/read-cache.ts";
import type { Revocations } from "./runtime/revocation.ts";
import type { RunSql } from "./runtime/send-path.ts";
import type { Storage } from "./runtime/storage/types.ts";
import type { UserPresence } from "./runtime/user-presence.ts";
import type { ReactionRow } from "./schema/messages/loaders.ts";

export type Services = {
  config: Config;
  prisma: PrismaClient;
  /** Runs the send statements (db.ts). */
  sendSql: RunSql;
  pubsub: PubSub;
  tokens: Tokens;
  presence: Presence;
  /** Whether users are online (sockets, device heartbeats), and when that changes. */
  userPresence: UserPresence;
  limiter: Limiter;
  hasher: PasswordHasher;
  /** Message rows read for live delivery (with a subscriber's relations), shared by this instance's subscribers. */
  messageReads: ReadCache<Message>;
  /** User rows read for live events (typing, receipts, presence), shared likewise. */
  userReads: ReadCache<User>;
  /** A message's reactions with their users, read once per change for this instance's subscribers. */
  reactionReads: ReadCache<ReactionRow[]>;
  revocations: Revocations;
  lastSeen: LastSeen;
  /** Which chats have live read receipts, cached for this instance's subscribers. */
  receiptScope: ReceiptScope;
  /** Host tokens to users (external identity, AUTH_JWKS_URL); null: xim's own accounts. */
  hostSessions: HostSessions | null;
  /** The host's profile endpoint (PROFILE_URL): finds host users who never signed in. */
  hostProfiles: HostProfiles | null;
  /** Relays the outbox to webhooks and the event stream; null when no sink is configured. */
  outbox: Outbox | null;
  /** Where uploaded files live (disk or S3). */
  storage: Storage;
  /** This instance's Prometheus metrics. */
  metrics: Metrics;
};

export type Viewer = { userId: number; deviceId: number | null; expiresAt: number; tokenVersion: number };

export type Context = Services & {
  viewer: Viewer | null;
  /** Where the request comes from (see client-address.ts); null when unknown. */
  clientAddress: string | null;
};

/**
 * On graphql-ws, `socketViewer` is the viewer authenticated when the socket connected: the socket
 * is closed when that stops being true (expiry, sign-out, device removal), so its operations do
 * not authenticate again. `socketAddress` is the client's address, taken from the upgrade request.
 * On HTTP, `req` is the node request (server.ts hands it to yoga).
 */
export type ServerContext = {
  connectionParams?: Record<string, unknown>;
  socketViewer?: Viewer | null;
  socketAddress?: string | null;
  req?: IncomingMessage;
};

export type InitialContext = YogaInitialContext & ServerContext;

/**
 * What the log and metrics plugins (http/observe.ts, http/metrics.ts) note on an operation's
 * context: its parsed document, and its root field once it executes. Properties of the context,
 * not WeakMaps keyed by it: an entry in a WeakMap per request cost ~1 µs each here, in the set and
 * in the collector (bench/RESULTS.md), and the contexts below declare them from the start.
 */
export const OPERATION_DOCUMENT = Symbol("xim.operationDocument");
export const OPERATION_FIELD = Symbol("xim.operationField");
export type OperationNotes = { [OPERATION_DOCUMENT]?: DocumentNode; [OPERATION_FIELD]?: string };

export function createContextFactory(services: Services) {
  return async (initial: InitialContext): Promise<Context> => {
    // A graphql-ws operation's context is built whole by socketContext: nothing to add (envelop
    // assigns what this returns onto it, and stores into its fields would give each its own shape).
    if (initial.socketViewer !== undefined) return {} as Context;
    const address = initial.socketAddress ?? clientAddress(initial.req, services.config.trustProxyHops);
    const params = initial.connectionParams;
    const authorization = params ? params.authorization : initial.request.headers.get("authorization");
    const deviceId = params ? params.deviceId : initial.request.headers.get("x-device-id");
    const viewer = await authenticate(services, authorization, deviceId);
    // A RequestContext holds the services already: only its two fields change, in place.
    if (initial instanceof RequestContext) return { viewer, clientAddress: address } as Context;
    return { ...services, viewer, clientAddress: address };
  };
}

/** Copies the services onto `target` in one fixed order (one hidden class for every such context). */
function holdServices(target: Record<string, unknown>, services: Services) {
  for (const key of Object.keys(services) as (keyof Services)[]) target[key] = services[key];
}

/**
 * The initial context of a JSON POST on the direct path (http/direct-post.ts), built whole by one
 * constructor with the services in it. Envelop assigns what the context factory returns onto the
 * initial context: a spread of the services there made each request's context a dictionary of
 * 30-odd keys, and every resolver's `ctx.prisma` a dictionary lookup.
 */
export class RequestContext implements OperationNotes {
  [key: string]: unknown;
  [OPERATION_DOCUMENT]: DocumentNode | undefined = undefined;
  [OPERATION_FIELD]: string | undefined = undefined;
  constructor(services: Services, req: IncomingMessage, res: unknown, request: unknown, params: unknown) {
    holdServices(this, services);
    this.viewer = null;
    this.clientAddress = null;
    this.req = req;
    this.res = res;
    this.request = request;
    this.params = params;
  }
}

/**
 * The context of an operation on a graphql-ws socket, its fields set in one fixed order by one
 * constructor, so every such context shares one hidden class. A spread of the services
 * (`{ ...services, ... }`) did at first, but once V8's clone cache gave up (after a few hundred
 * sockets) each context was built key by key into a dictionary and then given a shape of its own:
 * ~1.5 KB more per open subscription. `viewer` was authenticated when the socket connected.
 */
class SocketContext implements OperationNotes {
  [key: string]: unknown;
  [OPERATION_DOCUMENT]: DocumentNode | undefined = undefined;
  [OPERATION_FIELD]: string | undefined = undefined;
  constructor(
    services: Services,
    viewer: Viewer | null,
    address: string | null,
    params: unknown,
    connectionParams: Record<string, unknown>,
  ) {
    holdServices(this, services);
    this.viewer = viewer;
    this.clientAddress = address;
    this.params = params;
    this.connectionParams = connectionParams;
    this.socketViewer = viewer;
    this.socketAddress = address;
  }
}

export const socketContext = (
  services: Services,
  viewer: Viewer | null,
  address: string | null,
  params: unknown,
  connectionParams: Record<string, unknown>,
) =>
  new SocketContext(services, viewer, address, params, connectionParams) as unknown as Context &
    ServerContext &
    OperationNotes & { params: unknown };

export async function authenticate(
  services: Services,
  authorization: unknown,
  deviceId: unknown,
): Promise<Viewer | null> {
  if (authorization === undefined || authorization === null || authorization === "") return null;
  const match = typeof authorization === "string" ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  const token = match?.[1];
  const viewer = token ? await tokenViewer(services, token) : null;
  if (!viewer) throw unauthenticated("invalid or expired token");
  if (deviceId === undefined || deviceId === null || deviceId === "") return viewer;
  const id = parseIdValue(deviceId, "deviceId");
  if (!(await services.revocations.ownsDevice(viewer.userId, id))) throw forbidden("that device is not one of yours");
  return { ...viewer, deviceId: id };
}

/** The viewer of a valid token: one of xim's own (revocable), or the host's (external identity). */
async function tokenViewer(services: Services, token: string): Promise<Viewer | null> {
  if (services.hostSessions) {
    const session = await services.hostSessions.session(token);
    return session && { userId: session.userId, deviceId: null, expiresAt: session.expiresAt, tokenVersion: 0 };
  }
  const claims = await services.tokens.verify(token);
  if (!claims) return null;
  await services.revocations.check(claims.userId, claims.version);
  return { userId: claims.userId, deviceId: null, expiresAt: claims.expiresAt, tokenVersion: claims.version };
}

/** A viewer whose token has not expired: one who may act. */
export const isSignedIn = (viewer: Viewer | null): viewer is Viewer => viewer !== null && viewer.expiresAt > Date.now();

/** The refusal of a caller who is not signed in: no token, or an expired one. */
export const notSignedIn = (viewer: Viewer | null) => (viewer ? unauthenticated("token expired") : unauthenticated());

/**
 * The signed-in viewer, for a resolver's types: the scope check (schema/auth.ts) has already
 * refused anyone else before the resolver runs.
 */
export function requireViewer(ctx: Context): Viewer {
  if (isSignedIn(ctx.viewer)) return ctx.viewer;
  throw notSignedIn(ctx.viewer);
}
