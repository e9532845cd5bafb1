// What metrics and logs say about an operation: its root field (a label from the schema, never
// from client-chosen names) and the request's id. And how the direct POST path and graphql-ws get
// an operation's document: parsed and validated once per query text (`prepared`).
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
import { OPERATION_DOCUMENT, type OperationNotes } from "../context.ts";
import { getOrSet } from "../runtime/get-or-set.ts";

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

type Enveloped = {
  schema: GraphQLSchema;
  parse(source: string): DocumentNode;
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
function validated(enveloped: Omit<Enveloped, "parse">, document: DocumentNode): readonly GraphQLError[] {
  if (valid.has(document)) return [];
  const errors = enveloped.validate(enveloped.schema, document);
  if (errors.length === 0) valid.add(document);
  return errors;
}

/** As many query texts as yoga's parse cache holds, none longer than KNOWN_TEXT_LENGTH. */
const KNOWN_TEXTS = 1000;
/**
 * Longer texts go through envelop every time: the cache holds at most ~16 MB of them, where a
 * text may be nearly a body's size (a long string literal is one token). Operations are far
 * shorter (the web client's longest document is under 1 KB).
 */
const KNOWN_TEXT_LENGTH = 16 * 1024;
/**
 * Per yoga instance (each has its own parse cache and rules: introspection is refused by one
 * without GraphiQL), the query texts whose document parsed and was found valid, oldest first.
 */
const knownByServer = new WeakMap<object, Map<string, DocumentNode>>();

/**
 * A query text's document and its validation errors, for the server `yoga`. A text seen before
 * whose document was valid is answered from here, without envelop's parse step: its seven
 * onParse hooks (two engines, the token limit, yoga's parse cache, the metrics' and the log's
 * notes, the GET check) each get a payload of closures per operation, to settle what is settled
 * for that text: it parses, within the token limit, to the same valid document, which holds the
 * operation asked for. What those hooks note on the context (the document, for metrics and logs)
 * is noted here. Anything else goes through envelop as before: a syntax error, a text over the
 * limit or an operation the document lacks throws, as `parse` does (bench/RESULTS.md, stop 36).
 */
export function prepared(
  yoga: object,
  enveloped: Enveloped,
  context: OperationNotes,
  query: string,
  operationName: string | null | undefined,
): { document: DocumentNode; errors: readonly GraphQLError[] } {
  const known = getOrSet(knownByServer, yoga, () => new Map<string, DocumentNode>());
  const cached = known.get(query);
  // Without the operation asked for, envelop's step answers (yoga's check of an HTTP request
  // throws "Could not determine what operation to execute").
  if (cached && getOperationAST(cached, operationName)) {
    context[OPERATION_DOCUMENT] = cached;
    return { document: cached, errors: [] };
  }
  const document = enveloped.parse(query);
  const errors = validated(enveloped, document);
  // Oldest out first; a text already held (its document lacked the operation asked for) stays.
  if (errors.length === 0 && !cached && query.length <= KNOWN_TEXT_LENGTH) {
    if (known.size >= KNOWN_TEXTS) known.delete(known.keys().next().value as string);
    known.set(query, document);
  }
  return { document, errors };
}
