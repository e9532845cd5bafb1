// Join requests: every transition, valid and invalid, and who hears of it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatMeDocument,
  FriendsDocument,
  InviteToGroupDocument,
  JoinRequestsDocument,
  JoinRequestUpdatedDocument,
  MessageAddedDocument,
  RecentChatsDocument,
  RequestFriendDocument,
  RequestJoinGroupDocument,
  ReviewJoinRequestDocument,
  SendMessageDocument,
  SetGroupAdminDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle } from "./helpers/client.ts";
import { befriend, createGroup } from "./helpers/social.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

/** Live joinRequestUpdated subscriptions for several users. */
async function listen(users: TestUser[]) {
  const subs = users.map((u) => new Recorder(t.ws(u), JoinRequestUpdatedDocument));
  await settle();
  return {
    counts: async (n: number[]) => {
      await Promise.all(subs.map((s, i) => (n[i] ? s.waitFor(n[i] as number) : undefined)));
      await settle();
      return subs.map((s) => s.items.length);
    },
    stop: () => {
      for (const s of subs) s.stop();
    },
  };
}

describe("FRIEND", () => {
  it("goes PENDING -> APPROVED once, makes two friend rows, and tells only the two users", async () => {
    const [a, b, c] = await Promise.all([t.signUp("A"), t.signUp("B"), t.signUp("C")]);
    const events = await listen([a, b, c]);
    const { requestFriend } = await a.http.run(RequestFriendDocument, { userId: b.id, message: "hi" });
    expect(requestFriend).toMatchObject({
      type: "FRIEND",
      status: "PENDING",
      targetUser: { id: b.id },
      reviewedAt: null,
    });
    const again = await a.http.run(RequestFriendDocument, { userId: b.id });
    expect(again.requestFriend.id).toBe(requestFriend.id);

    expect(await c.http.code(ReviewJoinRequestDocument, { id: requestFriend.id, decision: "APPROVE" })).toBe(
      "NOT_FOUND",
    );
    expect(await a.http.code(ReviewJoinRequestDocument, { id: requestFriend.id, decision: "APPROVE" })).toBe(
      "FORBIDDEN",
    );
    const { reviewJoinRequest } = await b.http.run(ReviewJoinRequestDocument, {
      id: requestFriend.id,
      decision: "APPROVE",
    });
    expect(reviewJoinRequest.status).toBe("APPROVED");
    expect(reviewJoinRequest.reviewedAt).not.toBeNull();
    expect(await b.http.code(ReviewJoinRequestDocument, { id: requestFriend.id, decision: "REJECT" })).toBe("CONFLICT");

    expect((await a.http.run(FriendsDocument)).friends.map((f) => f.user.id)).toEqual([b.id]);
    expect((await b.http.run(FriendsDocument)).friends.map((f) => f.user.id)).toEqual([a.id]);
    expect(await events.counts([2, 2, 0])).toEqual([2, 2, 0]);
    events.stop();
    expect(await a.http.code(RequestFriendDocument, { userId: b.id })).toBe("CONFLICT");
    expect(await a.http.code(RequestFriendDocument, { userId: a.id })).toBe("BAD_USER_INPUT");
    expect(await a.http.code(RequestFriendDocument, { userId: "999999" })).toBe("NOT_FOUND");
  });

  for (const [decision, status] of [
    ["REJECT", "REJECTED"],
    ["IGNORE", "IGNORED"],
  ] as const) {
    it(`goes PENDING -> ${status} and makes no friends`, async () => {
      const [a, b] = await Promise.all([t.signUp("A"), t.signUp("B")]);
      const { requestFriend } = await a.http.run(RequestFriendDocument, { userId: b.id });
      const { reviewJoinRequest } = await b.http.run(ReviewJoinRequestDocument, { id: requestFriend.id, decision });
      expect(reviewJoinRequest.status).toBe(status);
      expect(await b.http.code(ReviewJoinRequestDocument, { id: requestFriend.id, decision: "APPROVE" })).toBe(
        "CONFLICT",
      );
      expect((await a.http.run(FriendsDocument)).friends).toEqual([]);
      const out = await a.http.run(JoinRequestsDocument, { direction: "OUTGOING", status });
      expect(out.joinRequests.map((r) => r.id)).toEqual([requestFriend.id]);
      const pending = await b.http.run(JoinRequestsDocument, { direction: "INCOMING", status: "PENDING" });
      expect(pending.joinRequests).toEqual([]);
    });
  }
});

describe("GROUP", () => {
  it("is reviewed by the owner or an admin, adds the member, and tells requester and reviewers only", async () => {
    const [owner, admin, member, x] = (await Promise.all(["O", "A", "M", "X"].map((n) => t.signUp(n)))) as [
      TestUser,
      TestUser,
      TestUser,
      TestUser,
    ];
    await befriend(owner, admin);
    await befriend(owner, member);
    const chatId = await createGroup(owner, [admin, member]);
    await owner.http.run(SetGroupAdminDocument, { chatId, userId: admin.id, admin: true });
    const events = await listen([x, owner, admin, member]);

    const { requestJoinGroup } = await x.http.run(RequestJoinGroupDocument, { chatId, message: "let me in" });
    expect(requestJoinGroup).toMatchObject({
      type: "GROUP",
      status: "PENDING",
      chat: { id: chatId },
      requester: { id: x.id },
    });
    const incoming = await admin.http.run(JoinRequestsDocument, { direction: "INCOMING" });
    expect(incoming.joinRequests.map((r) => r.id)).toContain(requestJoinGroup.id);
    expect(
      (await member.http.run(JoinRequestsDocument, { direction: "INCOMING", status: "PENDING" })).joinRequests,
    ).toEqual([]);

    expect(await member.http.code(ReviewJoinRequestDocument, { id: requestJoinGroup.id, decision: "APPROVE" })).toBe(
      "NOT_FOUND",
    );
    expect(await x.http.code(ReviewJoinRequestDocument, { id: requestJoinGroup.id, decision: "APPROVE" })).toBe(
      "FORBIDDEN",
    );
    const live = new Recorder(t.ws(x), MessageAddedDocument, {}); // opened before x is a member
    await settle();
    await admin.http.run(ReviewJoinRequestDocument, { id: requestJoinGroup.id, decision: "APPROVE" });
    await settle();
    await owner.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "welcome" } });
    expect((await live.waitFor(1))[0]?.messageAdded).toMatchObject({ chatId, text: "welcome" });
    live.stop();

    const { chat } = await x.http.run(ChatMeDocument, { id: chatId });
    expect(chat?.chat.memberCount).toBe(4);
    const { recentChats } = await x.http.run(RecentChatsDocument, {});
    expect(recentChats.edges.map((e) => e.node.chat.id)).toContain(chatId);
    expect(await events.counts([2, 2, 2, 0])).toEqual([2, 2, 2, 0]);
    events.stop();
    expect(await x.http.code(RequestJoinGroupDocument, { chatId })).toBe("CONFLICT");
  });
});

describe("INVITE", () => {
  it("is reviewed by the invitee only", async () => {
    const [owner, member, y, z] = (await Promise.all(["O", "M", "Y", "Z"].map((n) => t.signUp(n)))) as [
      TestUser,
      TestUser,
      TestUser,
      TestUser,
    ];
    await befriend(owner, member);
    const chatId = await createGroup(owner, [member]);
    const events = await listen([member, y, owner]);
    const { inviteToGroup } = await member.http.run(InviteToGroupDocument, { chatId, userIds: [y.id] });
    const inv = inviteToGroup[0];
    expect(inv).toMatchObject({ type: "INVITE", status: "PENDING", targetUser: { id: y.id }, chat: { id: chatId } });
    expect(await z.http.code(InviteToGroupDocument, { chatId, userIds: [y.id] })).toBe("NOT_FOUND");
    const id = inv?.id ?? "";
    expect(await owner.http.code(ReviewJoinRequestDocument, { id, decision: "APPROVE" })).toBe("NOT_FOUND");
    expect(await member.http.code(ReviewJoinRequestDocument, { id, decision: "APPROVE" })).toBe("FORBIDDEN");
    await y.http.run(ReviewJoinRequestDocument, { id: inv?.id as string, decision: "APPROVE" });
    expect((await y.http.run(ChatMeDocument, { id: chatId })).chat?.chat.id).toBe(chatId);
    expect(await events.counts([2, 2, 0])).toEqual([2, 2, 0]);
    events.stop();
    // Every named user is a member: nothing to invite, an empty answer.
    expect((await member.http.run(InviteToGroupDocument, { chatId, userIds: [y.id] })).inviteToGroup).toEqual([]);
    expect(await member.http.code(InviteToGroupDocument, { chatId, userIds: [] })).toBe("BAD_USER_INPUT");
  });

  it("skips members and invites the others: the answer lists the new and the pending invitations", async () => {
    const [owner, member, newcomer, invited] = (await Promise.all(["O", "M", "N", "I"].map((n) => t.signUp(n)))) as [
      TestUser,
      TestUser,
      TestUser,
      TestUser,
    ];
    await befriend(owner, member);
    const chatId = await createGroup(owner, [member]);
    const { inviteToGroup: first } = await owner.http.run(InviteToGroupDocument, { chatId, userIds: [invited.id] });
    const pending = first[0]?.id;
    const events = await listen([member, newcomer, invited]);
    const { inviteToGroup } = await owner.http.run(InviteToGroupDocument, {
      chatId,
      userIds: [member.id, newcomer.id, invited.id],
    });
    expect(inviteToGroup.map((r) => [r.type, r.status, r.targetUser?.id])).toEqual([
      ["INVITE", "PENDING", newcomer.id],
      ["INVITE", "PENDING", invited.id],
    ]);
    expect(inviteToGroup[1]?.id).toBe(pending);
    // The newcomer hears of their new invitation; the member and the already invited user hear nothing.
    expect(await events.counts([0, 1, 0])).toEqual([0, 1, 0]);
    events.stop();
    const incoming = async (u: TestUser) =>
      (await u.http.run(JoinRequestsDocument, { direction: "INCOMING", status: "PENDING" })).joinRequests.map(
        (r) => r.id,
      );
    expect(await incoming(member)).toEqual([]);
    expect(await incoming(newcomer)).toEqual([inviteToGroup[0]?.id]);
  });
});
