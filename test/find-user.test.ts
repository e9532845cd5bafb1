// findUser: exact, case-insensitive by username, exact by external id; exactly one of the two;
// null for none and for a user who blocked the caller. user(id), findUser and follow share a
// per-caller rate limit: sequential ids cannot be walked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BlockUserDocument,
  FindUserDocument,
  FollowDocument,
  UnblockUserDocument,
  UserByIdDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp } from "./helpers/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe("findUser", () => {
  it("finds by username in any case, exactly, and by external id", async () => {
    const [a, b] = await Promise.all([t.signUp(), t.signUp()]);
    const found = { id: b.id, username: b.username, externalId: null };
    expect((await a.http.run(FindUserDocument, { username: b.username })).findUser).toEqual(found);
    expect((await a.http.run(FindUserDocument, { username: b.username.toUpperCase() })).findUser).toEqual(found);
    expect((await a.http.run(FindUserDocument, { username: ` ${b.username} ` })).findUser).toEqual(found);
    // Exact: no prefix, no pattern.
    for (const username of [
      b.username.slice(0, -1),
      `${b.username.slice(0, -1)}%`,
      `${b.username.slice(0, -1)}_`,
      "nobody-here",
    ])
      expect((await a.http.run(FindUserDocument, { username })).findUser).toBeNull();
    // External identities come from the host application (#16); set here as the host would.
    await t.app.services.prisma.user.update({ where: { id: Number(b.id) }, data: { externalId: "Host-42" } });
    expect((await a.http.run(FindUserDocument, { externalId: "Host-42" })).findUser).toEqual({
      ...found,
      externalId: "Host-42",
    });
    expect((await a.http.run(FindUserDocument, { externalId: "Host-4" })).findUser).toBeNull();
  });

  it("wants exactly one of username and externalId", async () => {
    const [a, b] = await Promise.all([t.signUp(), t.signUp()]);
    expect(await a.http.code(FindUserDocument, {})).toBe("BAD_USER_INPUT");
    expect(await a.http.code(FindUserDocument, { username: b.username, externalId: "x" })).toBe("BAD_USER_INPUT");
    expect(await a.http.code(FindUserDocument, { username: "x".repeat(65) })).toBe("BAD_USER_INPUT");
    expect(await a.http.code(FindUserDocument, { externalId: "" })).toBe("BAD_USER_INPUT");
    expect(await t.anon.code(FindUserDocument, { username: b.username })).toBe("UNAUTHENTICATED");
  });

  it("does not find a user who blocked the caller, until unblocked", async () => {
    const [a, b, c] = await Promise.all([t.signUp(), t.signUp(), t.signUp()]);
    await b.http.run(BlockUserDocument, { userId: a.id });
    expect((await a.http.run(FindUserDocument, { username: b.username })).findUser).toBeNull();
    // Others still find them, and the blocker still finds the blocked user.
    expect((await c.http.run(FindUserDocument, { username: b.username })).findUser?.id).toBe(b.id);
    expect((await b.http.run(FindUserDocument, { username: a.username })).findUser?.id).toBe(a.id);
    await b.http.run(UnblockUserDocument, { userId: a.id });
    expect((await a.http.run(FindUserDocument, { username: b.username })).findUser?.id).toBe(b.id);
  });
});

describe("walking the user table", () => {
  it("counts user(id), findUser and follow against one per-caller limit", async () => {
    const limited = await startTestApp({ RATE_LIMIT_USER_LOOKUP_PER_MINUTE: "3" });
    try {
      const [a, b, c] = await Promise.all([limited.signUp(), limited.signUp(), limited.signUp()]);
      expect((await a.http.run(UserByIdDocument, { id: b.id })).user?.id).toBe(b.id);
      expect((await a.http.run(FindUserDocument, { username: c.username })).findUser?.id).toBe(c.id);
      await a.http.run(FollowDocument, { userId: c.id });
      expect(await a.http.code(UserByIdDocument, { id: c.id })).toBe("RATE_LIMITED");
      expect(await a.http.code(FindUserDocument, { username: b.username })).toBe("RATE_LIMITED");
      expect(await a.http.code(FollowDocument, { userId: b.id })).toBe("RATE_LIMITED");
      // Per caller: another user is not held back.
      expect((await b.http.run(UserByIdDocument, { id: a.id })).user?.id).toBe(a.id);
    } finally {
      await limited.close();
    }
  });
});
