// Abuse by members and strangers: repeated friend requests, muted members who still act, floods of
// requests, invitations and direct chats, and admins deleting what is above them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatMeDocument,
  DeleteMessageDocument,
  InviteToGroupDocument,
  JoinRequestsDocument,
  JoinRequestUpdatedDocument,
  LeaveGroupDocument,
  MarkChatReadDocument,
  MembersDocument,
  MessagesDocument,
  OpenDirectChatDocument,
  RecentChatsDocument,
  RequestFriendDocument,
  ReviewJoinRequestDocument,
  SendMessageDocument,
  SetGroupAdminDocument,
  SetGroupMutedDocument,
  SetMemberMutedDocument,
  UpdateChatSettingsDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { type GqlError, Recorder, settle, sleep } from "./helpers/client.ts";
import { befriend, type Cast, castGroup, createGroup } from "./helpers/social.ts";

const F = "FORBIDDEN";
const LIMIT = 3;

let t: TestApp; // default cooldown (24 h), generous rate limits
let tight: TestApp; // a 1 s cooldown and small rate limits
let cast: Cast;
let newcomer: TestUser;

beforeAll(async () => {
  [t, tight] = await Promise.all([
    startTestApp(),
    startTestApp({
      FRIEND_REQUEST_COOLDOWN: "1",
      RATE_LIMIT_FRIEND_REQUEST_PER_MINUTE: String(LIMIT),
      RATE_LIMIT_INVITE_PER_MINUTE: String(LIMIT),
      RATE_LIMIT_DIRECT_CHAT_PER_MINUTE: String(LIMIT),
    }),
  ]);
  const names = ["owner", "admin", "member", "muted", "removed", "target"] as const;
  cast = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await t.signUp(n)]))) as Cast;
  newcomer = await t.signUp("Newcomer");
  for (const u of [cast.admin, cast.member, cast.muted, cast.removed, cast.target]) await befriend(cast.owner, u);
}, 60_000);
afterAll(async () => {
  await Promise.all([t?.close(), tight?.close()]);
});

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
const outgoing = async (u: TestUser) =>
  ids((await u.http.run(JoinRequestsDocument, { direction: "OUTGOING" })).joinRequests);
const incoming = async (u: TestUser) =>
  ids((await u.http.run(JoinRequestsDocument, { direction: "INCOMING" })).joinRequests);

function expectRateLimited(errors: GqlError[] | undefined, maxMs: number) {
  expect(errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  const retryAfterMs = errors?.[0]?.extensions?.retryAfterMs as number;
  expect(retryAfterMs).toBeGreaterThan(0);
  expect(retryAfterMs).toBeLessThanOrEqual(maxMs);
}

describe("friend request cooldown", () => {
  for (const decision of ["REJECT", "IGNORE"] as const) {
    it(`refuses asking again right after ${decision}: RATE_LIMITED, nothing created, no event`, async () => {
      const [a, b] = await Promise.all([t.signUp("A"), t.signUp("B")]);
      const { requestFriend } = await a.http.run(RequestFriendDocument, { userId: b.id });
      await b.http.run(ReviewJoinRequestDocument, { id: requestFriend.id, decision });
      const events = new Recorder(t.ws(b), JoinRequestUpdatedDocument);
      await settle();

      const again = await a.http.raw(RequestFriendDocument, { userId: b.id, message: "please" });
      expectRateLimited(again.errors, 24 * 3600 * 1000);
      expect(await outgoing(a)).toEqual([requestFriend.id]);
      expect(await incoming(b)).toEqual([requestFriend.id]);
      await settle();
      expect(events.items).toEqual([]);
      events.stop();

      // The cooldown binds the requester only: the target may still ask.
      const back = await b.http.run(RequestFriendDocument, { userId: a.id });
      expect(back.requestFriend.status).toBe("PENDING");
    });
  }

  it("lets the requester ask again once the cooldown has passed", async () => {
    const [a, b] = await Promise.all([tight.signUp("A"), tight.signUp("B")]);
    const first = (await a.http.run(RequestFriendDocument, { userId: b.id })).requestFriend;
    await b.http.run(ReviewJoinRequestDocument, { id: first.id, decision: "REJECT" });
    await sleep(1100);
    const second = (await a.http.run(RequestFriendDocument, { userId: b.id })).requestFriend;
    expect(second).toMatchObject({ status: "PENDING" });
    expect(second.id).not.toBe(first.id);
    const pending = await b.http.run(JoinRequestsDocument, { direction: "INCOMING", status: "PENDING" });
    expect(ids(pending.joinRequests)).toEqual([second.id]);
  });
});

describe("a member who may not speak", () => {
  /** A group whose muted member had set a nickname before being muted. */
  async function mutedWithNickname(): Promise<string> {
    const chatId = await castGroup(cast);
    await cast.owner.http.run(SetMemberMutedDocument, { chatId, userId: cast.muted.id, muted: false });
    await cast.muted.http.run(UpdateChatSettingsDocument, { chatId, input: { nickname: "Before" } });
    await cast.owner.http.run(SetMemberMutedDocument, { chatId, userId: cast.muted.id, muted: true });
    return chatId;
  }

  const nicknameOf = async (chatId: string, u: TestUser) =>
    (await cast.owner.http.run(MembersDocument, { chatId })).members.find((m) => m.user.id === u.id)?.nickname;
  const invitationsFor = async (chatId: string) =>
    (await newcomer.http.run(JoinRequestsDocument, { direction: "INCOMING" })).joinRequests.filter(
      (r) => r.type === "INVITE" && r.chat?.id === chatId,
    );

  it("a muted member cannot invite or rename their nickname, and still reads and marks read", async () => {
    const chatId = await mutedWithNickname();
    await cast.owner.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "news" } });

    expect(await cast.muted.http.code(InviteToGroupDocument, { chatId, userIds: [newcomer.id] })).toBe(F);
    expect(await invitationsFor(chatId)).toEqual([]);
    for (const nickname of ["After", ""]) {
      const code = await cast.muted.http.code(UpdateChatSettingsDocument, { chatId, input: { nickname } });
      expect(code).toBe(F);
    }
    expect(await nicknameOf(chatId, cast.muted)).toBe("Before");

    // Private settings, and the nickname left as it is, are still theirs.
    const own = await cast.muted.http.run(UpdateChatSettingsDocument, {
      chatId,
      input: { pinned: true, nickname: "Before" },
    });
    expect(own.updateChatSettings.pinned).toBe(true);
    const { messages } = await cast.muted.http.run(MessagesDocument, { chatId, last: 1 });
    expect(messages.edges[0]?.node.text).toBe("news");
    const read = await cast.muted.http.run(MarkChatReadDocument, { chatId });
    expect(read.markChatRead.unreadCount).toBe(0);
  });

  it("in a muted group a plain member cannot invite or rename; the owner and admins can", async () => {
    const chatId = await castGroup(cast);
    await cast.owner.http.run(SetGroupMutedDocument, { chatId, muted: true });

    expect(await cast.member.http.code(InviteToGroupDocument, { chatId, userIds: [newcomer.id] })).toBe(F);
    expect(await invitationsFor(chatId)).toEqual([]);
    expect(await cast.member.http.code(UpdateChatSettingsDocument, { chatId, input: { nickname: "Loud" } })).toBe(F);
    expect(await nicknameOf(chatId, cast.member)).toBeNull();
    const read = await cast.member.http.run(MarkChatReadDocument, { chatId });
    expect(read.markChatRead.unreadCount).toBe(0);

    for (const [u, nickname] of [
      [cast.owner, "Boss"],
      [cast.admin, "Deputy"],
    ] as const) {
      await u.http.run(UpdateChatSettingsDocument, { chatId, input: { nickname } });
      expect(await nicknameOf(chatId, u)).toBe(nickname);
    }
    await cast.admin.http.run(InviteToGroupDocument, { chatId, userIds: [newcomer.id] });
    expect(await invitationsFor(chatId)).toHaveLength(1);
    expect((await cast.member.http.run(ChatMeDocument, { id: chatId })).chat?.canSend).toBe(false);
  });
});

describe("rate limits per requester", () => {
  /** A requester, LIMIT users it may reach, and one more it may not. */
  async function crowd() {
    const [requester, ...others] = await Promise.all(
      Array.from({ length: LIMIT + 2 }, (_, i) => tight.signUp(`U${i}`)),
    );
    return { requester: requester as TestUser, allowed: others.slice(0, LIMIT), last: others[LIMIT] as TestUser };
  }

  it("limits friend requests", async () => {
    const { requester: a, allowed, last } = await crowd();
    for (const u of allowed) await a.http.run(RequestFriendDocument, { userId: u.id });
    expectRateLimited((await a.http.raw(RequestFriendDocument, { userId: last.id })).errors, 60_000);
    expect(await outgoing(a)).toHaveLength(LIMIT);
    expect(await incoming(last)).toEqual([]);
    // Per requester: the others still ask.
    expect((await last.http.run(RequestFriendDocument, { userId: a.id })).requestFriend.status).toBe("PENDING");
  });

  it("limits invitations, one per call", async () => {
    const { requester: owner, allowed, last } = await crowd();
    const group = await createGroup(owner, []);
    for (const u of allowed) await owner.http.run(InviteToGroupDocument, { chatId: group, userIds: [u.id] });
    expectRateLimited(
      (await owner.http.raw(InviteToGroupDocument, { chatId: group, userIds: [last.id] })).errors,
      60_000,
    );
    expect(await incoming(last)).toEqual([]);
  });

  it("limits opening direct chats", async () => {
    const { requester: a, allowed, last } = await crowd();
    for (const u of allowed) await a.http.run(OpenDirectChatDocument, { userId: u.id });
    expectRateLimited((await a.http.raw(OpenDirectChatDocument, { userId: last.id })).errors, 60_000);
    const peers = async (u: TestUser) =>
      (await u.http.run(RecentChatsDocument, { first: 50 })).recentChats.edges.map((e) => e.node.peer?.id);
    // The opener's list shows the chats opened within the limit (the other side's, with a first message).
    expect(await peers(a)).toContain((allowed[0] as TestUser).id);
    expect(await peers(a)).not.toContain(last.id);
  });
});

describe("deleting others' messages", () => {
  /** Sends one message as `u` and returns its id. */
  const say = async (u: TestUser, chatId: string, text: string) =>
    (await u.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } })).sendMessage.id;
  const shown = async (chatId: string) =>
    (await cast.owner.http.run(MessagesDocument, { chatId, first: 50 })).messages.edges.map((e) => ({
      id: e.node.id,
      text: e.node.text,
      deleted: e.node.deleted,
    }));

  it("an admin cannot delete the owner's or another admin's message; the owner can, and admins a member's", async () => {
    const chatId = await castGroup(cast);
    await cast.owner.http.run(SetGroupAdminDocument, { chatId, userId: cast.target.id, admin: true });
    const byOwner = await say(cast.owner, chatId, "from the owner");
    const byAdmin = await say(cast.target, chatId, "from another admin");
    const byMember = await say(cast.member, chatId, "from a member");

    expect(await cast.admin.http.code(DeleteMessageDocument, { id: byOwner })).toBe(F);
    expect(await cast.admin.http.code(DeleteMessageDocument, { id: byAdmin })).toBe(F);
    expect(await cast.member.http.code(DeleteMessageDocument, { id: byOwner })).toBe(F);
    expect(await shown(chatId)).toEqual([
      { id: byOwner, text: "from the owner", deleted: false },
      { id: byAdmin, text: "from another admin", deleted: false },
      { id: byMember, text: "from a member", deleted: false },
    ]);

    expect((await cast.owner.http.run(DeleteMessageDocument, { id: byAdmin })).deleteMessage.deleted).toBe(true);
    expect((await cast.admin.http.run(DeleteMessageDocument, { id: byMember })).deleteMessage.deleted).toBe(true);
    expect(await shown(chatId)).toEqual([
      { id: byOwner, text: "from the owner", deleted: false },
      { id: byAdmin, text: "", deleted: true },
      { id: byMember, text: "", deleted: true },
    ]);
  });

  it("a message of a sender who left counts as a plain member's", async () => {
    const chatId = await castGroup(cast);
    const byLeaver = await say(cast.target, chatId, "bye");
    await cast.target.http.run(LeaveGroupDocument, { chatId });
    expect((await cast.admin.http.run(DeleteMessageDocument, { id: byLeaver })).deleteMessage.deleted).toBe(true);
  });

  it("in a direct chat only the sender deletes", async () => {
    const [a, b] = await Promise.all([t.signUp("A"), t.signUp("B")]);
    const chatId = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
    const id = await say(a, chatId, "mine");
    expect(await b.http.code(DeleteMessageDocument, { id })).toBe(F);
    const { messages } = await a.http.run(MessagesDocument, { chatId, last: 1 });
    expect(messages.edges[0]?.node).toMatchObject({ id, text: "mine", deleted: false });
    expect((await a.http.run(DeleteMessageDocument, { id })).deleteMessage.deleted).toBe(true);
  });
});
