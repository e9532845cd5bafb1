// Builds social state through the API: friendships and groups.
import {
  CreateGroupDocument,
  RemoveGroupMemberDocument,
  RequestFriendDocument,
  ReviewJoinRequestDocument,
  SetGroupAdminDocument,
  SetMemberMutedDocument,
} from "../gql/graphql.ts";
import type { TestUser } from "./app.ts";

export async function befriend(a: TestUser, b: TestUser): Promise<void> {
  const { requestFriend } = await a.http.run(RequestFriendDocument, { userId: b.id });
  await b.http.run(ReviewJoinRequestDocument, { id: requestFriend.id, decision: "APPROVE" });
}

export async function createGroup(owner: TestUser, members: TestUser[], name = "Group"): Promise<string> {
  const { createGroup } = await owner.http.run(CreateGroupDocument, {
    input: { name, memberIds: members.map((m) => m.id) },
  });
  return createGroup.chat.id;
}

export type Cast = {
  owner: TestUser;
  admin: TestUser;
  member: TestUser;
  muted: TestUser;
  removed: TestUser;
  target: TestUser;
};

/** A group with one of each role: owner, admin, member, muted member, a removed member, and a target member. */
export async function castGroup(c: Cast): Promise<string> {
  const chatId = await createGroup(c.owner, [c.admin, c.member, c.muted, c.removed, c.target]);
  await c.owner.http.run(SetGroupAdminDocument, { chatId, userId: c.admin.id, admin: true });
  await c.owner.http.run(SetMemberMutedDocument, { chatId, userId: c.muted.id, muted: true });
  await c.owner.http.run(RemoveGroupMemberDocument, { chatId, userId: c.removed.id });
  return chatId;
}
