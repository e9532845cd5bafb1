// What metrics and logs say about an operation: its root field (a label from the schema, never
// from client-chosen names) and the request's id.
import { randomUUID } from "node:crypto";
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  Kind,
  type SelectionSetNode,
} from "graphql";

const fieldOf = new WeakMap<object, string>();

/**
 * The first root field the operation selects (`sendMessage`, `messageAdded`), looked through
 * fragments; cached per parsed operation. Only meaningful for a validated document: its fields
 * are the schema's, so the label set is bounded.
 */
export function rootField(document: DocumentNode | undefined, operationName?: string | null): string {
  if (!document) return "none";
  const operation = getOperationAST(document, operationName);
  if (!operation) return "none";
  let field = fieldOf.get(operation);
  if (field === undefined) {
    field = firstField(operation.selectionSet, document, 0) ?? "none";
    fieldOf.set(operation, field);
  }
  return field;
}

function firstField(set: SelectionSetNode, document: DocumentNode, depth: number): string | null {
  if (depth > 10) return null;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) return selection.name.value;
    const inner =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection.selectionSet
        : document.definitions.find(
            (d: DefinitionNode): d is FragmentDefinitionNode =>
              d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
          )?.selectionSet;
    const found = inner && firstField(inner, document, depth + 1);
    if (found) return found;
  }
  return null;
}

/** The operation's name: the one the request asked for, else the document's own (null: anonymous). */
export function operationName(document: DocumentNode | undefined, asked?: string | null): string | null {
  if (asked) return asked;
  return (document && getOperationAST(document)?.name?.value) ?? null;
}

/** The caller's X-Request-Id when it is a plain token (a proxy's), else a new one. */
export function requestId(header: string | null | undefined): string {
  return header && /^[\w.:-]{1,64}$/.test(header) ? header : randomUUID();
}

type Validates = {
  schema: GraphQLSchema;
  validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[];
};
const valid = new WeakSet<DocumentNode>();

/**
 * The document's validation errors, through the enveloped `validate` (its plugins' rules and
 * hooks) until the document has once been found valid: from then on, none, without asking again.
 * The schema and the rules are the same for every request, and the document is the parse cache's
 * object, one per distinct query text; a valid document's validation has no hook that does
 * anything (they count and recode errors). yoga's own cache keys each lookup by the names of all
 * ~30 rules joined, per operation.
 */
export function validated(enveloped: Validates, document: DocumentNode): readonly GraphQLError[] {
  if (valid.has(document)) return [];
  const errors = enveloped.validate(enveloped.schema, document);
  if (errors.length === 0) valid.add(document);
  return errors;
}
