import { GraphQLError, Kind } from "graphql";
import { timeInRange } from "../../domain/validate.ts";
import { builder } from "../builder.ts";

builder.scalarType("DateTime", {
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
  parseValue: (value) => {
    const d = typeof value === "string" ? new Date(value) : null;
    if (!d || !timeInRange(d)) throw new GraphQLError("DateTime must be an ISO-8601 string from 1970 to 9999");
    return d;
  },
  parseLiteral: (ast) => {
    const d = ast.kind === Kind.STRING ? new Date(ast.value) : null;
    if (!d || !timeInRange(d)) throw new GraphQLError("DateTime must be an ISO-8601 string from 1970 to 9999");
    return d;
  },
});
