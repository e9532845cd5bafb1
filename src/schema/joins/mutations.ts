import type { Context } from "../../context.ts";
import { requireViewer } from "../../context.ts";
import { audience, invite, requestFriend, requestJoinGroup, review } from "../../domain/joins.ts";
import { parseId } from "../../errors.ts";
import type { JoinRequest } from "../../generated/prisma/client.ts";
import { publishChatChanged, publishJoinRequest, publishMembership } from "../../pubsub.ts";
import { builder } from "../builder.ts";
import { JoinDecision } from "./types.ts";

/** Tells the requester and the reviewers of each new or reviewed request; a repeated ask is no news. */
async function announce(ctx: Context, requests: { request: JoinRequest; created: boolean }[]) {
  for (const { request, created } of requests)
    if (created) publishJoinRequest(ctx.pubsub, await audience(ctx.prisma, request), request.id);
}

const reload = (ctx: Context, query: object, id: number) =>
  ctx.prisma.joinRequest.findUniqueOrThrow({ ...query, where: { id } });

builder.mutationField("requestFriend", (t) =>
  t.prismaField({
    type: "JoinRequest",
    args: { userId: t.arg.id({ required: true }), message: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      const { userId } = requireViewer(ctx);
      await ctx.limiter.hit(`friend-request:${userId}`, ctx.config.friendRequestPerMinute);
      const cooldownMs = ctx.config.friendRequestCooldownSeconds * 1000;
      const r = await requestFriend(ctx.prisma, userId, parseId(args.userId, "userId"), args.message, cooldownMs);
      await announce(ctx, [r]);
      return reload(ctx, query, r.request.id);
    },
  }),
);

builder.mutationField("requestJoinGroup", (t) =>
  t.prismaField({
    type: "JoinRequest",
    args: { chatId: t.arg.id({ required: true }), message: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      const me = requireViewer(ctx).userId;
      // It tells whether a group id exists: walking ids must be slow.
      await ctx.limiter.hit(`joingroup:${me}`, ctx.config.joinRequestPerMinute);
      const r = await requestJoinGroup(ctx.prisma, me, parseId(args.chatId, "chatId"), args.message);
      await announce(ctx, [r]);
      return reload(ctx, query, r.request.id);
    },
  }),
);

builder.mutationField("inviteToGroup", (t) =>
  t.prismaField({
    type: ["JoinRequest"],
    description:
      "A member who may speak (not muted; in a muted group the owner and admins) invites users; each invitee reviews their own invitation.",
    args: { chatId: t.arg.id({ required: true }), userIds: t.arg.idList({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const { userId } = requireViewer(ctx);
      await ctx.limiter.hit(`invite:${userId}`, ctx.config.invitePerMinute);
      const ids = args.userIds.map((id) => parseId(id, "userIds"));
      const requests = await invite(ctx.prisma, userId, parseId(args.chatId, "chatId"), ids);
      await announce(ctx, requests);
      const rows = await ctx.prisma.joinRequest.findMany({
        ...query,
        where: { id: { in: requests.map((r) => r.request.id) } },
      });
      return requests.map(({ request }) => rows.find((row) => row.id === request.id) ?? request);
    },
  }),
);

builder.mutationField("reviewJoinRequest", (t) =>
  t.prismaField({
    type: "JoinRequest",
    description: "FRIEND: the target user reviews. GROUP: the owner or an admin reviews. INVITE: the invitee reviews.",
    args: { id: t.arg.id({ required: true }), decision: t.arg({ type: JoinDecision, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const { request, newMember } = await review(
        ctx.prisma,
        requireViewer(ctx).userId,
        parseId(args.id, "id"),
        args.decision,
      );
      if (newMember && request.chatId) {
        publishMembership(ctx.pubsub, [newMember], request.chatId, true);
        publishChatChanged(ctx.pubsub, request.chatId);
      }
      await announce(ctx, [{ request, created: true }]);
      return reload(ctx, query, request.id);
    },
  }),
);
