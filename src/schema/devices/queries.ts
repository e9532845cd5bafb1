import { requireViewer } from "../../context.ts";
import { builder } from "../builder.ts";

builder.queryField("devices", (t) =>
  t.prismaField({
    type: ["Device"],
    description: "Every live device of the caller, newest first, in one answer: not paged and not capped.",
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.device.findMany({
        ...query,
        where: { userId: requireViewer(ctx).userId, isDeleted: false },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      }),
  }),
);

// The members of a DEVICES chat are the owner's live devices.
builder.prismaObjectField("Chat", "devices", (t) =>
  t.prismaField({
    type: ["Device"],
    nullable: true,
    description:
      "DEVICES chat: the caller's devices, its members, every one (not paged, not capped). Null for other chats.",
    select: { type: true, ownerId: true },
    resolve: (query, chat, _args, ctx) =>
      chat.type !== "DEVICES" || chat.ownerId !== ctx.viewer?.userId
        ? null
        : ctx.prisma.device.findMany({
            ...query,
            where: { userId: chat.ownerId, isDeleted: false },
            orderBy: { id: "asc" },
          }),
  }),
);
