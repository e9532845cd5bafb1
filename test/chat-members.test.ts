// chatMembers: a keyset-paged member list (owner, admins, then by join time) that costs the same
// number of SQL statements for any page, and answers like `members` to outsiders.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  ChatMembersDocument,
  InviteToGroupDocument,
  ReviewJoinRequestDocument,
  SetGroupAdminDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { befriend, createGroup } from "./helpers/social.ts";

let t: TestApp;
let statements: string[] = [];
let owner: TestUser;
let chatId: string;
let joinOrder: TestUser[];
let admins: TestUser[];

beforeAll(async () => {
  t = await startTestApp(
    { RATE_LIMIT_FRIEND_REQUEST_PER_MINUTE: "1000", RATE_LIMIT_INVITE_PER_MINUTE: "1000" },
    (sql) => statements.push(sql),
  );
  owner = await t.signUp("Owner");
  const founders: TestUser[] = [];
  for (let i = 0; i < 10; i++) {
    const u = await t.signUp(`Founder ${i}`);
    await befriend(owner, u);
    founders.push(u);
  }
  chatId = await createGroup(owner, founders, "Big");
  // The rest join one by one, each after the one before.
  const later: TestUser[] = [];
  for (let i = 0; i < 14; i++) later.push(await t.signUp(`Later ${i}`));
  const { inviteToGroup } = await owner.http.run(InviteToGroupDocument, { chatId, userIds: later.map((u) => u.id) });
  for (const u of later) {
    const req = inviteToGroup.find((r) => r.targetUser?.id === u.id);
    await u.http.run(ReviewJoinRequestDocument, { id: req?.id ?? "", decision: "APPROVE" });
    await new Promise((r) => setTimeout(r, 3));
  }
  // Admins chosen out of join order: the last to join, one in the middle, one founder.
  admins = [later[13], later[4], founders[7]] as TestUser[];
  for (const a of admins) await owner.http.run(SetGroupAdminDocument, { chatId, userId: a.id, admin: true });
  // Founders joined together: among them the user id decides.
  joinOrder = [...founders.sort((a, b) => Number(a.id) - Number(b.id)), ...later];
}, 180_000);
afterAll(() => t?.close());

type Page = { ids: string[]; roles: string[]; hasNextPage: boolean; endCursor: string | null | undefined };

async function page(user: TestUser, first: number, after?: string | null): Promise<Page> {
  const { chatMembers } = await user.http.run(ChatMembersDocument, { chatId, first, after });
  return {
    ids: chatMembers.edges.map((e) => e.node.user.id),
    roles: chatMembers.edges.map((e) => e.node.role),
    hasNextPage: chatMembers.pageInfo.hasNextPage,
    endCursor: chatMembers.pageInfo.endCursor,
  };
}

it("pages 25 members by 10: owner, then admins, then by join time, no gap or repeat", async () => {
  const member = joinOrder[2] as TestUser;
  const p1 = await page(member, 10);
  const p2 = await page(member, 10, p1.endCursor);
  const p3 = await page(member, 10, p2.endCursor);
  expect([p1.ids.length, p2.ids.length, p3.ids.length]).toEqual([10, 10, 5]);
  expect([p1.hasNextPage, p2.hasNextPage, p3.hasNextPage]).toEqual([true, true, false]);
  const adminIds = new Set(admins.map((a) => a.id));
  const expected = [
    owner.id,
    ...joinOrder.filter((u) => adminIds.has(u.id)).map((u) => u.id),
    ...joinOrder.filter((u) => !adminIds.has(u.id)).map((u) => u.id),
  ];
  expect([...p1.ids, ...p2.ids, ...p3.ids]).toEqual(expected);
  expect(p1.roles.slice(0, 5)).toEqual(["OWNER", "ADMIN", "ADMIN", "ADMIN", "MEMBER"]);
  // An exact fit ends with hasNextPage false, and the default page is 20.
  const all = await page(member, 25);
  expect(all.hasNextPage).toBe(false);
  const { chatMembers } = await member.http.run(ChatMembersDocument, { chatId });
  expect(chatMembers.edges).toHaveLength(20);
  expect(chatMembers.pageInfo.hasNextPage).toBe(true);
});

it("answers NOT_FOUND to a non-member, as members does", async () => {
  const outsider = await t.signUp("Outsider");
  const r = await outsider.http.raw(ChatMembersDocument, { chatId, first: 10 });
  expect(r.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  expect(r.data).toBeFalsy();
});

it("refuses a malformed or out-of-range cursor and page size with BAD_USER_INPUT", async () => {
  const b64 = (s: string) => Buffer.from(s).toString("base64url");
  const bad = [
    "garbage!",
    b64("3:0:1"),
    b64("0:0:0"),
    b64("1:1700000000000:99999999999"),
    b64("1:99999999999999999:5"),
    b64("1:1700000000000"),
  ];
  for (const after of bad) {
    const r = await owner.http.raw(ChatMembersDocument, { chatId, first: 10, after });
    expect(r.errors?.[0]?.extensions?.code, after).toBe("BAD_USER_INPUT");
  }
  for (const first of [0, 101, -1]) {
    const r = await owner.http.raw(ChatMembersDocument, { chatId, first });
    expect(r.errors?.[0]?.extensions?.code, String(first)).toBe("BAD_USER_INPUT");
  }
});

it("costs the same number of SQL statements for 2 members as for 25", async () => {
  const friend = await t.signUp("Friend");
  await befriend(owner, friend);
  const small = await createGroup(owner, [friend], "Small");
  statements = [];
  const s = await owner.http.run(ChatMembersDocument, { chatId: small, first: 100 });
  const smallCount = statements.length;
  statements = [];
  const l = await owner.http.run(ChatMembersDocument, { chatId, first: 100 });
  const largeCount = statements.length;
  expect(s.chatMembers.edges).toHaveLength(2);
  expect(l.chatMembers.edges).toHaveLength(25);
  expect(largeCount).toBe(smallCount);
  expect(smallCount).toBeLessThanOrEqual(3);
});
