// Friends, followers, remarks, contacts, and the caller's own chat settings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatListHiddenDocument,
  ContactsDocument,
  FollowDocument,
  FollowersDocument,
  FollowingDocument,
  FriendsDocument,
  HideChatDocument,
  OpenDirectChatDocument,
  RecentChatsDocument,
  RemoveFriendDocument,
  SendMessageDocument,
  SetFriendRemarkDocument,
  UnfollowDocument,
  UpdateChatSettingsDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle } from "./helpers/client.ts";
import { befriend, createGroup } from "./helpers/social.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

describe("friends and followers", () => {
  it("follows one way, and refuses to follow a friend", async () => {
    const [a, b] = await Promise.all([t.signUp("A"), t.signUp("B")]);
    const { follow } = await a.http.run(FollowDocument, { userId: b.id });
    // Seen from the caller: a follows b (FOLLOWING); b is followed by a (FOLLOWER). v2.
    expect(follow).toEqual({ user: { id: b.id }, type: "FOLLOWING" });
    expect((await b.http.run(FollowersDocument)).followers).toEqual([{ user: { id: a.id }, type: "FOLLOWER" }]);
    expect((await a.http.run(FollowersDocument)).followers).toEqual([]);
    expect((await a.http.run(FollowingDocument)).following).toEqual([
      { id: `${a.id}:${b.id}`, user: { id: b.id }, type: "FOLLOWING" },
    ]);
    expect((await b.http.run(FollowingDocument)).following).toEqual([]);
    expect(await a.http.run(UnfollowDocument, { userId: b.id })).toEqual({ unfollow: true });
    expect((await b.http.run(FollowersDocument)).followers).toEqual([]);
    await befriend(a, b);
    expect(await a.http.code(FollowDocument, { userId: b.id })).toBe("CONFLICT");
    expect(await a.http.code(FollowDocument, { userId: a.id })).toBe("BAD_USER_INPUT");
  });

  it("shows the friend remark as the direct chat's title, privately", async () => {
    const [a, b] = await Promise.all([t.signUp("Alice"), t.signUp("Bob")]);
    await befriend(a, b);
    const { openDirectChat } = await a.http.run(OpenDirectChatDocument, { userId: b.id });
    expect(openDirectChat.title).toBe("Bob");
    const { setFriendRemark } = await a.http.run(SetFriendRemarkDocument, { userId: b.id, remark: "Bobby" });
    expect(setFriendRemark).toEqual({ user: { id: b.id }, remark: "Bobby", type: "FRIEND" });
    const list = await a.http.run(RecentChatsDocument, {});
    expect(list.recentChats.edges.find((e) => e.node.chat.id === openDirectChat.chat.id)?.node.title).toBe("Bobby");
    const theirs = await b.http.run(FriendsDocument);
    expect(theirs.friends).toEqual([expect.objectContaining({ user: { id: a.id, nickname: "Alice" }, remark: null })]);
  });

  it("removes a friendship in both directions", async () => {
    const [a, b] = await Promise.all([t.signUp("A"), t.signUp("B")]);
    await befriend(a, b);
    expect(await b.http.run(RemoveFriendDocument, { userId: a.id })).toEqual({ removeFriend: true });
    expect((await a.http.run(FriendsDocument)).friends).toEqual([]);
    expect((await b.http.run(FriendsDocument)).friends).toEqual([]);
    expect(await a.http.code(SetFriendRemarkDocument, { userId: b.id, remark: "x" })).toBe("NOT_FOUND");
  });

  it("lists friends and the groups marked for contacts", async () => {
    const [a, b] = await Promise.all([t.signUp("A"), t.signUp("B")]);
    await befriend(a, b);
    const shown = await createGroup(a, [b], "Shown");
    await createGroup(a, [b], "Not shown");
    await a.http.run(UpdateChatSettingsDocument, { chatId: shown, input: { showInContacts: true } });
    const { contacts } = await a.http.run(ContactsDocument);
    expect(contacts.friends.map((f) => f.user.id)).toEqual([b.id]);
    expect(contacts.groups.map((g) => g.chat.name)).toEqual(["Shown"]);
  });
});

describe("chat settings", () => {
  it("sorts pinned chats first, then by activity; hides a chat until its next message", async () => {
    const [me, p1, p2, p3] = (await Promise.all(["Me", "P1", "P2", "P3"].map((n) => t.signUp(n)))) as [
      TestUser,
      TestUser,
      TestUser,
      TestUser,
    ];
    const chats: string[] = [];
    for (const p of [p1, p2, p3]) {
      const { openDirectChat } = await p.http.run(OpenDirectChatDocument, { userId: me.id });
      chats.push(openDirectChat.chat.id);
      await p.http.run(SendMessageDocument, { input: { chatId: openDirectChat.chat.id, type: "TEXT", text: "hi" } });
    }
    const order = async () => (await me.http.run(RecentChatsDocument, {})).recentChats.edges.map((e) => e.node.chat.id);
    const [c1, c2, c3] = chats as [string, string, string];
    expect((await order()).slice(0, 3)).toEqual([c3, c2, c1]);
    await me.http.run(UpdateChatSettingsDocument, { chatId: c1, input: { pinned: true } });
    expect((await order()).slice(0, 3)).toEqual([c1, c3, c2]);

    const otherDevice = new Recorder(t.ws(me), ChatListHiddenDocument);
    await settle();
    await me.http.run(HideChatDocument, { chatId: c2 });
    expect((await otherDevice.waitFor(1))[0]?.chatListUpdated).toEqual({ chat: { id: c2 }, hidden: true });
    otherDevice.stop();
    expect(await order()).not.toContain(c2);
    await p2.http.run(SendMessageDocument, { input: { chatId: c2, type: "TEXT", text: "back" } });
    expect((await order()).slice(0, 2)).toEqual([c1, c2]);
  });

  it("pages the recent list with cursors, without gaps or repeats", async () => {
    const me = await t.signUp("Me");
    for (let i = 0; i < 7; i++) {
      const p = await t.signUp(`P${i}`);
      await me.http.run(OpenDirectChatDocument, { userId: p.id });
    }
    const all = (await me.http.run(RecentChatsDocument, { first: 100 })).recentChats.edges.map((e) => e.node.chat.id);
    const paged: string[] = [];
    let after: string | null | undefined;
    do {
      const { recentChats } = await me.http.run(RecentChatsDocument, { first: 3, after });
      paged.push(...recentChats.edges.map((e) => e.node.chat.id));
      after = recentChats.pageInfo.hasNextPage ? recentChats.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(all);
    expect(all).toHaveLength(8);
    expect(await me.http.code(RecentChatsDocument, { after: "garbage" })).toBe("BAD_USER_INPUT");
    expect(await me.http.code(RecentChatsDocument, { first: 0 })).toBe("BAD_USER_INPUT");
  });

  it("keeps remark and flags, and rejects a nickname outside groups", async () => {
    const [a, b] = await Promise.all([t.signUp("A"), t.signUp("B")]);
    const { openDirectChat } = await a.http.run(OpenDirectChatDocument, { userId: b.id });
    const chatId = openDirectChat.chat.id;
    const { updateChatSettings } = await a.http.run(UpdateChatSettingsDocument, {
      chatId,
      input: { remark: "Work", folded: true, doNotDisturb: true },
    });
    expect(updateChatSettings).toMatchObject({
      title: "Work",
      remark: "Work",
      folded: true,
      doNotDisturb: true,
      pinned: false,
    });
    expect(await a.http.code(UpdateChatSettingsDocument, { chatId, input: { nickname: "x" } })).toBe("BAD_USER_INPUT");
  });
});
