// The first conversation end to end: sign up, open a chat, send, receive live, unread counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ChatListUpdatedDocument,
  DeleteMessageDocument,
  MarkChatReadDocument,
  MeDocument,
  MessageAddedDocument,
  MessagesDocument,
  OpenDirectChatDocument,
  RecentChatsDocument,
  SendMessageDocument,
  SignInDocument,
  UnreadTotalDocument,
  UpdateChatSettingsDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, settle } from "./helpers/client.ts";
import { png, wav, webm } from "./helpers/media.ts";
import { uploaded } from "./helpers/upload.ts";

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let chatId: string;

beforeAll(async () => {
  t = await startTestApp();
  alice = await t.signUp("Alice");
  bob = await t.signUp("Bob");
  chatId = (await alice.http.run(OpenDirectChatDocument, { userId: bob.id })).openDirectChat.chat.id;
});
afterAll(() => t?.close());

const text = (s: string, extra: Record<string, unknown> = {}) => ({
  input: { chatId, type: "TEXT" as const, text: s, ...extra },
});

describe("accounts", () => {
  it("signs in with the password, and refuses a wrong one", async () => {
    const { signIn } = await t.anon.run(SignInDocument, { username: alice.username, password: "correct horse" });
    expect(signIn.user.id).toBe(alice.id);
    expect(await t.anon.code(SignInDocument, { username: alice.username, password: "wrong horse!" })).toBe(
      "UNAUTHENTICATED",
    );
    const me = await t.anon.with(signIn.token).run(MeDocument);
    expect(me.me).toMatchObject({ id: alice.id, nickname: "Alice" });
  });

  it("refuses a missing or forged token", async () => {
    expect(await t.anon.code(MeDocument)).toBe("UNAUTHENTICATED");
    expect(await t.anon.with(`${alice.token}x`).code(MeDocument)).toBe("UNAUTHENTICATED");
  });
});

describe("direct chat", () => {
  it("is one chat per pair, from either side", async () => {
    const again = await bob.http.run(OpenDirectChatDocument, { userId: alice.id });
    expect(again.openDirectChat.chat.id).toBe(chatId);
    expect(again.openDirectChat.title).toBe("Alice");
    expect(again.openDirectChat.peer?.id).toBe(alice.id);
  });

  it("delivers a message to the other user's live subscription, and not to a stranger's", async () => {
    const eve = await t.signUp("Eve");
    const bobSub = new Recorder(t.ws(bob), MessageAddedDocument, {});
    const eveSub = new Recorder(t.ws(eve), MessageAddedDocument, {});
    const eveOne = new Recorder(t.ws(eve), MessageAddedDocument, { chatId });
    await settle();
    const { sendMessage } = await alice.http.run(SendMessageDocument, text("hello Bob"));
    const [got] = await bobSub.waitFor(1);
    expect(got?.messageAdded).toMatchObject({ id: sendMessage.id, text: "hello Bob", sender: { id: alice.id } });
    await settle();
    expect(eveSub.items).toHaveLength(0);
    expect(eveOne.items).toHaveLength(0);
    bobSub.stop();
    eveSub.stop();
    eveOne.stop();
  });

  it("counts unread for the receiver only, and markChatRead never moves back", async () => {
    const a = await alice.http.run(SendMessageDocument, text("one"));
    await alice.http.run(SendMessageDocument, text("two"));
    const before = (await bob.http.run(RecentChatsDocument, {})).recentChats.edges.find(
      (e) => e.node.chat.id === chatId,
    );
    const mine = (await alice.http.run(RecentChatsDocument, {})).recentChats.edges.find(
      (e) => e.node.chat.id === chatId,
    );
    expect(mine?.node.unreadCount).toBe(0);
    expect(before?.node.unreadCount).toBeGreaterThanOrEqual(2);
    expect((await bob.http.run(UnreadTotalDocument)).unreadTotal).toBe(before?.node.unreadCount);

    const read = await bob.http.run(MarkChatReadDocument, { chatId });
    expect(read.markChatRead.unreadCount).toBe(0);
    expect(read.markChatRead.readUpTo).toBe(read.markChatRead.lastMessage?.id);
    const back = await bob.http.run(MarkChatReadDocument, { chatId, upTo: a.sendMessage.id });
    expect(back.markChatRead.unreadCount).toBe(0);
    expect(back.markChatRead.readUpTo).toBe(read.markChatRead.readUpTo);
  });

  it("leaves do-not-disturb chats out of unreadTotal", async () => {
    await alice.http.run(SendMessageDocument, text("ping"));
    expect((await bob.http.run(UnreadTotalDocument)).unreadTotal).toBeGreaterThan(0);
    await bob.http.run(UpdateChatSettingsDocument, { chatId, input: { doNotDisturb: true } });
    expect((await bob.http.run(UnreadTotalDocument)).unreadTotal).toBe(0);
    await bob.http.run(UpdateChatSettingsDocument, { chatId, input: { doNotDisturb: false } });
  });

  it("pushes chatListUpdated with the receiver's unread count", async () => {
    await bob.http.run(MarkChatReadDocument, { chatId });
    const list = new Recorder(t.ws(bob), ChatListUpdatedDocument);
    await settle();
    await alice.http.run(SendMessageDocument, text("list me"));
    const [u] = await list.waitFor(1);
    expect(u?.chatListUpdated).toMatchObject({
      chat: { id: chatId },
      unreadCount: 1,
      lastMessage: { text: "list me" },
    });
    list.stop();
  });
});

describe("sendMessage", () => {
  it("is idempotent per clientMessageId: one message, one event", async () => {
    const sub = new Recorder(t.ws(bob), MessageAddedDocument, { chatId });
    await settle();
    const key = `retry-${Date.now()}`;
    const first = await alice.http.run(SendMessageDocument, text("once", { clientMessageId: key }));
    const second = await alice.http.run(SendMessageDocument, text("once", { clientMessageId: key }));
    expect(second.sendMessage.id).toBe(first.sendMessage.id);
    await sub.waitFor(1);
    await settle();
    expect(sub.items).toHaveLength(1);
    sub.stop();
  });

  it("gives concurrent sends consecutive seqs, and concurrent retries one message", async () => {
    const before = (await bob.http.run(MessagesDocument, { chatId, last: 1 })).messages.edges[0]?.node.seq ?? 0;
    const sends = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? alice : bob).http.run(SendMessageDocument, text(`race ${i}`))),
    );
    expect(sends.map((s) => s.sendMessage.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => before + i + 1),
    );
    const key = `race-${Date.now()}`;
    const retries = await Promise.all(
      Array.from({ length: 5 }, () => alice.http.run(SendMessageDocument, text("once", { clientMessageId: key }))),
    );
    expect(new Set(retries.map((r) => r.sendMessage.id)).size).toBe(1);
    const { messages } = await bob.http.run(MessagesDocument, { chatId, last: 1 });
    expect(messages.edges[0]?.node.seq).toBe(before + 21);
  });

  it("stores every message type", async () => {
    const files = { IMAGE: png(2, 2), VOICE: wav(300), VIDEO: webm("video", 500) };
    for (const type of ["IMAGE", "VOICE", "VIDEO"] as const) {
      const fileId = (await uploaded(t.url, alice, files[type], `f.${type}`)).id;
      const { sendMessage } = await alice.http.run(SendMessageDocument, { input: { chatId, type, fileId } });
      expect(sendMessage).toMatchObject({ type, fileId });
    }
    const loc = { latitude: 31.23, longitude: 121.47, cityCode: 310000, address: "Shanghai" };
    const { sendMessage } = await alice.http.run(SendMessageDocument, {
      input: { chatId, type: "LOCATION", location: loc },
    });
    expect(sendMessage.location).toEqual(loc);
  });

  it("refuses bad input with BAD_USER_INPUT and stores nothing", async () => {
    const count = async () => (await alice.http.run(MessagesDocument, { chatId, last: 1 })).messages.edges[0]?.node.seq;
    const seq = await count();
    const bad = [
      text("x".repeat(501)),
      text("é".repeat(251)), // 502 bytes
      text(""),
      { input: { chatId, type: "IMAGE" as const } },
      { input: { chatId, type: "LOCATION" as const, location: { latitude: 91, longitude: 0 } } },
      { input: { chatId, type: "LOCATION" as const, location: { latitude: 0, longitude: -180.5 } } },
      { input: { chatId, type: "LOCATION" as const } },
      { input: { chatId: "abc", type: "TEXT" as const, text: "hi" } },
    ];
    for (const v of bad) expect(await alice.http.code(SendMessageDocument, v)).toBe("BAD_USER_INPUT");
    expect(await count()).toBe(seq);
    expect((await alice.http.run(SendMessageDocument, text("é".repeat(250)))).sendMessage.text).toHaveLength(250);
  });

  it("refuses a chat the caller is not in with NOT_FOUND", async () => {
    const eve = await t.signUp("Eve");
    expect(await eve.http.code(SendMessageDocument, text("intrude"))).toBe("NOT_FOUND");
    expect(await eve.http.code(MessagesDocument, { chatId })).toBe("NOT_FOUND");
  });
});

describe("history", () => {
  it("pages forward from the oldest and backward from the newest, without gaps", async () => {
    const forward: number[] = [];
    let after: string | null | undefined;
    for (;;) {
      const { messages } = await bob.http.run(MessagesDocument, { chatId, first: 3, after });
      forward.push(...messages.edges.map((e) => e.node.seq));
      if (!messages.pageInfo.hasNextPage) break;
      after = messages.pageInfo.endCursor;
    }
    expect(forward).toEqual(forward.map((_, i) => i + 1));
    const { messages } = await bob.http.run(MessagesDocument, { chatId, last: 2 });
    expect(messages.edges.map((e) => e.node.seq)).toEqual(forward.slice(-2));
    expect(messages.pageInfo.hasPreviousPage).toBe(true);
    const older = await bob.http.run(MessagesDocument, { chatId, last: 2, before: messages.pageInfo.startCursor });
    expect(older.messages.edges.map((e) => e.node.seq)).toEqual(forward.slice(-4, -2));
  });
});

describe("deleting a message", () => {
  it("pushes the recent list when the deleted message is the chat's last one, not otherwise", async () => {
    const { sendMessage: older } = await alice.http.run(SendMessageDocument, text("older"));
    const { sendMessage: last } = await alice.http.run(SendMessageDocument, text("last"));
    const list = new Recorder(t.ws(bob), ChatListUpdatedDocument);
    await settle();
    await alice.http.run(DeleteMessageDocument, { id: older.id });
    await settle();
    expect(list.items).toEqual([]);
    await alice.http.run(DeleteMessageDocument, { id: last.id });
    const [update] = await list.waitFor(1);
    expect(update?.chatListUpdated).toMatchObject({ chat: { id: chatId }, lastMessage: { text: "" } });
    list.stop();
  });
});
