// Every ```graphql block of docs/ and README.md validated against the served schema, so the
// operations a reader pastes into GraphiQL cannot drift from what xim serves.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parse, validate } from "graphql";
import { expect, it } from "vitest";
import { schema } from "../src/schema/index.ts";

const root = join(import.meta.dirname, "..");

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

/** Each ```graphql fence with the line it starts on. */
function graphqlBlocks(text: string): { line: number; source: string }[] {
  const blocks: { line: number; source: string }[] = [];
  for (const match of text.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)) {
    const line = text.slice(0, match.index).split("\n").length;
    blocks.push({ line, source: match[1] as string });
  }
  return blocks;
}

const pages = [...markdownFiles(join(root, "docs")), join(root, "README.md")];
const blocks = pages.flatMap((path) =>
  graphqlBlocks(readFileSync(path, "utf8")).map((b) => ({ ...b, where: `${relative(root, path)}:${b.line}` })),
);

it("finds the documentation's operations", () => {
  const docsPages = pages.filter((p) => relative(root, p).startsWith("docs"));
  expect(docsPages.length).toBeGreaterThanOrEqual(9);
  // Every page of docs/ shows at least one operation, except the index.
  for (const page of docsPages.filter((p) => !p.endsWith("docs/README.md"))) {
    expect(graphqlBlocks(readFileSync(page, "utf8")).length, relative(root, page)).toBeGreaterThan(0);
  }
});

it.each(blocks.map((b) => [b.where, b.source] as const))("%s validates against the schema", (_where, source) => {
  const errors = validate(schema, parse(source)).map((e) => e.message);
  expect(errors).toEqual([]);
});
