import { MessageType as MessageTypeValues } from "../../generated/prisma/enums.ts";
import { messageAttachment } from "../attachments/loaders.ts";
import { Attachment } from "../attachments/types.ts";
import { builder } from "../builder.ts";
import { User } from "../users/types.ts";
import { type ReactionGroup, reactionsOf } from "./loaders.ts";

export const MessageType = builder.enumType(MessageTypeValues, { name: "MessageType" });

type LocationShape = { latitude: number; longitude: number; cityCode: number | null; address: string };

export const Location = builder.objectRef<LocationShape>("Location").implement({
  fields: (t) => ({
    latitude: t.exposeFloat("latitude"),
    longitude: t.exposeFloat("longitude"),
    cityCode: t.exposeInt("cityCode", { nullable: true }),
    address: t.exposeString("address"),
  }),
});

export const Reaction = builder.objectRef<ReactionGroup>("Reaction").implement({
  description: "v2.",
  fields: (t) => ({
    emoji: t.exposeString("emoji"),
    count: t.exposeInt("count"),
    reactedByMe: t.exposeBoolean("reactedByMe"),
  }),
});

export const Message = builder.prismaObject("Message", {
  fields: (t) => ({
    id: t.id({ resolve: (m) => m.id.toString() }),
    chatId: t.exposeID("chatId"),
    seq: t.exposeInt("seq", { description: "The message's place in its chat: 1, 2, 3, … with no gaps." }),
    editedAt: t.expose("editedAt", {
      type: "DateTime",
      nullable: true,
      description: "v2. Set when the text was edited.",
    }),
    replyTo: t.relation("replyTo", {
      nullable: true,
      description: "v2. The message this one replies to (shown as deleted if it was).",
    }),
    mentions: t.field({
      type: [User],
      description: "v2. Users this message mentions.",
      select: (_args, _ctx, nested) => ({
        mentions: { select: { user: nested(true) }, orderBy: { userId: "asc" } },
      }),
      resolve: (m) => (m.isDeleted ? [] : m.mentions.map((x) => x.user)),
    }),
    mentionsAll: t.boolean({
      description: "v2. The message mentions everyone in the group.",
      resolve: (m) => m.mentionsAll && !m.isDeleted,
    }),
    reactions: t.field({
      type: [Reaction],
      description: "v2. One entry per emoji, most used first.",
      resolve: (m, _args, ctx) => (m.isDeleted ? [] : reactionsOf(ctx, m)),
    }),
    sender: t.relation("sender"),
    senderDeviceId: t.exposeID("senderDeviceId", { nullable: true }),
    type: t.expose("type", { type: MessageType }),
    text: t.string({
      description: "At most 500 bytes of UTF-8; empty for a deleted message.",
      resolve: (m) => (m.isDeleted ? "" : m.text),
    }),
    fileId: t.id({ nullable: true, resolve: (m) => (m.isDeleted ? null : m.fileId) }),
    location: t.field({
      type: Location,
      nullable: true,
      resolve: (m) =>
        m.isDeleted || m.type !== "LOCATION" || m.latitude === null || m.longitude === null
          ? null
          : { latitude: m.latitude, longitude: m.longitude, cityCode: m.cityCode, address: m.address ?? "" },
    }),
    clientMessageId: t.exposeString("clientMessageId", { nullable: true }),
    deleted: t.exposeBoolean("isDeleted"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    attachment: t.field({
      type: Attachment,
      nullable: true,
      description:
        "v2. The uploaded file of an IMAGE, VOICE or VIDEO message; null when it is none of those, was deleted, or files are the host application's (ATTACHMENTS=external).",
      resolve: (m, _args, ctx) => messageAttachment(ctx, m),
    }),
    chat: t.relation("chat", { description: "v2. The chat the message belongs to (search results, notifications)." }),
  }),
});

export const MessageConnection = builder.connectionObject({ type: Message, name: "MessageConnection" });
