// Join requests: FRIEND (the target user reviews), GROUP (the owner or an admin reviews) and
// INVITE (the invitee reviews). PENDING -> APPROVED | REJECTED | IGNORED, once. The requester and
// the reviewers hear of each new or reviewed request.
import type { EventsConfig } from "../config.ts";
import type { Services } from "../context.ts";
import { badInput, conflict, forbidden, notFound, rateLimited } from "../errors.ts";
import type { JoinRequest, Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { JoinRequestStatus } from "../generated/prisma/enums.ts";
import { publishChatChanged, publishJoinRequest, publishMembership } from "../pubsub.ts";
import type { Limiter } from "../runtime/rate-limits.ts";
import { assertNotBlockedBy, blockersAmong, notAllowed } from "./blocks.ts";
import { requireMember } from "./chats.ts";
import { recordEvent, recordJoined, recordRequest, userKey } from "./events.ts";
import { areFriends, befriend, notSelf } from "./friends.ts";
import { addMember, managerIds } from "./groups.ts";
import { OPEN, voidRequest } from "./join-voids.ts";
import { isManager, MANAGERS, mayInvite, speakRefusal } from "./roles.ts";
import { requireUser } from "./users.ts";
import { optionalText } from "./validate.ts";

export type Decision = "APPROVE" | "REJECT" | "IGNORE";
const STATUS: Record<Decision, JoinRequestStatus> = { APPROVE: "APPROVED", REJECT: "REJECTED", IGNORE: "IGNORED" };
const MAX_INVITES = 100;
/** joinRequests answers the newest this many (its description says so). */
const JOIN_REQUEST_LIST_MAX = 200;

/** Who hears of a request: the requester and whoever may review it. */
async function audience(prisma: PrismaClient, r: JoinRequest): Promise<number[]> {
  const reviewers = r.type === "GROUP" && r.chatId ? await managerIds(prisma, r.chatId) : [];
  return [r.requesterId, ...(r.targetUserId ? [r.targetUserId] : []), ...reviewers];
}

/** Tells the audience of each new request; a repeated ask is no news. */
async function announce(svc: Services, requests: { request: JoinRequest; created: boolean }[]) {
  if (requests.some((r) => r.created)) svc.outbox?.kick();
  for (const { request, created } of requests)
    if (created) publishJoinRequest(svc.pubsub, await audience(svc.prisma, request), request.id);
}

const note = (message: string | null | undefined) => optionalText(message, "message", 200) ?? null;

/**
 * Asks `target` for friendship (rate limited per requester). After the target rejected or ignored
 * the last request, asking again waits the cooldown from that review (RATE_LIMITED, time left).
 */
export async function requestFriend(svc: Services, me: number, target: number, message: string | null | undefined) {
  await svc.limiter.hit(`friend-request:${me}`, svc.config.friendRequestPerMinute);
  const cooldownMs = svc.config.friendRequestCooldownSeconds * 1000;
  const r = await askFriend(svc.prisma, me, target, message, cooldownMs, svc.config.events);
  await announce(svc, [r]);
  return r.request;
}

async function askFriend(
  prisma: PrismaClient,
  me: number,
  target: number,
  message: string | null | undefined,
  cooldownMs: number,
  events: EventsConfig | null,
) {
  notSelf(me, target);
  const text = note(message);
  await requireUser(prisma, target);
  await assertNotBlockedBy(prisma, target, me);
  if (await areFriends(prisma, me, target)) throw conflict("already friends");
  const last = await prisma.joinRequest.findFirst({
    where: { type: "FRIEND", requesterId: me, targetUserId: target },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (last?.status === "PENDING") return { request: last, created: false };
  if ((last?.status === "REJECTED" || last?.status === "IGNORED") && last.reviewedAt) {
    const left = last.reviewedAt.getTime() + cooldownMs - Date.now();
    if (left > 0) throw rateLimited(left);
  }
  const request = await prisma.$transaction(async (tx) => {
    const r = await tx.joinRequest.create({
      data: { type: "FRIEND", requesterId: me, targetUserId: target, message: text },
    });
    await recordRequest(tx, events, "join_request.created", r);
    return r;
  });
  return { request, created: true };
}

/** Asks to join a group (rate limited per requester: it tells whether a group id exists). */
export async function requestJoinGroup(svc: Services, me: number, chatId: number, message?: string | null) {
  await svc.limiter.hit(`joingroup:${me}`, svc.config.joinRequestPerMinute);
  const r = await askToJoin(svc.prisma, me, chatId, message, svc.config.events);
  await announce(svc, [r]);
  return r.request;
}

async function askToJoin(
  prisma: PrismaClient,
  me: number,
  chatId: number,
  message: string | null | undefined,
  events: EventsConfig | null,
) {
  const text = note(message);
  const chat = await prisma.chat.findUnique({ where: { id: chatId }, select: { type: true, isDeleted: true } });
  if (!chat || chat.isDeleted || chat.type !== "GROUP") throw notFound("group");
  const member = await prisma.chatMember.findUnique({ where: { chatId_userId: { chatId, userId: me } } });
  if (member) throw conflict("already a member");
  const pending = await prisma.joinRequest.findFirst({
    where: { type: "GROUP", requesterId: me, chatId, ...OPEN },
  });
  if (pending) return { request: pending, created: false };
  const request = await prisma.$transaction(async (tx) => {
    const r = await tx.joinRequest.create({ data: { type: "GROUP", requesterId: me, chatId, message: text } });
    await recordRequest(tx, events, "join_request.created", r);
    return r;
  });
  return { request, created: true };
}

/**
 * A member who may invite invites users (rate limited per inviter); each invitee reviews their own.
 * Answers the invitations created or already pending for the users named; members are skipped.
 */
export async function invite(svc: Services, me: number, chatId: number, userIds: number[]) {
  await svc.limiter.hit(`invite:${me}`, svc.config.invitePerMinute);
  const requests = await inviteUsers(
    svc.prisma,
    svc.limiter,
    svc.config.userLookupPerMinute,
    me,
    chatId,
    userIds,
    svc.config.events,
  );
  await announce(svc, requests);
  return requests.map((r) => r.request);
}

async function inviteUsers(
  prisma: PrismaClient,
  limiter: Limiter,
  lookupPerMinute: number,
  me: number,
  chatId: number,
  userIds: number[],
  events: EventsConfig | null,
) {
  const member = await requireMember(prisma, chatId, me);
  if (member.chat.type !== "GROUP") throw badInput("chatId", "not a group");
  // One rule for sending and keeping an invitation: the owner and admins, or a member who may speak.
  if (!mayInvite(member)) throw forbidden(speakRefusal(member) ?? "you may not invite to this group");
  const ids = [...new Set(userIds)];
  if (ids.length === 0 || ids.length > MAX_INVITES) throw badInput("userIds", `1 to ${MAX_INVITES} users`);
  for (const id of ids) notSelf(me, id, "userIds");
  const users = await prisma.user.count({ where: { id: { in: ids } } });
  if (users !== ids.length) throw notFound("user");
  if ((await blockersAmong(prisma, ids, me)).size > 0) throw notAllowed();
  // An invitation answers its invitee: strangers count as user lookups (ids are sequential).
  const friends = await prisma.friend.count({ where: { userId: me, friendId: { in: ids }, type: "FRIEND" } });
  if (ids.length > friends) await limiter.hit(`lookup:${me}`, lookupPerMinute, ids.length - friends);
  return prisma.$transaction(async (tx) => {
    // Members are skipped: the others are still invited (all members: an empty answer).
    const members = await tx.chatMember.findMany({
      where: { chatId, userId: { in: ids } },
      select: { userId: true },
    });
    const skip = new Set(members.map((m) => m.userId));
    const out: { request: JoinRequest; created: boolean }[] = [];
    for (const targetUserId of ids) {
      if (skip.has(targetUserId)) continue;
      const pending = await tx.joinRequest.findFirst({
        where: { type: "INVITE", chatId, targetUserId, ...OPEN },
      });
      if (pending) out.push({ request: pending, created: false });
      else
        out.push({
          request: await tx.joinRequest.create({ data: { type: "INVITE", requesterId: me, targetUserId, chatId } }),
          created: true,
        });
    }
    for (const { request, created } of out)
      if (created) await recordRequest(tx, events, "join_request.created", request);
    return out;
  });
}

/** May `me` see the request at all? The requester, the target user, or a manager of the group. */
async function canSee(prisma: PrismaClient, me: number, r: JoinRequest): Promise<"reviewer" | "party" | null> {
  if ((r.type === "FRIEND" || r.type === "INVITE") && r.targetUserId === me) return "reviewer";
  if (r.type === "GROUP" && r.chatId) {
    const m = await prisma.chatMember.findUnique({ where: { chatId_userId: { chatId: r.chatId, userId: me } } });
    if (m && isManager(m)) return "reviewer";
  }
  return r.requesterId === me ? "party" : null;
}

/**
 * Reviews a pending request; approval takes effect in the same transaction. A voided request is
 * not found. A new member is told they joined, and the group that it changed.
 */
export async function review(svc: Services, me: number, id: number, decision: Decision) {
  const { request, newMember } = await decide(svc.prisma, me, id, decision, svc.config.events);
  if (newMember && request.chatId) {
    publishMembership(svc.pubsub, [newMember], request.chatId, true);
    publishChatChanged(svc.pubsub, request.chatId);
  }
  await announce(svc, [{ request, created: true }]);
  return request;
}

async function decide(prisma: PrismaClient, me: number, id: number, decision: Decision, events: EventsConfig | null) {
  const request = await prisma.joinRequest.findUnique({ where: { id } });
  const role = request && !request.voidedAt ? await canSee(prisma, me, request) : null;
  if (!request || !role) throw notFound("join request");
  if (role !== "reviewer") throw forbidden("only the reviewer of this request may decide it");
  if (request.status !== "PENDING") throw conflict(`already ${request.status.toLowerCase()}`);
  const outcome = await prisma.$transaction(async (tx) => {
    // An invitation holds only while its inviter may still invite; otherwise it is void.
    if (request.type === "INVITE" && !mayInvite(await inviterOf(tx, request))) {
      await voidRequest(tx, id);
      return "void" as const;
    }
    const { count } = await tx.joinRequest.updateMany({
      where: { id, ...OPEN },
      data: { status: STATUS[decision], reviewedAt: new Date(), reviewerId: me },
    });
    if (count === 0) {
      const now = await tx.joinRequest.findUnique({ where: { id }, select: { voidedAt: true } });
      if (!now || now.voidedAt) return "void" as const;
      throw conflict("already reviewed");
    }
    await recordRequest(tx, events, "join_request.reviewed", await tx.joinRequest.findUniqueOrThrow({ where: { id } }));
    if (decision !== "APPROVE") return false;
    if (request.type === "FRIEND") {
      await befriend(tx, request.requesterId, me);
      await recordEvent(tx, events, "friendship.created", userKey(Math.min(me, request.requesterId)), {
        userId: String(request.requesterId),
        friendId: String(me),
      });
      return false;
    }
    const newcomer = request.type === "GROUP" ? request.requesterId : me;
    const added = await addMember(tx, request.chatId as number, newcomer);
    if (added) await recordJoined(tx, events, request.chatId as number, [newcomer]);
    return added;
  });
  if (outcome === "void") throw notFound("join request");
  const updated = await prisma.joinRequest.findUniqueOrThrow({ where: { id } });
  const newMember = outcome ? (request.type === "GROUP" ? request.requesterId : me) : null;
  return { request: updated, newMember };
}

function inviterOf(tx: Prisma.TransactionClient, r: JoinRequest) {
  return tx.chatMember.findUnique({
    where: { chatId_userId: { chatId: r.chatId as number, userId: r.requesterId } },
    select: { role: true, muted: true, chat: { select: { type: true, muted: true, isDeleted: true } } },
  });
}

export async function listRequests(
  prisma: PrismaClient,
  me: number,
  direction: "INCOMING" | "OUTGOING",
  status: JoinRequestStatus | null | undefined,
  query: object,
) {
  const statusFilter = { voidedAt: null, ...(status ? { status } : {}) };
  const where =
    direction === "OUTGOING"
      ? { requesterId: me, ...statusFilter }
      : {
          ...statusFilter,
          OR: [
            { type: { in: ["FRIEND" as const, "INVITE" as const] }, targetUserId: me },
            {
              type: "GROUP" as const,
              chat: {
                isDeleted: false,
                members: { some: { userId: me, role: { in: [...MANAGERS] } } },
              },
            },
          ],
        };
  return prisma.joinRequest.findMany({
    ...query,
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: JOIN_REQUEST_LIST_MAX,
  });
}
