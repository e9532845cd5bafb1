import type { Context } from "../../context.ts";
import { requireViewer } from "../../context.ts";
import { invite, requestFriend, requestJoinGroup, review } from "../../domain/joins.ts";
import { parseId } from "../../errors.ts";
import { builder } from "../builder.ts";
import { JoinDecision } from "./types.ts";

const reload = (ctx: Context, query: object, id: number) =>
  ctx.prisma.joinRequest.findUniqueOrThrow({ ...query, where: { id } });

builder.mutationField("requestFriend", (t) =>
  t.prismaField({
    type: "JoinRequest",
    args: { userId: t.arg.id({ required: true }), message: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      const { userId } = requireViewer(ctx);
      const request = await requestFriend(ctx, userId, parseId(args.userId, "userId"), args.message);
      return reload(ctx, query, request.id);
    },
  }),
);

builder.mutationField("requestJoinGroup", (t) =>
  t.prismaField({
    type: "JoinRequest",
    args: { chatId: t.arg.id({ required: true }), message: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      const me = requireViewer(ctx).userId;
      const request = await requestJoinGroup(ctx, me, parseId(args.chatId, "chatId"), args.message);
      return reload(ctx, query, request.id);
    },
  }),
);

builder.mutationField("inviteToGroup", (t) =>
  t.prismaField({
    type: ["JoinRequest"],
    description:
      "A member who may speak (not muted; in a muted group the owner and admins) invites users (1 to 100 per call); each invitee reviews their own invitation. " +
      "Answers the invitations created or already pending for the users named, in their order; users already in the group " +
      "are skipped (if all are members, the answer is empty, not an error).",
    args: { chatId: t.arg.id({ required: true }), userIds: t.arg.idList({ required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const { userId } = requireViewer(ctx);
      const ids = args.userIds.map((id) => parseId(id, "userIds"));
      const requests = await invite(ctx, userId, parseId(args.chatId, "chatId"), ids);
      const rows = await ctx.prisma.joinRequest.findMany({
        ...query,
        where: { id: { in: requests.map((r) => r.id) } },
      });
      return requests.map((request) => rows.find((row) => row.id === request.id) ?? request);
    },
  }),
);

builder.mutationField("reviewJoinRequest", (t) =>
  t.prismaField({
    type: "JoinRequest",
    description: "FRIEND: the target user reviews. GROUP: the owner or an admin reviews. INVITE: the invitee reviews.",
    args: { id: t.arg.id({ required: true }), decision: t.arg({ type: JoinDecision, required: true }) },
    resolve: async (query, _root, args, ctx) => {
      const request = await review(ctx, requireViewer(ctx).userId, parseId(args.id, "id"), args.decision);
      return reload(ctx, query, request.id);
    },
  }),
);
