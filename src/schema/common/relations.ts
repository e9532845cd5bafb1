// Whether a field's selection needs a Prisma query: the hot fields (sendMessage, messageAdded)
// answer a selection of columns from the row they hold, and plan a query only for a selection
// that reaches a relation. Planning it on every call (what a prismaField does) cost ~4 % of a
// delivered send's CPU (bench:ab).
import { queryFromInfo } from "@pothos/plugin-prisma";
import {
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  getNamedType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from "graphql";
import type { Context } from "../../context.ts";

const reaches = new WeakMap<FieldNode, boolean>();

/**
 * A field Pothos' Prisma plugin loads through the query (a relation, or a field with `select`).
 * This holds while the type itself has no `select` or `include` (Message, today): with one, a
 * selection of columns would need its query too.
 */
const needsQuery = (field: GraphQLField<unknown, unknown> | undefined) => !!field?.extensions?.pothosPrismaSelect;

function selectionReaches(info: GraphQLResolveInfo): boolean {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return true;
  const fields = type.getFields();
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) => {
      if (s.kind === Kind.FIELD) return needsQuery(fields[s.name.value]);
      if (s.kind === Kind.INLINE_FRAGMENT) return walk(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return walk(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => walk(node.selectionSet));
}

/**
 * Whether the selection of the field `info` resolves reaches a relation (a query may be needed);
 * cached per parsed field. Without one the row's own columns answer it, and a resolver can answer
 * at once: graphql-js then completes the whole selection without a promise.
 */
export function reachesRelation(info: GraphQLResolveInfo): boolean {
  const first = info.fieldNodes[0];
  const cacheable = first !== undefined && info.fieldNodes.length === 1;
  let reached = cacheable ? reaches.get(first) : undefined;
  if (reached === undefined) {
    reached = selectionReaches(info);
    if (cacheable) reaches.set(first, reached);
  }
  return reached;
}

/**
 * The Prisma query (select or include) for the field `info` resolves when its selection reaches a
 * relation, else null: then the row's own columns answer it. Directives (@include, @skip) can only
 * drop fields, so a selection without relations has none whatever the variables. A query planned
 * here records its mapping as a prismaField's does, so the relation fields read what it loaded.
 */
export async function relationQuery(ctx: Context, info: GraphQLResolveInfo): Promise<object | null> {
  if (!reachesRelation(info)) return null;
  // Relations dropped by @include/@skip leave nothing to load: the row answers then too.
  const query: object = await queryFromInfo({ context: ctx, info, awaitSelections: true });
  return Object.keys(query).length > 0 ? query : null;
}
