// The served schema against ../shared/contract.graphql, and schema.graphql against the code.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BreakingChangeType, buildSchema, findBreakingChanges, printSchema } from "graphql";
import { expect, it } from "vitest";
import { schema } from "../src/schema/index.ts";

const root = join(import.meta.dirname, "..");
const contractPath = [join(root, "../shared/contract.graphql"), join(root, "test/contract.graphql")].find(existsSync);
const MISSING = new Set<string>([BreakingChangeType.TYPE_REMOVED, BreakingChangeType.FIELD_REMOVED]);

it("serves a superset of the client contract", () => {
  if (!contractPath) throw new Error("contract.graphql not found beside the repo (../shared)");
  const contract = buildSchema(readFileSync(contractPath, "utf8"));
  const changes = findBreakingChanges(contract, schema);
  const missing = changes.filter((c) => MISSING.has(c.type)).map((c) => c.description);
  if (missing.length) console.info(`not yet served (${missing.length}):\n  ${missing.join("\n  ")}`);
  // Whatever is served must match the contract exactly: type, nullability, arguments.
  expect(changes.filter((c) => !MISSING.has(c.type)).map((c) => c.description)).toEqual([]);
  expect(missing).toEqual(EXPECTED_MISSING);
});

it("has a current schema.graphql (npm run codegen)", () => {
  const committed = readFileSync(join(root, "schema.graphql"), "utf8");
  expect(committed.trim()).toBe(printSchema(schema).trim());
});

// What of the contract is not served yet. It only shrinks: serving more, or losing something, fails.
const EXPECTED_MISSING: string[] = [];
