// Blocking: each thing a blocked user may no longer do to the blocker is FORBIDDEN ("not allowed")
// and changes nothing; blocking ends friendship and follows; the direct chat and groups stay;
// unblocking lets them talk again, friendship asked anew.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BlockedUsersDocument,
  BlockUserDocument,
  FollowDocument,
  FollowersDocument,
  FollowingDocument,
  FriendsDocument,
  InviteToGroupDocument,
  JoinRequestsDocument,
  MessagesDocument,
  OpenDirectChatDocument,
  RecentChatsDocument,
  RequestFriendDocument,
  SendMessageDocument,
  UnblockUserDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import type { GqlError } from "./helpers/client.ts";
import { befriend, createGroup } from "./helpers/social.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const send = (u: TestUser, chatId: string, text: string) =>
  u.http.raw(SendMessageDocument, { input: { chatId, type: "TEXT", text } });

/** The one error of a refused call: FORBIDDEN, and a message that tells nothing of a block. */
function expectNotAllowed(r: { errors?: GqlError[] }) {
  expect(r.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([["FORBIDDEN", "not allowed"]]);
}

const lastSeq = async (u: TestUser, chatId: string) =>
  (await u.http.run(MessagesDocument, { chatId, last: 1 })).messages.edges[0]?.node.seq ?? 0;

/** Friends with a direct chat and a message; then the blocker blocks the other. */
async function blockedPair() {
  const [blocker, blocked] = await Promise.all([t.signUp("Blocker"), t.signUp("Blocked")]);
  await befriend(blocked, blocker);
  await blocked.http.run(FollowDocument, { userId: blocker.id }).catch(() => null); // friends: CONFLICT
  const chat = (await blocked.http.run(OpenDirectChatDocument, { userId: blocker.id })).openDirectChat.chat.id;
  await send(blocked, chat, "hello before");
  expect(await blocker.http.run(BlockUserDocument, { userId: blocked.id })).toEqual({ blockUser: true });
  return { blocker, blocked, chat };
}

describe("what a blocked user may not do to the blocker", () => {
  it("open the direct chat, or send in it (alone or among concurrent sends)", async () => {
    const { blocker, blocked, chat } = await blockedPair();
    expectNotAllowed(await blocked.http.raw(OpenDirectChatDocument, { userId: blocker.id }));
    expectNotAllowed(await send(blocked, chat, "are you there?"));
    // Several at once go through the batched statement (group commit): the same guard.
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => send(blocked, chat, `again ${i}`)));
    for (const r of many) expectNotAllowed(r);
    expect(await lastSeq(blocker, chat)).toBe(1);
    // The chat and its history stay, for both.
    expect((await blocked.http.run(MessagesDocument, { chatId: chat })).messages.edges.map((e) => e.node.text)).toEqual(
      ["hello before"],
    );
    expect((await blocker.http.run(RecentChatsDocument, {})).recentChats.edges.map((e) => e.node.chat.id)).toContain(
      chat,
    );
  });

  it("ask for friendship, invite to a group, or follow", async () => {
    const { blocker, blocked } = await blockedPair();
    expectNotAllowed(await blocked.http.raw(RequestFriendDocument, { userId: blocker.id }));
    const other = await t.signUp();
    await befriend(blocked, other);
    const group = await createGroup(blocked, [other]);
    expectNotAllowed(await blocked.http.raw(InviteToGroupDocument, { chatId: group, userIds: [blocker.id] }));
    expectNotAllowed(await blocked.http.raw(InviteToGroupDocument, { chatId: group, userIds: [other.id, blocker.id] }));
    expectNotAllowed(await blocked.http.raw(FollowDocument, { userId: blocker.id }));
    // Nothing reached the blocker (the friendship asked for before the block was approved then).
    const pending = { status: "PENDING" } as const;
    expect((await blocker.http.run(JoinRequestsDocument, { direction: "INCOMING", ...pending })).joinRequests).toEqual(
      [],
    );
    expect((await blocked.http.run(JoinRequestsDocument, { direction: "OUTGOING", ...pending })).joinRequests).toEqual(
      [],
    );
    expect((await blocker.http.run(FollowersDocument)).followers).toEqual([]);
  });
});

describe("what blocking changes", () => {
  it("ends friendship and follows both ways, and voids what the blocked user had pending", async () => {
    const [a, b, c] = await Promise.all([t.signUp(), t.signUp(), t.signUp()]);
    await befriend(a, b);
    await a.http.run(FollowDocument, { userId: c.id });
    await c.http.run(FollowDocument, { userId: a.id });
    await c.http.run(RequestFriendDocument, { userId: a.id });
    await a.http.run(BlockUserDocument, { userId: b.id });
    await a.http.run(BlockUserDocument, { userId: c.id });
    for (const u of [a, b, c]) {
      expect((await u.http.run(FriendsDocument)).friends).toEqual([]);
      expect((await u.http.run(FollowersDocument)).followers).toEqual([]);
      expect((await u.http.run(FollowingDocument)).following).toEqual([]);
    }
    expect((await a.http.run(JoinRequestsDocument, { direction: "INCOMING" })).joinRequests).toEqual([]);
    expect((await a.http.run(BlockedUsersDocument)).blockedUsers).toEqual([{ id: b.id }, { id: c.id }]);
    expect((await b.http.run(BlockedUsersDocument)).blockedUsers).toEqual([]);
  });

  it("leaves groups alone: both stay members and speak there", async () => {
    const [owner, a, b] = await Promise.all([t.signUp(), t.signUp(), t.signUp()]);
    await befriend(owner, a);
    await befriend(owner, b);
    const group = await createGroup(owner, [a, b]);
    await a.http.run(BlockUserDocument, { userId: b.id });
    expect((await send(b, group, "still here")).errors).toBeUndefined();
    expect((await send(a, group, "me too")).errors).toBeUndefined();
    expect(await lastSeq(a, group)).toBe(2);
  });

  it("unblocking lets them talk again; friendship is asked for anew", async () => {
    const { blocker, blocked, chat } = await blockedPair();
    expect(await blocker.http.run(UnblockUserDocument, { userId: blocked.id })).toEqual({ unblockUser: true });
    expect(await blocker.http.run(UnblockUserDocument, { userId: blocked.id })).toEqual({ unblockUser: false });
    expect((await blocker.http.run(BlockedUsersDocument)).blockedUsers).toEqual([]);
    expect((await send(blocked, chat, "hi again")).errors).toBeUndefined();
    await blocked.http.run(OpenDirectChatDocument, { userId: blocker.id });
    expect((await blocked.http.run(FriendsDocument)).friends).toEqual([]);
    await befriend(blocked, blocker);
    expect((await blocker.http.run(FriendsDocument)).friends.map((f) => f.user.id)).toEqual([blocked.id]);
  });

  it("refuses to block oneself or nobody; blocking twice is harmless", async () => {
    const [a, b] = await Promise.all([t.signUp(), t.signUp()]);
    expect(await a.http.code(BlockUserDocument, { userId: a.id })).toBe("BAD_USER_INPUT");
    expect(await a.http.code(BlockUserDocument, { userId: "2147483647" })).toBe("NOT_FOUND");
    expect(await a.http.code(BlockUserDocument, { userId: "x" })).toBe("BAD_USER_INPUT");
    await a.http.run(BlockUserDocument, { userId: b.id });
    await a.http.run(BlockUserDocument, { userId: b.id });
    expect((await a.http.run(BlockedUsersDocument)).blockedUsers).toEqual([{ id: b.id }]);
    // The blocker may still reach the blocked user: the block binds the blocked one only.
    expect((await a.http.raw(OpenDirectChatDocument, { userId: b.id })).errors).toBeUndefined();
  });
});
