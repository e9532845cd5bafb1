// Connection plumbing shared by the list types: PageInfo, and a helper that builds a connection
// type named by the contract.
import type { ObjectRef } from "@pothos/core";
import { builder } from "../builder.ts";

export type PageInfoShape = {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
};

export const PageInfo = builder.objectRef<PageInfoShape>("PageInfo").implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean("hasNextPage"),
    hasPreviousPage: t.exposeBoolean("hasPreviousPage"),
    startCursor: t.exposeString("startCursor", { nullable: true }),
    endCursor: t.exposeString("endCursor", { nullable: true }),
  }),
});

export type Page<T> = { edges: { cursor: string; node: T }[]; pageInfo: PageInfoShape };

// biome-ignore lint/suspicious/noExplicitAny: the node ref is any of the builder's output types.
type NodeRef<T> = ObjectRef<any, T>;

export function connectionType<T>(name: string, node: NodeRef<T>) {
  const Edge = builder.objectRef<{ cursor: string; node: T }>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.exposeString("cursor"),
      node: t.field({ type: node, resolve: (e) => e.node as never }),
    }),
  });
  return builder.objectRef<Page<T>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [Edge], resolve: (c) => c.edges }),
      pageInfo: t.field({ type: PageInfo, resolve: (c) => c.pageInfo }),
    }),
  });
}

/** Validates first/last: 1..100, default 20. */
export function pageSize(n: number | null | undefined, field: string, bad: (f: string, m: string) => Error): number {
  if (n === null || n === undefined) return 20;
  if (!Number.isInteger(n) || n < 1 || n > 100) throw bad(field, "must be between 1 and 100");
  return n;
}
