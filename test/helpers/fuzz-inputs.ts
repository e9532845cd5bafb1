// Inputs for a root field, generated from its arguments' types in the served schema (fast-check).
// Each generated value knows whether it alone must get the call refused (a value of the wrong type,
// a missing required one, a malformed, unknown or foreign id, a string no text field accepts), so
// a caller can keep only the calls that no rule may let through.
import fc from "fast-check";
import {
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from "graphql";

/** A value (undefined: left out) and whether it alone must get the call refused. */
type Gen = fc.Arbitrary<[unknown, boolean]>;
const fine = (a: fc.Arbitrary<unknown>): Gen => a.map((v) => [v, false]);
const refused = (a: fc.Arbitrary<unknown>): Gen => a.map((v) => [v, true]);

export type IdRule = {
  /** Ids of this argument the caller must be refused, besides malformed and unknown ones. */
  foreign: string[];
  /** An opaque id (a file id): any printable one is accepted, only a malformed one is refused. */
  opaque?: boolean;
};

/** Where an input value sits: `sendMessage.input.chatId`, and the root field it is an argument of. */
export type Place = { path: string; name: string; field: GraphQLField<unknown, unknown> };

export type Rules = {
  id(place: Place): IdRule;
  /** A string where any character is accepted (a password): only its length can be wrong. */
  anyText(place: Place): boolean;
};

// A non-integer for an ID or an Int: an integer would be coerced to a real id.
const fraction = fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d));
const notScalar = fc.constantFrom<unknown>({}, [1, 2], { id: "1" });
const controlString = fc
  .tuple(
    fc.string({ maxLength: 10 }),
    fc.constantFrom("\u0000", "\u0007", "\u001b", "\u007f"),
    fc.string({ maxLength: 10 }),
  )
  .map(([a, c, b]) => `${a}${c}${b}`);
const surrogate = fc.constantFrom("\uD800", "a\uDC00b", "\uDBFFx");
const huge = fc.integer({ min: 70_000, max: 200_000 }).map((n) => "x".repeat(n));
const malformedId = fc.oneof(
  fc.constantFrom("", "0", "-1", "1.5", "0x10", "abc", "1e3", " 1", "99999999999999999999999", "2147483648"),
  fc.string({ maxLength: 12 }).filter((s) => !/^[1-9]\d*$/.test(s)),
  fc.constantFrom(2 ** 53 + 1, -1e308, 0, -1),
);
const unknownId = fc.integer({ min: 1_000_000, max: 2_000_000_000 }).map(String);
const wrongForId = fc.oneof(fraction, fc.boolean(), notScalar);

/** Where a value is generated, and whether values of the wrong GraphQL type may be among them. */
type At = { place: Place; rules: Rules; wrongTypes: boolean };

/** The choices, with the values of the wrong type (refused as the request is read) when allowed. */
const choose = (at: At, gens: Gen[], wrong: fc.Arbitrary<unknown>): Gen =>
  fc.oneof(...gens, ...(at.wrongTypes ? [refused(wrong)] : []));

function idGen(at: At): Gen {
  const rule = at.rules.id(at.place);
  if (rule.opaque)
    return choose(
      at,
      [
        fine(fc.oneof(fc.constantFrom("", "f1", "a/b.png"), unknownId)),
        refused(fc.oneof(fc.constantFrom("bad id!", "a b"), controlString, surrogate, huge)),
      ],
      wrongForId,
    );
  const ids = rule.foreign.length
    ? [malformedId, unknownId, fc.constantFrom(...rule.foreign)]
    : [malformedId, unknownId];
  return choose(at, ids.map(refused), wrongForId);
}

function stringGen(at: At): Gen {
  const odd = fc.oneof(controlString, surrogate);
  return choose(
    at,
    [
      fine(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("", "   "))),
      at.rules.anyText(at.place) ? fine(odd) : refused(odd),
      refused(huge),
    ],
    fc.oneof(fc.integer(), fraction, fc.boolean(), notScalar),
  );
}

const SCALARS: Record<string, (at: At) => Gen> = {
  ID: idGen,
  String: stringGen,
  Boolean: (at) => choose(at, [fine(fc.boolean())], fc.oneof(fc.integer(), fc.constantFrom("true", "0"), notScalar)),
  Int: (at) =>
    choose(
      at,
      [fine(fc.integer({ min: -1000, max: 1000 }))],
      fc.oneof(fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2), fraction, fc.string(), notScalar),
    ),
  Float: (at) =>
    choose(
      at,
      [fine(fc.double({ noNaN: true, noDefaultInfinity: true }))],
      fc.oneof(fc.string(), fc.boolean(), notScalar),
    ),
};

/** Values for `type`; throws for a scalar it has no generator for, so one is added here. */
function valueGen(type: GraphQLInputType, at: At): Gen {
  if (!isNonNullType(type)) return fc.oneof(nonNullGen(type, at), fine(fc.constantFrom(null, undefined)));
  return choose(at, [nonNullGen(type.ofType, at)], fc.constantFrom(null, undefined));
}

function nonNullGen(type: GraphQLInputType, at: At): Gen {
  if (isNonNullType(type)) return valueGen(type, at);
  if (isListType(type))
    return fc
      .array(valueGen(type.ofType, at), { maxLength: 6 })
      .map((items) => [items.map(([v]) => v), items.some(([, bad]) => bad)]);
  if (isEnumType(type))
    return choose(
      at,
      [fine(fc.constantFrom(...type.getValues().map((v) => v.name)))],
      fc.oneof(fc.constantFrom("BOGUS", "approve"), fc.integer(), fc.boolean(), notScalar),
    );
  if (isInputObjectType(type)) return objectGen(type.getFields(), at);
  const gen = SCALARS[type.name];
  if (!gen) throw new Error(`no generator for scalar ${type.name} (${at.place.path}): add one to SCALARS`);
  return gen(at);
}

type Fields = Record<string, { name: string; type: GraphQLInputType }>;

function objectGen(fields: Fields, at: At): Gen {
  const entries = Object.values(fields).map((f) => {
    const place = { ...at.place, path: `${at.place.path}.${f.name}`, name: f.name };
    return [f.name, valueGen(f.type, { ...at, place })] as const;
  });
  return fc.record(Object.fromEntries(entries)).map((values) => {
    const out: Record<string, unknown> = {};
    let bad = false;
    for (const [name, [value, isBad]] of Object.entries(values)) {
      if (value !== undefined) out[name] = value;
      bad ||= isBad;
    }
    return [out, bad];
  });
}

/** The operation calling `field` with every argument as a variable, and `__typename` of an object result. */
export function operationFor(kind: "mutation" | "query", field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a) => `$${a.name}:${String(a.type)}`).join(",");
  const args = field.args.map((a) => `${a.name}:$${a.name}`).join(",");
  const selection = isCompositeType(getNamedType(field.type)) ? "{__typename}" : "";
  return `${kind}${vars ? `(${vars})` : ""}{${field.name}${args ? `(${args})` : ""}${selection}}`;
}

/**
 * Variables for `field`, each call with at least one value that must get it refused. Most calls
 * are of the right GraphQL types, so that they reach the resolver and its rules; one in five may
 * also hold values of the wrong type, refused as the request is read.
 */
export function refusedVariables(field: GraphQLField<unknown, unknown>, rules: Rules) {
  const args = Object.fromEntries(field.args.map((a) => [a.name, { name: a.name, type: a.type }]));
  const place = { path: field.name, name: field.name, field };
  const calls = (wrongTypes: boolean) => objectGen(args, { place, rules, wrongTypes });
  return fc
    .oneof({ weight: 4, arbitrary: calls(false) }, { weight: 1, arbitrary: calls(true) })
    .filter(([, bad]) => bad)
    .map(([vars]) => vars as Record<string, unknown>);
}
