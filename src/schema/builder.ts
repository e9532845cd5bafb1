// The Pothos builder and its plugins; no types are defined here.
import SchemaBuilder from "@pothos/core";
import PrismaPlugin from "@pothos/plugin-prisma";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import type { Context } from "../context.ts";
import type PrismaTypes from "../generated/pothos-types.ts";
import { getDatamodel } from "../generated/pothos-types.ts";
import { type AuthScopes, scopeAuth, signedInByDefault } from "./auth.ts";

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    ID: { Input: string; Output: string | number | bigint };
  };
}>({
  // Scope checks first, so that no other plugin's wrapper runs for a refused field.
  plugins: [ScopeAuthPlugin, PrismaPlugin],
  scopeAuth,
  defaultFieldNullability: false,
  prisma: {
    client: (ctx) => ctx.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "warn",
  },
});

builder.queryType(signedInByDefault);
builder.mutationType(signedInByDefault);
builder.subscriptionType(signedInByDefault);
