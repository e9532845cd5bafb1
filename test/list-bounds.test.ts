// Every list a root field answers says how much of it comes back: paged, or whole ("every"), or
// capped ("the newest 200", "1 to 100"). A client can tell from introspection what it gets.
import { type GraphQLField, GraphQLList, GraphQLObjectType, getNamedType, getNullableType } from "graphql";
import { expect, it } from "vitest";
import { MAX_REACTION_EMOJIS } from "../src/domain/reactions.ts";
import { MAX_MENTIONS } from "../src/domain/references.ts";
import { schema } from "../src/schema/index.ts";

const BOUND = /\bevery\b|\bnewest \d+|\b\d+ to \d+\b|\bpage\b/i;

/**
 * Lists whose description contract v2 fixes word for word: bounded when written, at these sizes
 * (README says so), so every one comes back whole.
 */
const BOUNDED_WHEN_WRITTEN: Record<string, number> = {
  "Message.mentions": MAX_MENTIONS,
  "Message.reactions": MAX_REACTION_EMOJIS,
};

const isList = (f: GraphQLField<unknown, unknown>) => getNullableType(f.type) instanceof GraphQLList;

it("states the bound of every list a root field (or an object it returns) answers", () => {
  const undocumented: string[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (isList(field) && !BOUND.test(field.description ?? "")) undocumented.push(`${root?.name}.${field.name}`);
      const named = getNamedType(field.type);
      // Lists one level down in an object a root field answers (contacts.friends, contacts.groups).
      if (!isList(field) && named instanceof GraphQLObjectType && !/Connection$/.test(named.name))
        for (const inner of Object.values(named.getFields()))
          if (
            isList(inner) &&
            !BOUND.test(inner.description ?? "") &&
            !BOUNDED_WHEN_WRITTEN[`${named.name}.${inner.name}`]
          )
            undocumented.push(`${named.name}.${inner.name}`);
    }
  }
  expect([...new Set(undocumented)]).toEqual([]);
});

it("pages the member list of a chat and points members to it", () => {
  const q = schema.getQueryType()?.getFields();
  expect(q?.members?.description).toMatch(/chatMembers/);
  expect(q?.chatMembers?.args.map((a) => a.name).sort()).toEqual(["after", "chatId", "first"]);
  expect(q?.joinRequests?.description).toMatch(/newest 200/);
});
