// The root fields of the served schema, and the smallest valid operation for each: every required
// argument with a placeholder of its type, `__typename` as the selection of an object result.
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isRequiredArgument,
  isRequiredInputField,
} from "graphql";
import { schema } from "../../src/schema/index.ts";

export type RootKind = "query" | "mutation" | "subscription";

const rootType = (kind: RootKind): GraphQLObjectType | null | undefined =>
  ({ query: schema.getQueryType(), mutation: schema.getMutationType(), subscription: schema.getSubscriptionType() })[
    kind
  ];

export function rootFields(kind: RootKind): GraphQLField<unknown, unknown>[] {
  return Object.values(rootType(kind)?.getFields() ?? {});
}

const SCALARS: Record<string, string> = {
  ID: '"1"',
  String: '"x"',
  Int: "1",
  Float: "1.5",
  Boolean: "true",
  DateTime: '"2020-01-01T00:00:00Z"',
};

/** A literal of `type`; throws on a scalar it does not know, so a new one is added here. */
export function placeholder(type: GraphQLInputType): string {
  if (isNonNullType(type)) return placeholder(type.ofType);
  if (isListType(type)) return `[${placeholder(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]?.name ?? "";
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter(isRequiredInputField);
    return `{${fields.map((f) => `${f.name}:${placeholder(f.type)}`).join(",")}}`;
  }
  const literal = SCALARS[type.name];
  if (!literal) throw new Error(`no placeholder for scalar ${type.name}: add one to SCALARS`);
  return literal;
}

/** Its arguments of type Upload: no literal can be a file, so they are variables, sent as multipart files. */
export const uploadArgs = (field: GraphQLField<unknown, unknown>): string[] =>
  field.args.filter((a) => getNamedType(a.type).name === "Upload").map((a) => a.name);

/**
 * `mutation { field(required: placeholders) { __typename } }`, or the same for a query or
 * subscription; an Upload argument is the variable of its name (see uploadArgs).
 */
export function minimalOperation(kind: RootKind, field: GraphQLField<unknown, unknown>): string {
  const files = uploadArgs(field);
  const args = field.args
    .filter(isRequiredArgument)
    .map((a) => `${a.name}:${files.includes(a.name) ? `$${a.name}` : placeholder(a.type)}`);
  const variables = files.length ? `(${files.map((f) => `$${f}:Upload!`).join(",")})` : "";
  const selection = isCompositeType(getNamedType(field.type)) ? "{__typename}" : "";
  return `${kind}${variables}{${field.name}${args.length ? `(${args.join(",")})` : ""}${selection}}`;
}
