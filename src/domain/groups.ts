// Groups: creation, roles (owner, admins), mute, membership changes, dissolve, transfer. Each
// management action checks and writes in one transaction, the memberships it reads locked, so a
// demoted or removed admin cannot act in between; its events are published after commit.
import type { Services } from "../context.ts";
import { badInput, conflict, forbidden, notFound } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { publishChatChanged, publishChatDissolved, publishEntryChanged, publishMembership } from "../pubsub.ts";
import { requireOwnUpload } from "./attachments.ts";
import { lockMembers } from "./chats.ts";
import { recordJoined, recordLeft } from "./events.ts";
import { voidForDeparted, voidForDissolved, voidStaleInvitations } from "./join-voids.ts";
import { MANAGERS, manageRefusal, mayActOn } from "./roles.ts";
import { fileId, optionalText, text } from "./validate.ts";

type Tx = Prisma.TransactionClient;

const MAX_INITIAL_MEMBERS = 500;

export type GroupInput = { name?: string | null; announcement?: string | null; thumbFileId?: string | null };

function groupFields(input: GroupInput) {
  const data: { name?: string; announcement?: string; thumbFileId?: string | null } = {};
  if (input.name !== undefined && input.name !== null) data.name = text(input.name, "name", { max: 64 });
  if (input.announcement !== undefined && input.announcement !== null)
    data.announcement = optionalText(input.announcement, "announcement", 2000) ?? "";
  if (input.thumbFileId !== undefined)
    data.thumbFileId = input.thumbFileId ? fileId(input.thumbFileId, "thumbFileId") : null;
  return data;
}

/** The creator becomes owner; the members, who must be the creator's friends, join at once. */
export async function createGroup(svc: Services, me: number, input: GroupInput & { memberIds: number[] }) {
  const { prisma } = svc;
  const data = groupFields(input);
  if (!data.name) throw badInput("name", "must not be empty");
  await requireOwnUpload(svc, me, data.thumbFileId, "IMAGE", "thumbFileId", svc.config.uploadLimits.avatar);
  const memberIds = [...new Set(input.memberIds)].filter((id) => id !== me);
  if (memberIds.length > MAX_INITIAL_MEMBERS) throw badInput("memberIds", `at most ${MAX_INITIAL_MEMBERS} members`);
  const friends = await prisma.friend.findMany({
    where: { userId: me, friendId: { in: memberIds }, type: "FRIEND" },
    select: { friendId: true },
  });
  if (friends.length !== memberIds.length) throw forbidden("only friends can be added to a new group");
  const chat = await prisma.$transaction(async (tx) => {
    const created = await tx.chat.create({
      data: {
        ...data,
        type: "GROUP",
        ownerId: me,
        memberCount: memberIds.length + 1,
        members: {
          create: [
            { userId: me, role: "OWNER" as const, entry: { create: {} } },
            ...memberIds.map((userId) => ({ userId, entry: { create: {} } })),
          ],
        },
      },
      select: { id: true },
    });
    await recordJoined(tx, svc.config.events, created.id, [me, ...memberIds]);
    return created;
  });
  publishMembership(svc.pubsub, [me, ...memberIds], chat.id, true);
  svc.outbox?.kick();
  return chat.id;
}

/**
 * Locks the caller's membership of a live group, and the target's when there is one, and checks
 * that the caller may act: a manager (or the owner alone), on another member they may act on.
 */
async function lockActor(tx: Tx, chatId: number, me: number, need: "manager" | "owner", target?: number) {
  const locked = await lockMembers(tx, chatId, target === undefined ? [me] : [me, target]);
  const actor = locked.get(me);
  if (!actor || actor.chat.isDeleted) throw notFound("chat");
  if (actor.chat.type !== "GROUP") throw badInput("chatId", "not a group");
  const refusal = manageRefusal(actor, need);
  if (refusal) throw forbidden(refusal);
  if (target === undefined) return;
  if (target === me) throw badInput("userId", "cannot be yourself");
  const member = locked.get(target);
  if (!member) throw notFound("member");
  if (!mayActOn(actor.role, member.role)) throw forbidden("admins cannot act on the owner or other admins");
}

export async function updateGroup(svc: Services, me: number, chatId: number, input: GroupInput) {
  await svc.prisma.$transaction(async (tx) => {
    await lockActor(tx, chatId, me, "manager");
    const data = groupFields(input);
    if (data.name === "") throw badInput("name", "must not be empty");
    const limit = svc.config.uploadLimits.avatar;
    await requireOwnUpload({ config: svc.config, prisma: tx }, me, data.thumbFileId, "IMAGE", "thumbFileId", limit);
    await tx.chat.update({ where: { id: chatId }, data });
  });
  publishChatChanged(svc.pubsub, chatId);
}

export async function setGroupMuted(svc: Services, me: number, chatId: number, muted: boolean) {
  await svc.prisma.$transaction(async (tx) => {
    await lockActor(tx, chatId, me, "manager");
    await tx.chat.update({ where: { id: chatId }, data: { muted } });
    await voidStaleInvitations(tx, chatId);
  });
  publishChatChanged(svc.pubsub, chatId);
}

export async function setMemberMuted(svc: Services, me: number, chatId: number, userId: number, muted: boolean) {
  await svc.prisma.$transaction(async (tx) => {
    await lockActor(tx, chatId, me, "manager", userId);
    await tx.chatMember.update({ where: { chatId_userId: { chatId, userId } }, data: { muted } });
    await voidStaleInvitations(tx, chatId);
  });
  publishEntryChanged(svc.pubsub, userId, chatId, null);
}

export async function setAdmin(svc: Services, me: number, chatId: number, userId: number, admin: boolean) {
  await svc.prisma.$transaction(async (tx) => {
    await lockActor(tx, chatId, me, "owner", userId);
    await tx.chatMember.update({
      where: { chatId_userId: { chatId, userId } },
      data: { role: admin ? "ADMIN" : "MEMBER" },
    });
    await voidStaleInvitations(tx, chatId);
  });
  publishEntryChanged(svc.pubsub, userId, chatId, null);
}

/** Removal is final: the user's pending requests for the group and the invitations they sent go too. */
async function dropMember(tx: Tx, chatId: number, userId: number) {
  await tx.chatMember.delete({ where: { chatId_userId: { chatId, userId } } });
  await tx.chat.update({ where: { id: chatId }, data: { memberCount: { decrement: 1 } } });
  await voidForDeparted(tx, chatId, userId);
}

export async function removeMember(svc: Services, me: number, chatId: number, userId: number) {
  await svc.prisma.$transaction(async (tx) => {
    await lockActor(tx, chatId, me, "manager", userId);
    await dropMember(tx, chatId, userId);
    await recordLeft(tx, svc.config.events, chatId, [userId], "removed");
  });
  svc.outbox?.kick();
  publishMembership(svc.pubsub, [userId], chatId, false);
  publishChatChanged(svc.pubsub, chatId);
}

export async function leaveGroup(svc: Services, me: number, chatId: number) {
  await svc.prisma.$transaction(async (tx) => {
    const member = (await lockMembers(tx, chatId, [me])).get(me);
    if (!member || member.chat.isDeleted) throw notFound("chat");
    if (member.chat.type !== "GROUP") throw badInput("chatId", "not a group");
    if (member.role === "OWNER") throw conflict("the owner must transfer the group before leaving");
    await dropMember(tx, chatId, me);
    await recordLeft(tx, svc.config.events, chatId, [me], "left");
  });
  svc.outbox?.kick();
  publishMembership(svc.pubsub, [me], chatId, false);
  publishChatChanged(svc.pubsub, chatId);
}

/** Dissolves the group: it refuses sends and leaves every list; its members are told. */
export async function dissolveGroup(svc: Services, me: number, chatId: number) {
  const members = await svc.prisma.$transaction(async (tx) => {
    await lockActor(tx, chatId, me, "owner");
    await tx.chat.update({ where: { id: chatId }, data: { isDeleted: true } });
    await voidForDissolved(tx, chatId);
    const all = await tx.chatMember.findMany({ where: { chatId }, select: { userId: true } });
    const ids = all.map((m) => m.userId);
    await recordLeft(tx, svc.config.events, chatId, ids, "dissolved");
    return all;
  });
  svc.outbox?.kick();
  publishChatDissolved(svc.pubsub, chatId);
  publishMembership(
    svc.pubsub,
    members.map((m) => m.userId),
    chatId,
    false,
  );
}

/** The new owner takes over; the old owner stays as an admin. */
export async function transferOwnership(svc: Services, me: number, chatId: number, userId: number) {
  await svc.prisma.$transaction(async (tx) => {
    await lockActor(tx, chatId, me, "owner", userId);
    await tx.chatMember.update({ where: { chatId_userId: { chatId, userId } }, data: { role: "OWNER", muted: false } });
    await tx.chatMember.update({ where: { chatId_userId: { chatId, userId: me } }, data: { role: "ADMIN" } });
    await tx.chat.update({ where: { id: chatId }, data: { ownerId: userId } });
  });
  publishEntryChanged(svc.pubsub, userId, chatId, null);
  publishEntryChanged(svc.pubsub, me, chatId, null);
  publishChatChanged(svc.pubsub, chatId);
}

/**
 * Adds a member to a live group (approved request or invitation); false when already in it. The
 * newcomer has read up to the group's last message at that moment: unread counts only what comes
 * after, what came before stays readable as history (no read receipt: nobody read anything).
 */
export async function addMember(tx: Prisma.TransactionClient, chatId: number, userId: number): Promise<boolean> {
  const chat = await tx.chat.findUnique({
    where: { id: chatId },
    select: { isDeleted: true, type: true, lastSeq: true, lastMessageId: true },
  });
  if (!chat || chat.isDeleted || chat.type !== "GROUP") throw conflict("the group no longer exists");
  const existing = await tx.chatMember.findUnique({ where: { chatId_userId: { chatId, userId } } });
  if (existing) return false;
  await tx.chatMember.create({
    data: { chatId, userId, entry: { create: { readSeq: chat.lastSeq, readMessageId: chat.lastMessageId } } },
  });
  await tx.chat.update({ where: { id: chatId }, data: { memberCount: { increment: 1 } } });
  return true;
}

export async function managerIds(prisma: PrismaClient | Prisma.TransactionClient, chatId: number): Promise<number[]> {
  const rows = await prisma.chatMember.findMany({
    where: { chatId, role: { in: [...MANAGERS] } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}
