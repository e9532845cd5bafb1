// DIRECT_CHAT_POLICY: `everyone` (a stranger's chat reaches the target's list with its first
// message, not before) or `friends` (only friends open a direct chat, and only friends send in one
// that exists; it stays readable).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BlockUserDocument,
  MessagesDocument,
  OpenDirectChatDocument,
  RecentChatsDocument,
  RemoveFriendDocument,
  SendMessageDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { befriend } from "./helpers/social.ts";

let everyone: TestApp;
let friendsOnly: TestApp;
beforeAll(async () => {
  [everyone, friendsOnly] = await Promise.all([startTestApp(), startTestApp({ DIRECT_CHAT_POLICY: "friends" })]);
});
afterAll(async () => {
  await everyone?.close();
  await friendsOnly?.close();
});

const send = (u: TestUser, chatId: string, text: string) =>
  u.http.raw(SendMessageDocument, { input: { chatId, type: "TEXT", text } });
const listed = async (u: TestUser) =>
  (await u.http.run(RecentChatsDocument, { first: 100 })).recentChats.edges.map((e) => e.node);
const errorsOf = (r: { errors?: { message: string; extensions?: { code?: string } }[] }) =>
  r.errors?.map((e) => [e.extensions?.code, e.message]);
const ONLY_FRIENDS = [["FORBIDDEN", "only friends may message each other directly"]];

describe("DIRECT_CHAT_POLICY=everyone (default)", () => {
  it("a stranger's chat reaches the target's list with its first message only", async () => {
    const [stranger, target] = await Promise.all([everyone.signUp(), everyone.signUp()]);
    const chat = (await stranger.http.run(OpenDirectChatDocument, { userId: target.id })).openDirectChat.chat.id;
    expect((await listed(target)).map((n) => n.chat.id)).not.toContain(chat);
    expect((await send(stranger, chat, "hello?")).errors).toBeUndefined();
    expect((await listed(target)).find((n) => n.chat.id === chat)?.lastMessage?.text).toBe("hello?");
  });
});

describe("DIRECT_CHAT_POLICY=friends", () => {
  it("refuses a stranger's direct chat, and creates nothing", async () => {
    const [stranger, target] = await Promise.all([friendsOnly.signUp(), friendsOnly.signUp()]);
    const before = await listed(stranger);
    expect(errorsOf(await stranger.http.raw(OpenDirectChatDocument, { userId: target.id }))).toEqual(ONLY_FRIENDS);
    expect(await listed(stranger)).toEqual(before);
    // A blocked stranger hears the same: the block is not told.
    await target.http.run(BlockUserDocument, { userId: stranger.id });
    expect(errorsOf(await stranger.http.raw(OpenDirectChatDocument, { userId: target.id }))).toEqual(ONLY_FRIENDS);
  });

  it("lets friends talk; once they are no longer friends the chat stays readable but refuses sends", async () => {
    const [a, b] = await Promise.all([friendsOnly.signUp(), friendsOnly.signUp()]);
    await befriend(a, b);
    const { openDirectChat } = await a.http.run(OpenDirectChatDocument, { userId: b.id });
    expect(openDirectChat.canSend).toBe(true);
    const chat = openDirectChat.chat.id;
    expect((await send(a, chat, "hi friend")).errors).toBeUndefined();
    await b.http.run(RemoveFriendDocument, { userId: a.id });
    for (const [u, other] of [
      [a, b],
      [b, a],
    ] as const) {
      expect(errorsOf(await send(u, chat, "still there?"))).toEqual(ONLY_FRIENDS);
      expect(errorsOf(await u.http.raw(OpenDirectChatDocument, { userId: other.id }))).toEqual(ONLY_FRIENDS);
      const texts = (await u.http.run(MessagesDocument, { chatId: chat })).messages.edges.map((e) => e.node.text);
      expect(texts).toEqual(["hi friend"]);
      expect((await listed(u)).find((n) => n.chat.id === chat)?.canSend).toBe(false);
    }
    // Friends again: they talk again.
    await befriend(b, a);
    expect((await send(b, chat, "back")).errors).toBeUndefined();
    expect((await listed(b)).find((n) => n.chat.id === chat)?.canSend).toBe(true);
  });
});
