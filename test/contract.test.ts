// The served schema against the client contracts kept in test/contract/ (copies of
// ../shared/contract*.graphql; .ci/run checks they are identical when ../shared is there), and
// schema.graphql against the code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BreakingChangeType, buildSchema, findBreakingChanges, printSchema } from "graphql";
import { expect, it } from "vitest";
import { schema } from "../src/schema/index.ts";

const root = join(import.meta.dirname, "..");
const contract = (name: string) => buildSchema(readFileSync(join(root, "test/contract", name), "utf8"));

/** Breaking changes that mean "not served yet", as opposed to "served differently". */
const MISSING = new Set<string>([
  BreakingChangeType.TYPE_REMOVED,
  BreakingChangeType.FIELD_REMOVED,
  BreakingChangeType.ARG_REMOVED,
  BreakingChangeType.VALUE_REMOVED_FROM_ENUM,
]);

function compare(name: string) {
  const changes = findBreakingChanges(contract(name), schema);
  return {
    missing: changes.filter((c) => MISSING.has(c.type)).map((c) => c.description),
    different: changes.filter((c) => !MISSING.has(c.type)).map((c) => c.description),
  };
}

it("serves a superset of the client contract (v1)", () => {
  expect(findBreakingChanges(contract("contract.graphql"), schema).map((c) => c.description)).toEqual([]);
});

it("serves what it serves of contract v2 exactly as v2 says, and no less than before", () => {
  const { missing, different } = compare("contract-v2.graphql");
  // Whatever is served must match the contract exactly: type, nullability, arguments.
  expect(different).toEqual([]);
  // What of v2 is not served yet. It only shrinks: serving more, or losing something, fails.
  expect(missing.sort()).toEqual([...V2_NOT_YET_SERVED].sort());
});

it("has a current schema.graphql (npm run codegen)", () => {
  const committed = readFileSync(join(root, "schema.graphql"), "utf8");
  expect(committed.trim()).toBe(printSchema(schema).trim());
});

const V2_NOT_YET_SERVED: string[] = [];
