// What blocking does to the live features of a group both stay in: the blocker is not mentioned
// by the blocked user, does not hear them typing, and (even befriended again by the blocker) shows
// offline to them. Both backends.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  BlockUserDocument,
  RequestFriendDocument,
  ReviewJoinRequestDocument,
  SendRichDocument,
  SetTypingDocument,
  TypingDocument,
  UserOnlineDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { Recorder, sleep } from "./helpers/client.ts";
import { befriend, createGroup } from "./helpers/social.ts";

let t: TestApp;
let owner: TestUser;
let blocker: TestUser;
let blocked: TestUser;
let groupId: string;

beforeAll(async () => {
  t = await startTestApp();
  [owner, blocker, blocked] = await Promise.all([t.signUp("Owner"), t.signUp("Blocker"), t.signUp("Blocked")]);
  await befriend(owner, blocker);
  await befriend(owner, blocked);
  groupId = await createGroup(owner, [blocker, blocked]);
  await blocker.http.run(BlockUserDocument, { userId: blocked.id });
});
afterAll(() => t?.close());

it("drops the blocked user's mention of the blocker, keeping the message and other mentions", async () => {
  const { sendMessage } = await blocked.http.run(SendRichDocument, {
    input: { chatId: groupId, type: "TEXT", text: "@both", mentionIds: [blocker.id, owner.id] },
  });
  expect(sendMessage.mentions.map((u) => u.id)).toEqual([owner.id]);
  // The blocker's own mention of the blocked user stands.
  const theirs = await blocker.http.run(SendRichDocument, {
    input: { chatId: groupId, type: "TEXT", text: "@you", mentionIds: [blocked.id] },
  });
  expect(theirs.sendMessage.mentions.map((u) => u.id)).toEqual([blocked.id]);
});

it("does not tell the blocker that the blocked user is typing; others still hear it", async () => {
  const atBlocker = new Recorder(t.ws(blocker), TypingDocument, { chatId: groupId });
  const atOwner = new Recorder(t.ws(owner), TypingDocument, { chatId: groupId });
  await sleep(300);
  await blocked.http.run(SetTypingDocument, { chatId: groupId, typing: true });
  await owner.http.run(SetTypingDocument, { chatId: groupId, typing: true });
  const [heard] = await atOwner.waitFor(1);
  expect(heard?.typing.user.id).toBe(blocked.id);
  const [fromOwner] = await atBlocker.waitFor(1);
  expect(fromOwner?.typing.user.id).toBe(owner.id);
  await sleep(300);
  expect(atBlocker.items.map((i) => i.typing.user.id)).toEqual([owner.id]);
});

it("shows the blocker offline to the blocked user, even when the blocker befriends them again", async () => {
  const socket = t.ws(blocker);
  new Recorder(socket, TypingDocument, {});
  await sleep(300);
  const { requestFriend } = await blocker.http.run(RequestFriendDocument, { userId: blocked.id });
  await blocked.http.run(ReviewJoinRequestDocument, { id: requestFriend.id, decision: "APPROVE" });
  expect((await blocker.http.run(UserOnlineDocument, { id: blocker.id })).user?.online).toBe(true);
  expect((await blocked.http.run(UserOnlineDocument, { id: blocker.id })).user?.online).toBe(false);
});
