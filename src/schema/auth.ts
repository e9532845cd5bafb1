// Who may call what. Every root field needs a signed-in viewer (a token that has not expired)
// unless it opts out with `skipTypeScopes: true` (signUp and signIn only), so a field that says
// nothing fails closed. The check reads the viewer already on the context: no query.
import { type ForbiddenResult, RequestCache } from "@pothos/plugin-scope-auth";
import type { GraphQLResolveInfo } from "graphql";
import type { Plugin } from "graphql-yoga";
import { type Context, isSignedIn, notSignedIn } from "../context.ts";
import { forbidden } from "../errors.ts";

export type AuthScopes = { signedIn: boolean };

export const scopeAuth = {
  // A subscription is checked once, when it starts; its socket or stream ends when the token does.
  authorizeOnSubscribe: true,
  authScopes: (ctx: Context) => ({ signedIn: isSignedIn(ctx.viewer) }),
  // Our coded errors, with requireViewer's messages.
  unauthorizedError: (_parent: unknown, ctx: Context, _info: GraphQLResolveInfo, result: ForbiddenResult) =>
    isSignedIn(ctx.viewer) ? forbidden(result.message) : notSignedIn(ctx.viewer),
};

/** The options of the root types (Query, Mutation, Subscription): signed in unless a field opts out. */
export const signedInByDefault = { authScopes: { signedIn: true } };

/**
 * Drops an operation's scope cache once it is no longer needed: a query's or mutation's when its
 * execution is done, a subscription's once it has started (the check is made then and never
 * again: authorizeOnSubscribe).
 *
 * Pothos keeps the cache in a WeakMap keyed by the context, and the cache holds the context: V8's
 * young-generation collector cannot free such an entry (its value reaches its key), so every
 * request's context, with its request, response and headers, was promoted to the old generation
 * and freed only by a full collection: ~11 KB a request, most of what the server promoted under
 * load (bench/RESULTS.md). A subscription's cache (five maps) would otherwise live as
 * long as the subscription, ~1 KB per open one.
 */
export const releaseScopeCache = (): Plugin => {
  // One hooks object each, shared: an open subscription keeps no closure of this plugin.
  const release = ({ args }: { args: { contextValue: object } }) => RequestCache.clearForContext(args.contextValue);
  const executed = { onExecuteDone: release };
  const subscribed = { onSubscribeResult: release };
  return { onExecute: () => executed, onSubscribe: () => subscribed };
};
