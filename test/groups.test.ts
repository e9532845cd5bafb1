// Groups: a role x action matrix (every cell on a fresh group), and what members see.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatListRemovedDocument,
  ChatListUpdatedDocument,
  ChatMeDocument,
  CreateGroupDocument,
  DissolveGroupDocument,
  InviteToGroupDocument,
  LeaveGroupDocument,
  MembersDocument,
  MessageAddedDocument,
  MessagesDocument,
  RecentChatsDocument,
  RemoveGroupMemberDocument,
  SendMessageDocument,
  SetGroupAdminDocument,
  SetGroupMutedDocument,
  SetMemberMutedDocument,
  TransferGroupOwnershipDocument,
  UpdateChatSettingsDocument,
  UpdateGroupDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle, sleep } from "./helpers/client.ts";
import { befriend, type Cast, castGroup } from "./helpers/social.ts";

let t: TestApp;
let cast: Cast;
let outsider: TestUser;
let newcomer: TestUser;

beforeAll(async () => {
  t = await startTestApp();
  const names = ["owner", "admin", "member", "muted", "removed", "target"] as const;
  cast = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await t.signUp(n)]))) as Cast;
  outsider = await t.signUp("Outsider");
  newcomer = await t.signUp("Newcomer");
  for (const u of [cast.admin, cast.member, cast.muted, cast.removed, cast.target, newcomer])
    await befriend(cast.owner, u);
}, 60_000);
afterAll(() => t?.close());

type Role = "owner" | "admin" | "member" | "muted" | "outsider" | "removed";
const ROLES: Role[] = ["owner", "admin", "member", "muted", "outsider", "removed"];
const actor = (r: Role): TestUser => (r === "outsider" ? outsider : cast[r]);

type Action = (u: TestUser, chatId: string) => Promise<string | undefined | "ok">;
const ok = async (p: Promise<{ errors?: { extensions?: { code?: string } }[] }>) => {
  const r = await p;
  return r.errors?.length ? r.errors[0]?.extensions?.code : "ok";
};

const ACTIONS: Record<string, Action> = {
  updateGroup: (u, chatId) =>
    ok(u.http.raw(UpdateGroupDocument, { chatId, input: { name: "Renamed", announcement: "Hi all" } })),
  setGroupMuted: (u, chatId) => ok(u.http.raw(SetGroupMutedDocument, { chatId, muted: true })),
  setMemberMuted: (u, chatId) =>
    ok(u.http.raw(SetMemberMutedDocument, { chatId, userId: cast.target.id, muted: true })),
  setGroupAdmin: (u, chatId) => ok(u.http.raw(SetGroupAdminDocument, { chatId, userId: cast.target.id, admin: true })),
  removeGroupMember: (u, chatId) => ok(u.http.raw(RemoveGroupMemberDocument, { chatId, userId: cast.target.id })),
  transferGroupOwnership: (u, chatId) =>
    ok(u.http.raw(TransferGroupOwnershipDocument, { chatId, userId: cast.target.id })),
  dissolveGroup: (u, chatId) => ok(u.http.raw(DissolveGroupDocument, { chatId })),
  leaveGroup: (u, chatId) => ok(u.http.raw(LeaveGroupDocument, { chatId })),
  sendMessage: (u, chatId) => ok(u.http.raw(SendMessageDocument, { input: { chatId, type: "TEXT", text: "hello" } })),
  inviteToGroup: (u, chatId) => ok(u.http.raw(InviteToGroupDocument, { chatId, userIds: [newcomer.id] })),
  members: (u, chatId) => ok(u.http.raw(MembersDocument, { chatId })),
};

// owner, admin, member, muted member, non-member, removed member
const F = "FORBIDDEN";
const N = "NOT_FOUND";
const EXPECTED: Record<string, string[]> = {
  updateGroup: ["ok", "ok", F, F, N, N],
  setGroupMuted: ["ok", "ok", F, F, N, N],
  setMemberMuted: ["ok", "ok", F, F, N, N],
  setGroupAdmin: ["ok", F, F, F, N, N],
  removeGroupMember: ["ok", "ok", F, F, N, N],
  transferGroupOwnership: ["ok", F, F, F, N, N],
  dissolveGroup: ["ok", F, F, F, N, N],
  leaveGroup: ["CONFLICT", "ok", "ok", "ok", N, N],
  sendMessage: ["ok", "ok", "ok", F, N, N],
  inviteToGroup: ["ok", "ok", "ok", F, N, N],
  members: ["ok", "ok", "ok", "ok", N, N],
};

/** What a successful action changed, as the owner (or the target) sees it afterwards. */
const EFFECTS: Record<string, (chatId: string, by: TestUser) => Promise<void>> = {
  updateGroup: async (chatId) => {
    const { chat } = await cast.owner.http.run(ChatMeDocument, { id: chatId });
    expect(chat?.chat).toMatchObject({ name: "Renamed", announcement: "Hi all" });
  },
  setGroupMuted: async (chatId) => {
    const member = await cast.member.http.run(ChatMeDocument, { id: chatId });
    expect(member.chat).toMatchObject({ chat: { muted: true }, canSend: false });
  },
  setMemberMuted: async (chatId) => {
    const { chat } = await cast.target.http.run(ChatMeDocument, { id: chatId });
    expect(chat).toMatchObject({ meMuted: true, canSend: false });
  },
  setGroupAdmin: async (chatId) => {
    const { chat } = await cast.target.http.run(ChatMeDocument, { id: chatId });
    expect(chat?.isAdmin).toBe(true);
  },
  removeGroupMember: async (chatId) => {
    expect(await cast.target.http.code(ChatMeDocument, { id: chatId }).catch(() => "none")).toBe("none");
    const { members } = await cast.owner.http.run(MembersDocument, { chatId });
    expect(members.map((m) => m.user.id)).not.toContain(cast.target.id);
  },
  transferGroupOwnership: async (chatId) => {
    const { chat } = await cast.target.http.run(ChatMeDocument, { id: chatId });
    expect(chat?.isOwner).toBe(true);
    const old = await cast.owner.http.run(ChatMeDocument, { id: chatId });
    expect(old.chat).toMatchObject({ isOwner: false, isAdmin: true });
  },
  dissolveGroup: async (chatId) => {
    expect((await cast.member.http.run(ChatMeDocument, { id: chatId })).chat).toBeNull();
    expect(await cast.owner.http.code(SendMessageDocument, { input: { chatId, type: "TEXT", text: "x" } })).toBe(N);
  },
  leaveGroup: async (chatId, by) => {
    expect((await by.http.run(ChatMeDocument, { id: chatId })).chat).toBeNull();
  },
  sendMessage: async (chatId, by) => {
    const { messages } = await cast.owner.http.run(MessagesDocument, { chatId, last: 1 });
    expect(messages.edges[0]?.node.sender.id).toBe(by.id);
  },
};

describe("role x action", () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(name, async () => {
      for (const [i, role] of ROLES.entries()) {
        const chatId = await castGroup(cast);
        const outcome = await (ACTIONS[name] as Action)(actor(role), chatId);
        expect({ role, outcome }).toEqual({ role, outcome: expected[i] });
        if (outcome === "ok") await EFFECTS[name]?.(chatId, actor(role));
      }
    });
  }
});

describe("admins and the owner", () => {
  it("an admin cannot mute, remove or demote the owner or another admin", async () => {
    const chatId = await castGroup(cast);
    await cast.owner.http.run(SetGroupAdminDocument, { chatId, userId: cast.target.id, admin: true });
    for (const userId of [cast.owner.id, cast.target.id]) {
      expect(await cast.admin.http.code(SetMemberMutedDocument, { chatId, userId, muted: true })).toBe(F);
      expect(await cast.admin.http.code(RemoveGroupMemberDocument, { chatId, userId })).toBe(F);
    }
  });

  it("only owner and admins speak in a muted group", async () => {
    const chatId = await castGroup(cast);
    await cast.admin.http.run(SetGroupMutedDocument, { chatId, muted: true });
    const send = (u: TestUser) => ok(u.http.raw(SendMessageDocument, { input: { chatId, type: "TEXT", text: "hi" } }));
    expect([await send(cast.owner), await send(cast.admin), await send(cast.member)]).toEqual(["ok", "ok", F]);
    expect((await cast.admin.http.run(ChatMeDocument, { id: chatId })).chat?.canSend).toBe(true);
  });

  it("creates groups only with friends", async () => {
    const code = await cast.owner.http.code(CreateGroupDocument, { input: { name: "G", memberIds: [outsider.id] } });
    expect(code).toBe(F);
    expect(await cast.owner.http.code(CreateGroupDocument, { input: { name: " ", memberIds: [] } })).toBe(
      "BAD_USER_INPUT",
    );
  });
});

describe("what members see", () => {
  it("a removed member stops receiving at once and loses the history", async () => {
    const chatId = await castGroup(cast);
    const sub = new Recorder(t.ws(cast.target), MessageAddedDocument, {});
    await settle();
    await cast.owner.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "before" } });
    await sub.waitFor(1);
    await cast.owner.http.run(RemoveGroupMemberDocument, { chatId, userId: cast.target.id });
    await cast.owner.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text: "after" } });
    await sleep(400);
    expect(sub.items.map((i) => i.messageAdded.text)).toEqual(["before"]);
    expect(await cast.target.http.code(MessagesDocument, { chatId })).toBe(N);
    sub.stop();
  });

  it("tells a removed member and the members of a dissolved group through chatListRemoved", async () => {
    const chatId = await castGroup(cast);
    const gone = new Recorder(t.ws(cast.target), ChatListRemovedDocument);
    const stays = new Recorder(t.ws(cast.member), ChatListRemovedDocument);
    await settle();
    await cast.owner.http.run(RemoveGroupMemberDocument, { chatId, userId: cast.target.id });
    expect((await gone.waitFor(1))[0]?.chatListRemoved).toBe(chatId);
    await settle();
    expect(stays.items).toEqual([]);
    await cast.owner.http.run(DissolveGroupDocument, { chatId });
    expect((await stays.waitFor(1))[0]?.chatListRemoved).toBe(chatId);
    gone.stop();
    stays.stop();
  });

  it("a dissolved group leaves every list", async () => {
    const chatId = await castGroup(cast);
    await cast.owner.http.run(DissolveGroupDocument, { chatId });
    for (const u of [cast.owner, cast.member]) {
      const { recentChats } = await u.http.run(RecentChatsDocument, { first: 100 });
      expect(recentChats.edges.map((e) => e.node.chat.id)).not.toContain(chatId);
    }
  });

  it("tells members of a rename through chatListUpdated, and shows the group nickname", async () => {
    const chatId = await castGroup(cast);
    const sub = new Recorder(t.ws(cast.member), ChatListUpdatedDocument);
    await settle();
    await cast.admin.http.run(UpdateGroupDocument, { chatId, input: { name: "News" } });
    const [u] = await sub.waitFor(1);
    expect(u?.chatListUpdated.chat.id).toBe(chatId);
    sub.stop();
    await cast.member.http.run(UpdateChatSettingsDocument, { chatId, input: { nickname: "Mem" } });
    const { members } = await cast.owner.http.run(MembersDocument, { chatId });
    expect(members.find((m) => m.user.id === cast.member.id)?.nickname).toBe("Mem");
  });
});
