import { requireViewer, type Viewer } from "../../context.ts";
import { type LiveEvent, viewerEvents } from "../../runtime/live.ts";
import { builder } from "../builder.ts";
import { loadEntry } from "./entry.ts";

/** The chat whose list entry this event changes for the viewer, or null. */
function changedChat({ source, event }: LiveEvent, viewer: Viewer): number | null {
  if (source === "chat")
    return event.kind === "message" || event.kind === "changed" || (event.kind === "messageUpdated" && event.last)
      ? event.chatId
      : null;
  if (event.kind === "joined") return event.unlisted ? null : event.chatId;
  // The device that made a change already has the answer; the caller's other devices are told.
  if (event.kind === "entry" && (event.fromDeviceId === null || event.fromDeviceId !== viewer.deviceId))
    return event.chatId;
  return null;
}

builder.subscriptionField("chatListUpdated", (t) =>
  t.prismaField({
    type: "ChatEntry",
    description: "The caller's recent-list entry changed: new message, unread count, read, settings.",
    subscribe: (_root, _args, ctx) => {
      const viewer = requireViewer(ctx);
      return viewerEvents(ctx.prisma, ctx.pubsub, viewer.userId, null, { select: (e) => changedChat(e, viewer) });
    },
    resolve: (query, chatId: number, _args, ctx) => loadEntry(ctx, query, requireViewer(ctx).userId, chatId),
  }),
);

builder.subscriptionField("chatListRemoved", (t) =>
  t.id({
    description: "A chat left the caller's list for good: they left or were removed, or the group was dissolved.",
    subscribe: (_root, _args, ctx) =>
      viewerEvents(ctx.prisma, ctx.pubsub, requireViewer(ctx).userId, null, {
        select: (e) => (e.source === "user" && e.event.kind === "left" ? String(e.event.chatId) : null),
      }),
    resolve: (chatId: string) => chatId,
  }),
);
