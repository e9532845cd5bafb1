// Groups: creation, roles (owner, admins), mute, membership changes, dissolve, transfer.
import { badInput, conflict, forbidden, notFound } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { MemberRole } from "../generated/prisma/enums.ts";
import { requireMember } from "./chats.ts";
import { voidForDeparted, voidForDissolved, voidStaleInvitations } from "./join-voids.ts";
import { isManager, MANAGERS, mayActOn } from "./roles.ts";
import { fileId, optionalText, text } from "./validate.ts";

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
export async function createGroup(prisma: PrismaClient, me: number, input: GroupInput & { memberIds: number[] }) {
  const data = groupFields(input);
  if (!data.name) throw badInput("name", "must not be empty");
  const memberIds = [...new Set(input.memberIds)].filter((id) => id !== me);
  if (memberIds.length > MAX_INITIAL_MEMBERS) throw badInput("memberIds", `at most ${MAX_INITIAL_MEMBERS} members`);
  const friends = await prisma.friend.findMany({
    where: { userId: me, friendId: { in: memberIds }, type: "FRIEND" },
    select: { friendId: true },
  });
  if (friends.length !== memberIds.length) throw forbidden("only friends can be added to a new group");
  const chat = await prisma.chat.create({
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
  return { chatId: chat.id, memberIds: [me, ...memberIds] };
}

/** The caller's membership of a live group, required to be the owner or an admin. */
export async function requireManager(prisma: PrismaClient | Prisma.TransactionClient, chatId: number, me: number) {
  const member = await requireMember(prisma, chatId, me);
  if (member.chat.type !== "GROUP") throw badInput("chatId", "not a group");
  if (!isManager(member)) throw forbidden("only the owner or an admin may do this");
  return member;
}

export async function requireOwner(prisma: PrismaClient, chatId: number, me: number) {
  const member = await requireManager(prisma, chatId, me);
  if (member.role !== "OWNER") throw forbidden("only the owner may do this");
  return member;
}

/** The target member, which a manager may act on: never themselves; an admin not on the owner or admins. */
async function targetOf(prisma: PrismaClient, actor: { role: MemberRole }, chatId: number, me: number, userId: number) {
  if (userId === me) throw badInput("userId", "cannot be yourself");
  const target = await prisma.chatMember.findUnique({ where: { chatId_userId: { chatId, userId } } });
  if (!target) throw notFound("member");
  if (!mayActOn(actor.role, target.role)) throw forbidden("admins cannot act on the owner or other admins");
  return target;
}

export async function updateGroup(prisma: PrismaClient, me: number, chatId: number, input: GroupInput) {
  await requireManager(prisma, chatId, me);
  const data = groupFields(input);
  if (data.name === "") throw badInput("name", "must not be empty");
  return prisma.chat.update({ where: { id: chatId }, data, select: { id: true } });
}

export async function setGroupMuted(prisma: PrismaClient, me: number, chatId: number, muted: boolean) {
  await requireManager(prisma, chatId, me);
  await prisma.$transaction(async (tx) => {
    await tx.chat.update({ where: { id: chatId }, data: { muted } });
    await voidStaleInvitations(tx, chatId);
  });
}

export async function setMemberMuted(prisma: PrismaClient, me: number, chatId: number, userId: number, muted: boolean) {
  const actor = await requireManager(prisma, chatId, me);
  await targetOf(prisma, actor, chatId, me, userId);
  await prisma.$transaction(async (tx) => {
    await tx.chatMember.update({ where: { chatId_userId: { chatId, userId } }, data: { muted } });
    await voidStaleInvitations(tx, chatId);
  });
}

export async function setAdmin(prisma: PrismaClient, me: number, chatId: number, userId: number, admin: boolean) {
  const actor = await requireOwner(prisma, chatId, me);
  await targetOf(prisma, actor, chatId, me, userId);
  await prisma.$transaction(async (tx) => {
    await tx.chatMember.update({
      where: { chatId_userId: { chatId, userId } },
      data: { role: admin ? "ADMIN" : "MEMBER" },
    });
    await voidStaleInvitations(tx, chatId);
  });
}

/** Removal is final: the user's pending requests for the group and the invitations they sent go too. */
async function dropMember(prisma: PrismaClient, chatId: number, userId: number) {
  await prisma.$transaction(async (tx) => {
    await tx.chatMember.delete({ where: { chatId_userId: { chatId, userId } } });
    await tx.chat.update({ where: { id: chatId }, data: { memberCount: { decrement: 1 } } });
    await voidForDeparted(tx, chatId, userId);
  });
}

export async function removeMember(prisma: PrismaClient, me: number, chatId: number, userId: number) {
  const actor = await requireManager(prisma, chatId, me);
  await targetOf(prisma, actor, chatId, me, userId);
  await dropMember(prisma, chatId, userId);
}

export async function leaveGroup(prisma: PrismaClient, me: number, chatId: number) {
  const member = await requireMember(prisma, chatId, me);
  if (member.chat.type !== "GROUP") throw badInput("chatId", "not a group");
  if (member.role === "OWNER") throw conflict("the owner must transfer the group before leaving");
  await dropMember(prisma, chatId, me);
}

/** Dissolves the group: it refuses sends and leaves every list. Returns the members to tell. */
export async function dissolveGroup(prisma: PrismaClient, me: number, chatId: number): Promise<number[]> {
  await requireOwner(prisma, chatId, me);
  await prisma.$transaction(async (tx) => {
    await tx.chat.update({ where: { id: chatId }, data: { isDeleted: true } });
    await voidForDissolved(tx, chatId);
  });
  const members = await prisma.chatMember.findMany({ where: { chatId }, select: { userId: true } });
  return members.map((m) => m.userId);
}

/** The new owner takes over; the old owner stays as an admin. */
export async function transferOwnership(prisma: PrismaClient, me: number, chatId: number, userId: number) {
  const actor = await requireOwner(prisma, chatId, me);
  await targetOf(prisma, actor, chatId, me, userId);
  await prisma.$transaction([
    prisma.chatMember.update({ where: { chatId_userId: { chatId, userId } }, data: { role: "OWNER", muted: false } }),
    prisma.chatMember.update({ where: { chatId_userId: { chatId, userId: me } }, data: { role: "ADMIN" } }),
    prisma.chat.update({ where: { id: chatId }, data: { ownerId: userId } }),
  ]);
}

/** Adds a member to a live group (approved request or invitation); false when already in it. */
export async function addMember(tx: Prisma.TransactionClient, chatId: number, userId: number): Promise<boolean> {
  const chat = await tx.chat.findUnique({ where: { id: chatId }, select: { isDeleted: true, type: true } });
  if (!chat || chat.isDeleted || chat.type !== "GROUP") throw conflict("the group no longer exists");
  const existing = await tx.chatMember.findUnique({ where: { chatId_userId: { chatId, userId } } });
  if (existing) return false;
  await tx.chatMember.create({ data: { chatId, userId, entry: { create: {} } } });
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
