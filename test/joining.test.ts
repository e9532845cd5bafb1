// A new group member starts read up to the group's last message: unread counts only what comes after.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  ChatReadStateDocument,
  InviteToGroupDocument,
  MessagesDocument,
  RequestJoinGroupDocument,
  ReviewJoinRequestDocument,
  SendMessageDocument,
} from "./gql/graphql.ts";
import { startTestApp, type TestApp, type TestUser } from "./helpers/app.ts";
import { befriend, createGroup } from "./helpers/social.ts";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const send = (u: TestUser, chatId: string, text: string) =>
  u.http.run(SendMessageDocument, { input: { chatId, type: "TEXT", text } });

it("a member who joins by invitation or by request has read the group's history, which stays readable", async () => {
  const [owner, member, invited, asker] = await Promise.all([
    t.signUp("Owner"),
    t.signUp("Member"),
    t.signUp("Invited"),
    t.signUp("Asker"),
  ]);
  await befriend(owner, member);
  const chatId = await createGroup(owner, [member]);
  const old: string[] = [];
  for (let i = 1; i <= 5; i++) old.push((await send(i % 2 ? owner : member, chatId, `m${i}`)).sendMessage.id);
  expect((await member.http.run(ChatReadStateDocument, { id: chatId })).chat).toMatchObject({
    unreadCount: 1,
    readSeq: 4,
  });

  const { inviteToGroup } = await owner.http.run(InviteToGroupDocument, { chatId, userIds: [invited.id] });
  await invited.http.run(ReviewJoinRequestDocument, { id: inviteToGroup[0]?.id ?? "", decision: "APPROVE" });
  const { requestJoinGroup } = await asker.http.run(RequestJoinGroupDocument, { chatId });
  await owner.http.run(ReviewJoinRequestDocument, { id: requestJoinGroup.id, decision: "APPROVE" });

  for (const u of [invited, asker]) {
    expect((await u.http.run(ChatReadStateDocument, { id: chatId })).chat).toEqual({
      unreadCount: 0,
      readSeq: 5,
      readUpTo: old[4],
    });
    const { messages } = await u.http.run(MessagesDocument, { chatId, first: 10 });
    expect(messages.edges.map((e) => e.node.text)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
  }

  await send(member, chatId, "m6");
  for (const u of [invited, asker])
    expect((await u.http.run(ChatReadStateDocument, { id: chatId })).chat).toMatchObject({
      unreadCount: 1,
      readSeq: 5,
    });
});
