// A digest of every table of the Prisma datamodel: equal before and after a refused call means it
// wrote nothing. The models come from the datamodel, so a new table is covered without listing it.
import { createHash } from "node:crypto";
import { getDatamodel } from "../../src/generated/pothos-types.ts";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";

type Readable = { findMany(): Promise<Record<string, unknown>[]> };

export const MODELS = Object.keys(getDatamodel().datamodel.models);

const json = (row: unknown) => JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));

export async function fingerprint(prisma: PrismaClient): Promise<string> {
  const parts = [];
  for (const model of MODELS) {
    const delegate = (prisma as unknown as Record<string, Readable>)[model.charAt(0).toLowerCase() + model.slice(1)];
    if (!delegate) throw new Error(`no Prisma delegate for model ${model}`);
    const rows = (await delegate.findMany()).map(json).sort();
    parts.push(`${model}:${createHash("sha256").update(rows.join("\n")).digest("hex")}`);
  }
  return parts.join(" ");
}
