// Expected failures: GraphQL errors with extensions.code (see DESIGN.md). Anything else is masked.
import { GraphQLError } from "graphql";

/** The codes a client may see besides INTERNAL_SERVER_ERROR: the one list (DESIGN.md, "Errors"). */
export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "BAD_USER_INPUT",
  "CONFLICT",
  "RATE_LIMITED",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class XimError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const unauthenticated = (message = "sign in first") => new XimError("UNAUTHENTICATED", message);
export const forbidden = (message: string) => new XimError("FORBIDDEN", message);
export const notFound = (what: string) => new XimError("NOT_FOUND", `${what} not found`);
export const conflict = (message: string) => new XimError("CONFLICT", message);
export const badInput = (field: string, message: string) =>
  new XimError("BAD_USER_INPUT", `${field}: ${message}`, { field });
export const rateLimited = (retryAfterMs: number) =>
  new XimError("RATE_LIMITED", "too many requests", { retryAfterMs });

/** The largest value of a PostgreSQL `integer` (int4) column: ids, seqs. */
export const INT4_MAX = 2147483647;

/** Parses a decimal id argument; anything else is BAD_USER_INPUT naming the field. */
export function parseId(value: string, field: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > INT4_MAX) throw badInput(field, "not a valid id");
  return Number(value);
}

/** An id from outside the schema (a header, graphql-ws connectionParams): a decimal string or a JSON integer. */
export function parseIdValue(value: unknown, field: string): number {
  if (typeof value === "string") return parseId(value, field);
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= INT4_MAX) return value;
  throw badInput(field, "not a valid id");
}

export function parseBigId(value: string, field: string): bigint {
  if (!/^[1-9]\d{0,18}$/.test(value) || BigInt(value) > 9223372036854775807n) throw badInput(field, "not a valid id");
  return BigInt(value);
}

/** A unique-constraint violation: Prisma's P2002, or a raw query's (P2010) from the driver adapter. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  return (
    e.code === "P2002" ||
    e.code === "23505" || // PostgreSQL's own, from a statement run on the pg pool (send-path.ts pgRunner)
    (e.code === "P2010" && e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation")
  );
}

const CLIENT_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

/** By name, so that an error from another copy of graphql (a bundler loading its ES build) counts too. */
export function isGraphQLError(e: unknown): e is GraphQLError {
  return e instanceof Error && e.name === "GraphQLError";
}

const withCode = (error: GraphQLError, code: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(error.message, {
    nodes: error.nodes,
    path: error.path,
    extensions: { ...error.extensions, ...extra, code },
  });

/**
 * Yoga's error mask: coded errors pass; errors of the request itself (variable coercion, a scalar
 * that refused its input) become BAD_USER_INPUT; everything else is logged and masked.
 */
export function maskError(error: unknown, log: (err: unknown) => void): GraphQLError {
  if (!isGraphQLError(error)) {
    log(error);
    return internal();
  }
  const code = error.extensions.code;
  if (typeof code === "string" && CLIENT_CODES.has(code)) return error;
  const original = error.originalError;
  if (!original || (isGraphQLError(original) && !original.originalError)) return withCode(error, "BAD_USER_INPUT");
  log(original);
  return internal(error.path);
}

/** The code a client sees for `error` once masked (maskError's decision, without logging). */
export function clientErrorCode(error: unknown): string {
  if (!isGraphQLError(error)) return "INTERNAL_SERVER_ERROR";
  const code = error.extensions.code;
  if (typeof code === "string" && (CLIENT_CODES.has(code) || code === "INTERNAL_SERVER_ERROR")) return code;
  const original = error.originalError;
  if (!original || (isGraphQLError(original) && !original.originalError)) return "BAD_USER_INPUT";
  return "INTERNAL_SERVER_ERROR";
}

/**
 * Errors raised before execution (parse, validation, limits) carry yoga's or graphql-armor's own
 * codes; clients see BAD_USER_INPUT, with that code kept as `reason`.
 */
export function normaliseErrorCode(error: GraphQLError): GraphQLError {
  const code = error.extensions.code;
  if (typeof code === "string" && (CLIENT_CODES.has(code) || code === "INTERNAL_SERVER_ERROR")) return error;
  return withCode(error, "BAD_USER_INPUT", typeof code === "string" ? { reason: code } : {});
}

function internal(path?: ReadonlyArray<string | number>): GraphQLError {
  return new GraphQLError("Unexpected error.", { path, extensions: { code: "INTERNAL_SERVER_ERROR" } });
}
