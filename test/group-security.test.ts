// Attacks on group membership (#10, points 4 and 5): leaving or removal is final, an invitation
// holds only while its inviter may invite, and a non-member reads no more of a group than a join
// screen needs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DissolveGroupDocument,
  InviteToGroupDocument,
  JoinRequestsDocument,
  JoinRequestsViewDocument,
  LeaveGroupDocument,
  MembersDocument,
  MessagesDocument,
  RemoveGroupMemberDocument,
  RequestJoinGroupDocument,
  RequestJoinGroupViewDocument,
  ReviewJoinRequestDocument,
  SetGroupAdminDocument,
  SetGroupMutedDocument,
  SetMemberMutedDocument,
  UpdateGroupDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { png } from "./helpers/media.ts";
import { createGroup } from "./helpers/social.ts";
import { uploaded } from "./helpers/upload.ts";

let t: TestApp;
let statements: string[] = [];
beforeAll(async () => {
  t = await startTestApp({}, (sql) => statements.push(sql));
});
afterAll(() => t?.close());

/** Users named by their part in the test. */
const users = <T extends string[]>(...names: T) =>
  Promise.all(names.map((name) => t.signUp(name))) as Promise<{ [K in keyof T]: TestUser }>;

async function invite(by: TestUser, chatId: string, user: TestUser): Promise<string> {
  const { inviteToGroup } = await by.http.run(InviteToGroupDocument, { chatId, userIds: [user.id] });
  return inviteToGroup[0]?.id as string;
}

/** `user` joins through an invitation from `by`. */
async function join(by: TestUser, chatId: string, user: TestUser) {
  await user.http.run(ReviewJoinRequestDocument, { id: await invite(by, chatId, user), decision: "APPROVE" });
}

/** A group of an owner, an admin and plain members, all joined by invitation. */
async function group(owner: TestUser, admin: TestUser, members: TestUser[]): Promise<string> {
  const chatId = await createGroup(owner, []);
  for (const u of [admin, ...members]) await join(owner, chatId, u);
  await owner.http.run(SetGroupAdminDocument, { chatId, userId: admin.id, admin: true });
  return chatId;
}

const memberIds = async (member: TestUser, chatId: string) =>
  (await member.http.run(MembersDocument, { chatId })).members.map((m) => m.user.id).sort();

const listed = async (user: TestUser, direction: "INCOMING" | "OUTGOING") =>
  (await user.http.run(JoinRequestsDocument, { direction })).joinRequests.map((r) => r.id);

/** The invitee cannot approve (nor reject) the invitation, stays out, and no list shows it. */
async function expectVoid(id: string, invitee: TestUser, inviter: TestUser, owner: TestUser, chatId: string) {
  const before = await memberIds(owner, chatId);
  expect(await invitee.http.code(ReviewJoinRequestDocument, { id, decision: "APPROVE" })).toBe("NOT_FOUND");
  expect(await invitee.http.code(ReviewJoinRequestDocument, { id, decision: "REJECT" })).toBe("NOT_FOUND");
  expect(await memberIds(owner, chatId)).toEqual(before);
  expect(before).not.toContain(invitee.id);
  expect(await listed(invitee, "INCOMING")).not.toContain(id);
  expect(await listed(inviter, "OUTGOING")).not.toContain(id);
}

describe("leaving or removal is final", () => {
  for (const how of ["was removed", "left"] as const) {
    it(`a user who ${how} cannot come back through an old invitation`, async () => {
      const [owner, admin, u] = await users("owner", "admin", "u");
      const chatId = await group(owner, admin, []);
      const old = await invite(admin, chatId, u);
      // u gets in another way (an approved join request); the invitation stays pending.
      const { requestJoinGroup } = await u.http.run(RequestJoinGroupDocument, { chatId });
      await owner.http.run(ReviewJoinRequestDocument, { id: requestJoinGroup.id, decision: "APPROVE" });
      expect(await listed(u, "INCOMING")).toContain(old);
      if (how === "was removed") await owner.http.run(RemoveGroupMemberDocument, { chatId, userId: u.id });
      else await u.http.run(LeaveGroupDocument, { chatId });
      await expectVoid(old, u, admin, owner, chatId);
      // Coming back takes a fresh invitation, which works.
      const fresh = await invite(owner, chatId, u);
      expect(fresh).not.toBe(old);
      await u.http.run(ReviewJoinRequestDocument, { id: fresh, decision: "APPROVE" });
      expect(await memberIds(owner, chatId)).toContain(u.id);
    });

    it(`an invitation from a member who ${how} no longer admits its invitee`, async () => {
      const [owner, admin, inviter, invitee] = await users("owner", "admin", "inviter", "invitee");
      const chatId = await group(owner, admin, [inviter]);
      const id = await invite(inviter, chatId, invitee);
      if (how === "was removed") await admin.http.run(RemoveGroupMemberDocument, { chatId, userId: inviter.id });
      else await inviter.http.run(LeaveGroupDocument, { chatId });
      await expectVoid(id, invitee, inviter, owner, chatId);
    });
  }

  it("a removed user's pending join request leaves the managers' list and cannot be approved", async () => {
    const [owner, admin, u] = await users("owner", "admin", "u");
    const chatId = await group(owner, admin, []);
    const { requestJoinGroup } = await u.http.run(RequestJoinGroupDocument, { chatId });
    await join(owner, chatId, u);
    expect(await listed(admin, "INCOMING")).toContain(requestJoinGroup.id);
    await owner.http.run(RemoveGroupMemberDocument, { chatId, userId: u.id });
    for (const manager of [owner, admin]) {
      expect(await listed(manager, "INCOMING")).not.toContain(requestJoinGroup.id);
      expect(await manager.http.code(ReviewJoinRequestDocument, { id: requestJoinGroup.id, decision: "APPROVE" })).toBe(
        "NOT_FOUND",
      );
    }
    expect(await listed(u, "OUTGOING")).not.toContain(requestJoinGroup.id);
    expect(await memberIds(owner, chatId)).not.toContain(u.id);
    // A new request is a new one, pending again.
    const again = await u.http.run(RequestJoinGroupDocument, { chatId });
    expect(again.requestJoinGroup).toMatchObject({ status: "PENDING" });
    expect(again.requestJoinGroup.id).not.toBe(requestJoinGroup.id);
  });

  it("dissolving a group voids its pending requests and invitations", async () => {
    const [owner, admin, asker, invitee] = await users("owner", "admin", "asker", "invitee");
    const chatId = await group(owner, admin, []);
    const { requestJoinGroup } = await asker.http.run(RequestJoinGroupDocument, { chatId });
    const invitation = await invite(admin, chatId, invitee);
    await owner.http.run(DissolveGroupDocument, { chatId });
    expect(await invitee.http.code(ReviewJoinRequestDocument, { id: invitation, decision: "APPROVE" })).toBe(
      "NOT_FOUND",
    );
    expect(await owner.http.code(ReviewJoinRequestDocument, { id: requestJoinGroup.id, decision: "APPROVE" })).toBe(
      "NOT_FOUND",
    );
    expect(await listed(invitee, "INCOMING")).not.toContain(invitation);
    expect(await listed(asker, "OUTGOING")).not.toContain(requestJoinGroup.id);
    expect(await listed(admin, "OUTGOING")).not.toContain(invitation);
  });
});

describe("an invitation holds while its inviter may invite", () => {
  it("a plain member's invitation dies when they are muted, or when the group is", async () => {
    const [owner, admin, a, b, x, y] = await users("owner", "admin", "a", "b", "x", "y");
    const chatId = await group(owner, admin, [a, b]);
    const fromA = await invite(a, chatId, x);
    await admin.http.run(SetMemberMutedDocument, { chatId, userId: a.id, muted: true });
    await owner.http.run(SetMemberMutedDocument, { chatId, userId: a.id, muted: false });
    await expectVoid(fromA, x, a, owner, chatId);

    const fromB = await invite(b, chatId, y);
    await owner.http.run(SetGroupMutedDocument, { chatId, muted: true });
    await expectVoid(fromB, y, b, owner, chatId);
  });

  it("a plain member's invitation dies when they are demoted in a muted group", async () => {
    const [owner, admin, x] = await users("owner", "admin", "x");
    const chatId = await group(owner, admin, []);
    await owner.http.run(SetGroupMutedDocument, { chatId, muted: true });
    const id = await invite(admin, chatId, x);
    await owner.http.run(SetGroupAdminDocument, { chatId, userId: admin.id, admin: false });
    await expectVoid(id, x, admin, owner, chatId);
  });

  it("an admin's invitation still works when the group or the admin is muted", async () => {
    const [owner, admin, x] = await users("owner", "admin", "x");
    const chatId = await group(owner, admin, []);
    const id = await invite(admin, chatId, x);
    await owner.http.run(SetGroupMutedDocument, { chatId, muted: true });
    await owner.http.run(SetMemberMutedDocument, { chatId, userId: admin.id, muted: true });
    const { reviewJoinRequest } = await x.http.run(ReviewJoinRequestDocument, { id, decision: "APPROVE" });
    expect(reviewJoinRequest.status).toBe("APPROVED");
    expect(await memberIds(owner, chatId)).toContain(x.id);
  });

  it("the approval itself checks the inviter: a mute or removal that lands after the sweep", async () => {
    const [owner, admin, a, b, x, y] = await users("owner", "admin", "a", "b", "x", "y");
    const chatId = await group(owner, admin, [a, b]);
    const fromA = await invite(a, chatId, x);
    const fromB = await invite(b, chatId, y);
    // What a concurrent mute or removal would leave behind, written without their sweeps.
    const db = t.app.services.prisma;
    await db.chatMember.update({ where: { chatId_userId: { chatId: +chatId, userId: +a.id } }, data: { muted: true } });
    await db.chatMember.delete({ where: { chatId_userId: { chatId: +chatId, userId: +b.id } } });
    expect(await listed(x, "INCOMING")).toContain(fromA);
    expect(await x.http.code(ReviewJoinRequestDocument, { id: fromA, decision: "APPROVE" })).toBe("NOT_FOUND");
    expect(await y.http.code(ReviewJoinRequestDocument, { id: fromB, decision: "APPROVE" })).toBe("NOT_FOUND");
    const members = await memberIds(owner, chatId);
    expect(members).not.toContain(x.id);
    expect(members).not.toContain(y.id);
    // Found void once, it stays void and leaves the lists.
    expect(await listed(x, "INCOMING")).not.toContain(fromA);
    expect(await listed(y, "INCOMING")).not.toContain(fromB);
  });
});

describe("a non-member reads only what a join screen needs", () => {
  let thumb = "";
  // The thumbnail is shown to whoever may see the group's name.
  const hidden = (chatId: string, name: string, memberCount: number) => ({
    id: chatId,
    type: "GROUP",
    name,
    thumbFileId: thumb,
    thumbUrl: expect.stringContaining("/files/"),
    memberCount,
    announcement: "",
    muted: false,
    owner: null,
    devices: null,
  });

  it("strangers, invitees and removed members see no announcement, owner or mute; members do", async () => {
    const [owner, admin, removed, stranger, invitee] = await users("owner", "admin", "removed", "stranger", "invitee");
    const chatId = await group(owner, admin, [removed]);
    thumb = (await uploaded(t.url, owner, png(4, 4), "club.png")).id;
    await owner.http.run(UpdateGroupDocument, {
      chatId,
      input: { name: "Secret club", announcement: "the door code is 1234", thumbFileId: thumb },
    });
    await owner.http.run(SetGroupMutedDocument, { chatId, muted: true });
    await owner.http.run(RemoveGroupMemberDocument, { chatId, userId: removed.id });
    await invite(admin, chatId, invitee);
    const view = hidden(chatId, "Secret club", 2);

    for (const outsider of [stranger, removed]) {
      const { requestJoinGroup } = await outsider.http.run(RequestJoinGroupViewDocument, { chatId });
      expect(requestJoinGroup.chat).toEqual(view);
      const { joinRequests } = await outsider.http.run(JoinRequestsViewDocument, { direction: "OUTGOING" });
      expect(joinRequests.map((r) => r.chat)).toEqual([view]);
      expect(await outsider.http.code(MembersDocument, { chatId })).toBe("NOT_FOUND");
      expect(await outsider.http.code(MessagesDocument, { chatId, last: 10 })).toBe("NOT_FOUND");
    }
    const incoming = await invitee.http.run(JoinRequestsViewDocument, { direction: "INCOMING" });
    expect(incoming.joinRequests.map((r) => r.chat)).toEqual([view]);

    // The managers review those requests as members: they see it all.
    const { joinRequests } = await admin.http.run(JoinRequestsViewDocument, { direction: "INCOMING" });
    expect(joinRequests.filter((r) => r.type === "GROUP")).toHaveLength(2);
    for (const r of joinRequests)
      expect(r.chat).toMatchObject({
        announcement: "the door code is 1234",
        muted: true,
        owner: { id: owner.id, username: owner.username },
      });
  });

  it("reads the viewer's membership with the chats, not once per request", async () => {
    const count = async (n: number) => {
      const [owner, admin, asker] = await users("owner", "admin", "asker");
      for (let i = 0; i < n; i++) {
        const chatId = await group(owner, admin, []);
        await asker.http.run(RequestJoinGroupDocument, { chatId });
      }
      statements = [];
      const { joinRequests } = await asker.http.run(JoinRequestsViewDocument, { direction: "OUTGOING" });
      expect(joinRequests).toHaveLength(n);
      return statements.length;
    };
    expect(await count(6)).toBe(await count(2));
  });

  it("walking group ids is rate limited per caller", async () => {
    const limited = await startTestApp({ RATE_LIMIT_JOIN_REQUEST_PER_MINUTE: "3" });
    try {
      const [owner, walker, other] = await Promise.all([limited.signUp(), limited.signUp(), limited.signUp()]);
      const chatId = await createGroup(owner, []);
      for (const id of ["900001", "900002", "900003"])
        expect(await walker.http.code(RequestJoinGroupDocument, { chatId: id })).toBe("NOT_FOUND");
      const r = await walker.http.raw(RequestJoinGroupDocument, { chatId });
      expect(r.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
      expect(r.errors?.[0]?.extensions?.retryAfterMs).toBeGreaterThan(0);
      expect(await owner.http.run(JoinRequestsDocument, { direction: "INCOMING" })).toEqual({ joinRequests: [] });
      // Per caller: someone else still can.
      const { requestJoinGroup } = await other.http.run(RequestJoinGroupDocument, { chatId });
      expect(requestJoinGroup.status).toBe("PENDING");
    } finally {
      await limited.close();
    }
  });
});
