// What a chat screen relies on: direct chats that appear with their first message, roles, read
// positions by seq, stable ids for normalized caches, sessions (refresh, change password).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatListUpdatedDocument,
  MeDocument,
  MessageAddedDocument,
  OpenDirectChatDocument,
  RecentChatsDocument,
  SendMessageDocument,
  SetGroupAdminDocument,
  SignInDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle, signedInSocket } from "./helpers/client.ts";
import { befriend, createGroup } from "./helpers/social.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const listed = async (u: TestUser) =>
  (await u.http.run(RecentChatsDocument, { first: 100 })).recentChats.edges.map((e) => e.node.chat.id);
const send = (u: TestUser, chatId: string, text: string) =>
  u.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } });

describe("a direct chat", () => {
  it("appears in the other user's list with its first message, not when it is opened", async () => {
    const [a, b] = await Promise.all([t.signUp("A"), t.signUp("B")]);
    const bSocket = t.ws(b);
    const bList = new Recorder(bSocket, ChatListUpdatedDocument);
    const bMessages = new Recorder(bSocket, MessageAddedDocument, {});
    await settle();
    const chatId = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
    expect(await listed(a)).toContain(chatId);
    await settle();
    expect(await listed(b)).not.toContain(chatId);
    expect(bList.items).toEqual([]);
    await send(a, chatId, "hello");
    expect((await bMessages.waitFor(1))[0]?.messageAdded.text).toBe("hello");
    expect((await bList.waitFor(1))[0]?.chatListUpdated).toMatchObject({ chat: { id: chatId }, unreadCount: 1 });
    expect(await listed(b)).toContain(chatId);
  });

  it("shows in the list of whoever opens it", async () => {
    const [a, b] = await Promise.all([t.signUp("A"), t.signUp("B")]);
    const chatId = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
    expect((await b.http.run(OpenDirectChatDocument, { userId: a.id })).openDirectChat.chat.id).toBe(chatId);
    expect(await listed(b)).toContain(chatId);
  });
});

describe("roles", () => {
  it("tells OWNER, ADMIN and MEMBER in groups; null on a direct chat's item, MEMBER for its members", async () => {
    const [owner, admin, member] = await Promise.all([t.signUp("O"), t.signUp("A"), t.signUp("M")]);
    await befriend(owner, admin);
    await befriend(owner, member);
    const groupId = await createGroup(owner, [admin, member]);
    await owner.http.run(SetGroupAdminDocument, { chatId: groupId, userId: admin.id, admin: true });
    const q = `query($id: ID!) { chat(id: $id) { id role } members(chatId: $id) { id role user { id } } }`;
    type Shape = {
      chat: { id: string; role: string | null };
      members: { id: string; role: string; user: { id: string } }[];
    };
    const seen = async (u: TestUser, id: string) => (await u.http.raw<Shape, { id: string }>(q, { id })).data;
    for (const [u, role] of [
      [owner, "OWNER"],
      [admin, "ADMIN"],
      [member, "MEMBER"],
    ] as const)
      expect((await seen(u, groupId))?.chat).toEqual({ id: groupId, role });
    const members = (await seen(member, groupId))?.members ?? [];
    expect(Object.fromEntries(members.map((m) => [m.user.id, m.role]))).toEqual({
      [owner.id]: "OWNER",
      [admin.id]: "ADMIN",
      [member.id]: "MEMBER",
    });
    expect(members.map((m) => m.id).sort()).toEqual([owner, admin, member].map((u) => `${groupId}:${u.id}`).sort());
    const direct = (await owner.http.run(OpenDirectChatDocument, { userId: admin.id })).openDirectChat.chat.id;
    const d = await seen(owner, direct);
    expect(d?.chat.role).toBeNull();
    expect(d?.members.map((m) => m.role)).toEqual(["MEMBER", "MEMBER"]);
  });
});

describe("read position by seq", () => {
  const mark = `mutation($chatId: ID!, $upTo: ID, $upToSeq: Int) {
    markChatRead(chatId: $chatId, upTo: $upTo, upToSeq: $upToSeq) { id readSeq unreadCount } }`;
  type Marked = { markChatRead: { id: string; readSeq: number; unreadCount: number } };
  type Vars = { chatId: string; upTo?: string; upToSeq?: number };

  it("moves readSeq forward to upToSeq, never back, and refuses a seq past the last or both arguments", async () => {
    const [a, b] = await Promise.all([t.signUp("A"), t.signUp("B")]);
    const chatId = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
    const sent = [];
    for (const text of ["1", "2", "3", "4"]) sent.push((await send(a, chatId, text)).sendMessage);
    const at = async (v: Vars) => (await b.http.raw<Marked, Vars>(mark, v)).data?.markChatRead;
    expect(await at({ chatId, upToSeq: 2 })).toEqual({ id: chatId, readSeq: 2, unreadCount: 2 });
    expect(await at({ chatId, upToSeq: 1 })).toEqual({ id: chatId, readSeq: 2, unreadCount: 2 });
    expect(await b.http.code(mark, { chatId, upToSeq: 9 })).toBe("NOT_FOUND");
    expect(await b.http.code(mark, { chatId, upToSeq: -1 })).toBe("BAD_USER_INPUT");
    expect(await b.http.code(mark, { chatId, upToSeq: 3, upTo: sent[2]?.id })).toBe("BAD_USER_INPUT");
    expect(await at({ chatId, upTo: sent[2]?.id })).toEqual({ id: chatId, readSeq: 3, unreadCount: 1 });
    expect(await at({ chatId })).toEqual({ id: chatId, readSeq: 4, unreadCount: 0 });
  });
});

describe("stable ids", () => {
  it("gives the list item its chat's id, the id chatListRemoved names, and each relation its own", async () => {
    const [owner, member] = await Promise.all([t.signUp("O"), t.signUp("M")]);
    await befriend(owner, member);
    const groupId = await createGroup(owner, [member]);
    const item = await member.http.raw<{ chat: { id: string } }, { id: string }>(
      `query($id: ID!) { chat(id: $id) { id } }`,
      {
        id: groupId,
      },
    );
    expect(item.data?.chat.id).toBe(groupId);
    const removed = new Recorder(t.ws(member), { toString: () => "subscription { chatListRemoved }" } as never);
    await settle();
    await owner.http.raw(`mutation($c: ID!, $u: ID!) { removeGroupMember(chatId: $c, userId: $u) }`, {
      c: groupId,
      u: member.id,
    });
    expect((await removed.waitFor(1))[0]).toEqual({ chatListRemoved: groupId });
    const friends = await owner.http.raw<{ friends: { id: string }[] }, undefined>("{ friends { id } }");
    expect(friends.data?.friends).toEqual([{ id: `${owner.id}:${member.id}` }]);
    const theirs = await member.http.raw<{ friends: { id: string }[] }, undefined>("{ friends { id } }");
    expect(theirs.data?.friends).toEqual([{ id: `${member.id}:${owner.id}` }]);
  });

  it("names a message's chat, and gives null for a chat the caller may not see", async () => {
    const [a, b, c] = await Promise.all([t.signUp("A"), t.signUp("B"), t.signUp("C")]);
    const chatId = (await a.http.run(OpenDirectChatDocument, { userId: b.id })).openDirectChat.chat.id;
    const sent = await a.http.raw<{ sendMessage: { chat: { id: string; type: string } } }, object>(
      `mutation($c: ID!) { sendMessage(input: { chatId: $c, type: TEXT, text: "x" }) { chat { id type } } }`,
      { c: chatId },
    );
    expect(sent.data?.sendMessage.chat).toEqual({ id: chatId, type: "DIRECT" });
    const seen = await c.http.raw<{ chat: null }, { id: string }>(`query($id: ID!) { chat(id: $id) { id } }`, {
      id: chatId,
    });
    expect(seen).toEqual({ data: { chat: null } });
    expect(await c.http.code(`query($id: ID!) { members(chatId: $id) { id } }`, { id: chatId })).toBe("NOT_FOUND");
  });
});

describe("sessions", () => {
  const refresh = "mutation { refreshToken { token } }";
  const change = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }`;

  it("refreshToken gives a fresh token of the same session; earlier tokens still work", async () => {
    const u = await t.signUp();
    const r = await u.http.raw<{ refreshToken: { token: string } }, undefined>(refresh);
    const fresh = r.data?.refreshToken.token ?? "";
    expect(fresh).not.toBe("");
    expect((await u.http.with(fresh).run(MeDocument)).me.id).toBe(u.id);
    expect((await u.http.run(MeDocument)).me.id).toBe(u.id);
  });

  it("changePassword refuses a wrong current password and changes nothing", async () => {
    const u = await t.signUp();
    expect(await u.http.code(change, { c: "not my password", n: "brand new pw" })).toBe("BAD_USER_INPUT");
    expect(await u.http.code(change, { c: "correct horse", n: "short" })).toBe("BAD_USER_INPUT");
    expect((await u.http.run(MeDocument)).me.id).toBe(u.id);
    const again = await t.anon.run(SignInDocument, { username: u.username, password: "correct horse" });
    expect(again.signIn.user.id).toBe(u.id);
  });

  it("changePassword voids every earlier token, closes open sockets, and returns a fresh token", async () => {
    const u = await t.signUp();
    const { closed } = await signedInSocket(t.url, u.token);
    const r = await u.http.raw<{ changePassword: { token: string } }, object>(change, {
      c: "correct horse",
      n: "a new horse",
    });
    expect(await closed).toBe(4403);
    expect(await u.http.code(MeDocument)).toBe("UNAUTHENTICATED");
    expect((await u.http.with(r.data?.changePassword.token).run(MeDocument)).me.id).toBe(u.id);
    expect(await t.anon.code(SignInDocument, { username: u.username, password: "correct horse" })).toBe(
      "UNAUTHENTICATED",
    );
    const signIn = await t.anon.run(SignInDocument, { username: u.username, password: "a new horse" });
    expect(signIn.signIn.user.id).toBe(u.id);
  });
});
