// Read receipts and typing, as members and outsiders see them on graphql-ws (both backends).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MarkReadUpToSeqDocument,
  OpenDirectChatDocument,
  ReadPositionsDocument,
  ReadReceiptDocument,
  RecentReadPositionsDocument,
  RemoveGroupMemberDocument,
  SendMessageDocument,
  SetMemberMutedDocument,
  SetTypingDocument,
  TypingDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle } from "./helpers/client.ts";
import { befriend, createGroup } from "./helpers/social.ts";

let t: TestApp;
let statements: string[] = [];
beforeAll(async () => {
  t = await startTestApp({ READ_RECEIPT_MAX_GROUP_SIZE: "2", RATE_LIMIT_TYPING_PER_MINUTE: "20" }, (sql) =>
    statements.push(sql),
  );
});
afterAll(async () => t?.close());

const send = (u: TestUser, chatId: string, text: string) =>
  u.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } });
/** A group of the owner and `members` (befriended first, as new groups require). */
async function group(owner: TestUser, members: TestUser[]): Promise<string> {
  for (const m of members) await befriend(owner, m);
  return createGroup(owner, members);
}
const receipts = (u: TestUser, chatId?: string) => new Recorder(t.ws(u), ReadReceiptDocument, { chatId });
const typing = (u: TestUser, chatId?: string) => new Recorder(t.ws(u), TypingDocument, { chatId });
const receiptOf = (r: { readReceipt: { chatId: string; readSeq: number; user: { id: string } } }) => ({
  chatId: r.readReceipt.chatId,
  userId: r.readReceipt.user.id,
  readSeq: r.readReceipt.readSeq,
});
const typingOf = (r: { typing: { chatId: string; typing: boolean; user: { id: string } } }) => ({
  chatId: r.typing.chatId,
  userId: r.typing.user.id,
  typing: r.typing.typing,
});

describe("read receipts", () => {
  it("tell the peer of a direct chat when the other reads or sends, never the reader", async () => {
    const [alice, bob] = [await t.signUp("alice"), await t.signUp("bob")];
    const { openDirectChat } = await alice.http.run(OpenDirectChatDocument, { userId: bob.id });
    const chatId = openDirectChat.chat.id;
    const toBob = receipts(bob);
    const toAlice = receipts(alice, chatId);
    await settle();

    await send(alice, chatId, "one");
    await send(alice, chatId, "two");
    // Sending moves the sender's own read position: the peer hears it.
    expect((await toBob.waitFor(2)).map(receiptOf)).toEqual([
      { chatId, userId: alice.id, readSeq: 1 },
      { chatId, userId: alice.id, readSeq: 2 },
    ]);
    await bob.http.run(MarkReadUpToSeqDocument, { chatId, upToSeq: 1 });
    await bob.http.run(MarkReadUpToSeqDocument, { chatId, upToSeq: 1 }); // did not move: no receipt
    await bob.http.run(MarkReadUpToSeqDocument, { chatId });
    expect((await toAlice.waitFor(2)).map(receiptOf)).toEqual([
      { chatId, userId: bob.id, readSeq: 1 },
      { chatId, userId: bob.id, readSeq: 2 },
    ]);
    await settle();
    expect(toAlice.items).toHaveLength(2);
    expect(toBob.items).toHaveLength(2); // not his own reading

    const forAlice = await alice.http.run(ReadPositionsDocument, { chatId });
    expect(forAlice.chat).toEqual({ readSeq: 2, peerReadSeq: 2 });
    const members = forAlice.chatMembers.edges.map((e) => [e.node.user.id, e.node.readSeq]);
    expect(members.sort()).toEqual([
      [alice.id, 2],
      [bob.id, 2],
    ]);
  });

  it("are live in groups up to READ_RECEIPT_MAX_GROUP_SIZE; bigger groups show readSeq on demand only", async () => {
    const [owner, small, big1, big2] = [await t.signUp(), await t.signUp(), await t.signUp(), await t.signUp()];
    const smallId = await group(owner, [small]); // 2 members
    const bigId = await group(owner, [big1, big2]); // 3 members
    const toOwner = receipts(owner);
    const toBig1 = receipts(big1);
    await settle();

    await send(big2, bigId, "in the big group");
    await big1.http.run(MarkReadUpToSeqDocument, { chatId: bigId });
    await send(small, smallId, "in the small group");
    const got = await toOwner.waitFor(1);
    await settle();
    expect(got.map(receiptOf)).toEqual([{ chatId: smallId, userId: small.id, readSeq: 1 }]);
    expect(toBig1.items).toEqual([]);
    expect((await owner.http.run(ReadPositionsDocument, { chatId: bigId })).chat?.peerReadSeq).toBeNull();
    const seqs = (await owner.http.run(ReadPositionsDocument, { chatId: bigId })).chatMembers.edges.map((e) => [
      e.node.user.id,
      e.node.readSeq,
    ]);
    expect(Object.fromEntries(seqs)).toEqual({ [owner.id]: 0, [big1.id]: 1, [big2.id]: 1 });
  });
});

it("reads every peer's position of a page of the recent list in a constant number of statements", async () => {
  const count = async (peers: number) => {
    const me = await t.signUp();
    for (let i = 0; i < peers; i++) {
      const peer = await t.signUp();
      const { openDirectChat } = await peer.http.run(OpenDirectChatDocument, { userId: me.id });
      await send(peer, openDirectChat.chat.id, "hi");
    }
    statements = [];
    const { recentChats } = await me.http.run(RecentReadPositionsDocument);
    const direct = recentChats.edges.map((e) => e.node).filter((n) => n.peerReadSeq !== null);
    expect(direct).toEqual(Array.from({ length: peers }, () => ({ readSeq: 0, peerReadSeq: 1 })));
    return statements.length;
  };
  expect(await count(6)).toBe(await count(2));
});

describe("typing", () => {
  it("reaches the other members, not the typer's own devices; stops on setTyping false and on send", async () => {
    const [owner, member, outsider] = [await t.signUp(), await t.signUp(), await t.signUp()];
    const chatId = await group(owner, [member]);
    const toMember = typing(member);
    const toOwnerOther = typing(owner, chatId);
    const toOutsider = typing(outsider);
    await settle();

    expect((await owner.http.run(SetTypingDocument, { chatId, typing: true })).setTyping).toBe(true);
    expect((await toMember.waitFor(1)).map(typingOf)).toEqual([{ chatId, userId: owner.id, typing: true }]);
    await send(owner, chatId, "done typing");
    expect((await toMember.waitFor(2)).map(typingOf)[1]).toEqual({ chatId, userId: owner.id, typing: false });
    // A send without typing before it says nothing.
    await send(owner, chatId, "again");
    await owner.http.run(SetTypingDocument, { chatId, typing: true });
    await owner.http.run(SetTypingDocument, { chatId, typing: false });
    expect((await toMember.waitFor(4)).slice(2).map(typingOf)).toEqual([
      { chatId, userId: owner.id, typing: true },
      { chatId, userId: owner.id, typing: false },
    ]);
    await settle();
    expect(toMember.items).toHaveLength(4);
    expect(toOwnerOther.items).toEqual([]);
    expect(toOutsider.items).toEqual([]);
  });

  it("is refused to outsiders (NOT_FOUND) and muted members (FORBIDDEN), who publish nothing", async () => {
    const [owner, muted, outsider] = [await t.signUp(), await t.signUp(), await t.signUp()];
    const chatId = await group(owner, [muted]);
    await owner.http.run(SetMemberMutedDocument, { chatId, userId: muted.id, muted: true });
    const toOwner = typing(owner);
    await settle();
    expect(await muted.http.code(SetTypingDocument, { chatId, typing: true })).toBe("FORBIDDEN");
    expect(await outsider.http.code(SetTypingDocument, { chatId, typing: true })).toBe("NOT_FOUND");
    expect(await outsider.http.code(SetTypingDocument, { chatId: "999999", typing: true })).toBe("NOT_FOUND");
    expect(await outsider.http.code(SetTypingDocument, { chatId: "nope", typing: true })).toBe("BAD_USER_INPUT");
    await settle();
    expect(toOwner.items).toEqual([]);
  });

  it("is rate limited per user", async () => {
    const [owner, member] = [await t.signUp(), await t.signUp()];
    const chatId = await group(owner, [member]);
    for (let i = 0; i < 20; i++) await owner.http.run(SetTypingDocument, { chatId, typing: i % 2 === 0 });
    expect(await owner.http.code(SetTypingDocument, { chatId, typing: true })).toBe("RATE_LIMITED");
    expect((await member.http.run(SetTypingDocument, { chatId, typing: true })).setTyping).toBe(true);
  });
});

it("a removed member stops receiving typing and receipts at once", async () => {
  const [owner, removed] = [await t.signUp(), await t.signUp()];
  const { openDirectChat } = await owner.http.run(OpenDirectChatDocument, { userId: removed.id });
  // The group's second member (receipts are live up to 2), then removed.
  const groupId = await group(owner, [removed]);
  const removedTyping = typing(removed);
  const removedReceipts = receipts(removed);
  await settle();
  await owner.http.run(SetTypingDocument, { chatId: groupId, typing: true });
  await send(owner, groupId, "before");
  await removedTyping.waitFor(2);
  await removedReceipts.waitFor(1);
  await owner.http.run(RemoveGroupMemberDocument, { chatId: groupId, userId: removed.id });
  await owner.http.run(SetTypingDocument, { chatId: groupId, typing: true });
  await send(owner, groupId, "after");
  // A sentinel in a chat they still have: the stream is alive and had its chance.
  await owner.http.run(SetTypingDocument, { chatId: openDirectChat.chat.id, typing: true });
  const got = await removedTyping.waitFor(3);
  await settle();
  expect(got.map(typingOf).slice(2)).toEqual([{ chatId: openDirectChat.chat.id, userId: owner.id, typing: true }]);
  expect(removedTyping.items).toHaveLength(3);
  expect(removedReceipts.items.map(receiptOf)).toEqual([{ chatId: groupId, userId: owner.id, readSeq: 1 }]);
});
