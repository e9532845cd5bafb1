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
 * Drops a subscription's scope cache once it has started: the check is made then and never again
 * (authorizeOnSubscribe), and the cache (five maps) would otherwise live as long as the subscription,
 * ~1 KB per open one.
 */
export const releaseScopeCache = (): Plugin => {
  // One hooks object for every subscription: an open one keeps no closure of this plugin.
  const hooks = {
    onSubscribeResult: ({ args }: { args: { contextValue: object } }) =>
      RequestCache.clearForContext(args.contextValue),
  };
  return { onSubscribe: () => hooks };
};
