// Replies and mentions: a reply to a message of the same chat (shown deleted once it is); mentions
// of members, @all by the owner and admins; unreadMentionCount from the mention index; deletion
// publishes messageUpdated, and a deleted last message stays the list's lastMessage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChangedMessagesDocument,
  ChatListUpdatedDocument,
  DeleteMessageDocument,
  InviteToGroupDocument,
  MarkChatReadDocument,
  MentionCountsDocument,
  MessageUpdatedDocument,
  OpenDirectChatDocument,
  RemoveGroupMemberDocument,
  ReviewJoinRequestDocument,
  type SendMessageInput,
  SendRichDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle } from "./helpers/client.ts";
import { fingerprint } from "./helpers/fingerprint.ts";
import { befriend, type Cast, castGroup } from "./helpers/social.ts";

let t: TestApp;
let cast: Cast;
let outsider: TestUser;
let group: string;
let direct: string;

beforeAll(async () => {
  t = await startTestApp();
  const names = ["owner", "admin", "member", "muted", "removed", "target"] as const;
  cast = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await t.signUp(n)]))) as Cast;
  outsider = await t.signUp("Outsider");
  for (const u of [cast.admin, cast.member, cast.muted, cast.removed, cast.target]) await befriend(cast.owner, u);
  group = await castGroup(cast);
  direct = (await cast.member.http.run(OpenDirectChatDocument, { userId: outsider.id })).openDirectChat.chat.id;
});
afterAll(() => t?.close());

const send = async (from: TestUser, input: Partial<SendMessageInput>) =>
  (await from.http.run(SendRichDocument, { input: { chatId: group, type: "TEXT", text: "hi", ...input } })).sendMessage;

const mentionCount = async (u: TestUser, chatId = group) => {
  const { recentChats } = await u.http.run(MentionCountsDocument);
  return recentChats.edges.find((e) => e.node.id === chatId)?.node.unreadMentionCount;
};

describe("replies", () => {
  it("shows the message replied to, as deleted once it is", async () => {
    const original = await send(cast.member, { text: "question" });
    const reply = await send(cast.owner, { text: "answer", replyToId: original.id });
    expect(reply.replyTo).toEqual({ id: original.id, text: "question", deleted: false });
    await cast.member.http.run(DeleteMessageDocument, { id: original.id });
    const { messages } = await cast.target.http.run(ChangedMessagesDocument, { chatId: group, last: 5 });
    expect(messages.edges.find((e) => e.node.id === reply.id)?.node.replyTo).toEqual({
      id: original.id,
      text: "",
      deleted: true,
    });
    expect((await send(cast.owner, { text: "no reply" })).replyTo).toBeNull();
  });

  it("refuses a reply to another chat's message, a deleted one, or none: nothing stored", async () => {
    const elsewhere = (
      await cast.member.http.run(SendRichDocument, { input: { chatId: direct, type: "TEXT", text: "psst" } })
    ).sendMessage;
    const gone = await send(cast.member, { text: "soon gone" });
    await cast.member.http.run(DeleteMessageDocument, { id: gone.id });
    const before = await fingerprint(t.app.services.prisma);
    for (const replyToId of [elsewhere.id, gone.id, "999999999"])
      expect(
        await cast.member.http.code(SendRichDocument, {
          input: { chatId: group, type: "TEXT", text: "re", replyToId },
        }),
      ).toBe("BAD_USER_INPUT");
    // An outsider learns nothing about the group's messages: NOT_FOUND, whatever the reply.
    expect(
      await outsider.http.code(SendRichDocument, {
        input: { chatId: group, type: "TEXT", text: "re", replyToId: gone.id },
      }),
    ).toBe("NOT_FOUND");
    expect(await fingerprint(t.app.services.prisma)).toBe(before);
  });
});

describe("mentions", () => {
  it("mentions members and everyone, and counts unread mentions until read or deleted", async () => {
    await cast.target.http.run(MarkChatReadDocument, { chatId: group });
    await cast.member.http.run(MarkChatReadDocument, { chatId: group });
    expect(await mentionCount(cast.target)).toBe(0);
    const one = await send(cast.member, { text: "@target", mentionIds: [cast.target.id, cast.target.id] });
    expect(one.mentions).toEqual([{ id: cast.target.id }]);
    expect(one.mentionsAll).toBe(false);
    const all = await send(cast.admin, { text: "@all and @target", mentionAll: true, mentionIds: [cast.target.id] });
    expect(all.mentionsAll).toBe(true);
    await send(cast.owner, { text: "@all", mentionAll: true });
    expect(await mentionCount(cast.target)).toBe(3); // the message with both counts once
    expect(await mentionCount(cast.member)).toBe(2); // the two @all messages
    expect(await mentionCount(cast.owner)).toBe(0); // read up to their own message

    await cast.admin.http.run(DeleteMessageDocument, { id: all.id });
    expect(await mentionCount(cast.target)).toBe(2);
    await cast.target.http.run(MarkChatReadDocument, { chatId: group, upTo: one.id });
    expect(await mentionCount(cast.target)).toBe(1);
    await cast.target.http.run(MarkChatReadDocument, { chatId: group });
    expect(await mentionCount(cast.target)).toBe(0);
  });

  it("treats a retry with other mentions or another reply as another request (CONFLICT)", async () => {
    const input = m(group, { clientMessageId: "mention-retry", mentionIds: [cast.target.id] });
    const first = await send(cast.member, input);
    expect((await send(cast.member, { ...input, mentionIds: [cast.target.id, cast.target.id] })).id).toBe(first.id);
    expect(await cast.member.http.code(SendRichDocument, { input: { ...input, mentionIds: [cast.owner.id] } })).toBe(
      "CONFLICT",
    );
    expect(await cast.member.http.code(SendRichDocument, { input: { ...input, replyToId: first.id } })).toBe(
      "CONFLICT",
    );
  });

  it("stores @all as one message row and no mention rows", async () => {
    const db = t.app.services.prisma;
    const before = await db.messageMention.count();
    const m = await send(cast.owner, { text: "everyone", mentionAll: true });
    expect(await db.messageMention.count()).toBe(before);
    expect(await db.message.count({ where: { id: BigInt(m.id), mentionsAll: true } })).toBe(1);
  });

  it("refuses a non-member mention, and @all by a plain member or in a direct chat: nothing stored", async () => {
    const before = await fingerprint(t.app.services.prisma);
    expect(await cast.member.http.code(SendRichDocument, { input: m(group, { mentionIds: [outsider.id] }) })).toBe(
      "BAD_USER_INPUT",
    );
    expect(await cast.member.http.code(SendRichDocument, { input: m(group, { mentionIds: [cast.removed.id] }) })).toBe(
      "BAD_USER_INPUT",
    );
    expect(await cast.member.http.code(SendRichDocument, { input: m(group, { mentionAll: true }) })).toBe("FORBIDDEN");
    expect(await cast.member.http.code(SendRichDocument, { input: m(direct, { mentionAll: true }) })).toBe("FORBIDDEN");
    expect(await cast.muted.http.code(SendRichDocument, { input: m(group, { mentionIds: [cast.owner.id] }) })).toBe(
      "FORBIDDEN",
    );
    expect(await outsider.http.code(SendRichDocument, { input: m(group, { mentionIds: [cast.owner.id] }) })).toBe(
      "NOT_FOUND",
    );
    expect(await fingerprint(t.app.services.prisma)).toBe(before);
  });
});

const m = (chatId: string, extra: Partial<SendMessageInput>): SendMessageInput => ({
  chatId,
  type: "TEXT",
  text: "hey",
  ...extra,
});

describe("deletion", () => {
  it("publishes messageUpdated; a deleted last message stays lastMessage, deleted, without text", async () => {
    const socket = t.ws(cast.target);
    const updates = new Recorder(socket, MessageUpdatedDocument, {});
    const list = new Recorder(socket, ChatListUpdatedDocument);
    await settle();
    const earlier = await send(cast.member, { text: "earlier" });
    const last = await send(cast.member, { text: "last" });
    await list.waitFor(2);
    await cast.member.http.run(DeleteMessageDocument, { id: earlier.id });
    const [first] = await updates.waitFor(1);
    expect(first?.messageUpdated).toMatchObject({ id: earlier.id, deleted: true, text: "" });
    await settle();
    expect(list.items).toHaveLength(2); // not the last message: the list is not pushed
    await cast.member.http.run(DeleteMessageDocument, { id: last.id });
    await updates.waitFor(2);
    await list.waitFor(3);
    const { recentChats } = await cast.target.http.run(MentionCountsDocument);
    expect(recentChats.edges.find((e) => e.node.id === group)?.node.lastMessage).toEqual({
      id: last.id,
      text: "",
      deleted: true,
    });
  });

  it("a removed member stops receiving messageUpdated at once", async () => {
    const victim = await t.signUp("Victim");
    await befriend(cast.owner, victim);
    const { inviteToGroup } = await cast.owner.http.run(InviteToGroupDocument, { chatId: group, userIds: [victim.id] });
    await victim.http.run(ReviewJoinRequestDocument, { id: inviteToGroup[0]?.id ?? "", decision: "APPROVE" });
    const updates = new Recorder(t.ws(victim), MessageUpdatedDocument, { chatId: group });
    await settle();
    const msg = await send(cast.owner, { text: "before" });
    await cast.owner.http.run(DeleteMessageDocument, { id: msg.id });
    await updates.waitFor(1);
    await cast.owner.http.run(RemoveGroupMemberDocument, { chatId: group, userId: victim.id });
    await settle();
    const after = await send(cast.owner, { text: "after" });
    await cast.owner.http.run(DeleteMessageDocument, { id: after.id });
    await settle();
    expect(updates.items).toHaveLength(1);
  });
});
