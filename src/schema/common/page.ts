/** Validates first/last: 1..100, default 20. */
export function pageSize(n: number | null | undefined, field: string, bad: (f: string, m: string) => Error): number {
  if (n === null || n === undefined) return 20;
  if (!Number.isInteger(n) || n < 1 || n > 100) throw bad(field, "must be between 1 and 100");
  return n;
}

/** The page info of a list of edges, the rest of it told by the list's own paging. */
export function pageInfo(edges: { cursor: string }[], hasNextPage: boolean, hasPreviousPage: boolean) {
  return {
    hasNextPage,
    hasPreviousPage,
    startCursor: edges[0]?.cursor ?? null,
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}
