// Messages: validation, sending (the send path's one statement), history cursors, deletion. Each
// change publishes its event: a new message, or a deletion.

import { createHash } from "node:crypto";
import type { Services, Viewer } from "../context.ts";
import { badInput, conflict, forbidden, INT4_MAX, isUniqueViolation, notFound } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { AttachmentKind, MessageType } from "../generated/prisma/enums.ts";
import { publishMessageAdded, publishMessageUpdated } from "../pubsub.ts";
import { insertMessage, sendOptions } from "../runtime/send-path.ts";
import { FILE_MESSAGE_TYPES, releaseFile, requireOwnUpload } from "./attachments.ts";
import { lockMembers, requireMember } from "./chats.ts";
import { assertMayMessage } from "./direct-rule.ts";
import { chatKey, recordEvent } from "./events.ts";
import {
  hasReferences,
  type References,
  type ReferencesInput,
  requestedReferences,
  resolveReferences,
} from "./references.ts";
import { assertMaySpeak, mayActOn } from "./roles.ts";
import { fileId, optionalText, text, utf8Bytes } from "./validate.ts";

export const MAX_TEXT_BYTES = 500;

export type SendInput = {
  chatId: number;
  type: MessageType;
  text?: string | null;
  fileId?: string | null;
  location?: { latitude: number; longitude: number; cityCode?: number | null; address?: string | null } | null;
  clientMessageId?: string | null;
} & ReferencesInput;

type Content = Pick<
  Prisma.MessageUncheckedCreateInput,
  "type" | "text" | "fileId" | "latitude" | "longitude" | "cityCode" | "address"
>;

export function validateContent(input: SendInput): Content {
  switch (input.type) {
    case "TEXT": {
      if (input.text === undefined || input.text === null) throw badInput("text", "a TEXT message needs text");
      const body = text(input.text, "text", { max: MAX_TEXT_BYTES, multiline: true, trim: false });
      if (body.trim() === "") throw badInput("text", "must not be empty");
      if (utf8Bytes(body) > MAX_TEXT_BYTES) throw badInput("text", `must be at most ${MAX_TEXT_BYTES} bytes of UTF-8`);
      return { type: "TEXT", text: body };
    }
    case "IMAGE":
    case "VOICE":
    case "VIDEO": {
      if (!input.fileId) throw badInput("fileId", `a ${input.type} message needs a fileId`);
      const caption = optionalText(input.text, "text", MAX_TEXT_BYTES) ?? "";
      if (utf8Bytes(caption) > MAX_TEXT_BYTES)
        throw badInput("text", `must be at most ${MAX_TEXT_BYTES} bytes of UTF-8`);
      return { type: input.type, fileId: fileId(input.fileId, "fileId"), text: caption };
    }
    case "LOCATION": {
      const loc = input.location;
      if (!loc) throw badInput("location", "a LOCATION message needs a location");
      if (!Number.isFinite(loc.latitude) || loc.latitude < -90 || loc.latitude > 90)
        throw badInput("location.latitude", "must be between -90 and 90");
      if (!Number.isFinite(loc.longitude) || loc.longitude < -180 || loc.longitude > 180)
        throw badInput("location.longitude", "must be between -180 and 180");
      if (loc.cityCode !== undefined && loc.cityCode !== null && loc.cityCode < 0)
        throw badInput("location.cityCode", "must not be negative");
      return {
        type: "LOCATION",
        latitude: loc.latitude,
        longitude: loc.longitude,
        cityCode: loc.cityCode ?? null,
        address: optionalText(loc.address, "location.address", 256) ?? "",
      };
    }
    default:
      throw badInput("type", "unknown message type");
  }
}

function clientKey(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (!/^[\x21-\x7E]{1,64}$/.test(value)) throw badInput("clientMessageId", "1 to 64 printable ASCII characters");
  return value;
}

/**
 * The identity of a send for its clientMessageId: sha256 of a canonical JSON of the chat and the
 * validated content, fields in a fixed order, absent ones null; then the references, when there
 * are any (so hashes kept before they existed still match).
 */
export function requestHash(chatId: number, c: Content, refs?: References): string {
  const references =
    refs && hasReferences(refs) ? [refs.replyToId?.toString() ?? null, refs.mentionIds, refs.mentionsAll] : [];
  const canonical = JSON.stringify([
    chatId,
    c.type,
    c.text ?? "",
    c.fileId ?? null,
    c.latitude ?? null,
    c.longitude ?? null,
    c.cityCode ?? null,
    c.address ?? null,
    ...references,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * A retry answers the first message only when it is the same request (an idempotency key): the
 * same key with another chat or content is CONFLICT. Compared with the first request's hash, not
 * the row, so a retry after the message was deleted still matches. (A message stored before the
 * hash was kept has none: its retries are answered as before.)
 */
function retried<M extends { clientRequestHash: string | null }>(prior: M, hash: string): M {
  if (prior.clientRequestHash !== null && prior.clientRequestHash !== hash)
    throw conflict("clientMessageId was already used for another message");
  return prior;
}

/**
 * Stores a message: the chat row takes the next seq (the row lock orders concurrent sends), the
 * sender's watermark moves to it. Returns the message and whether it is new (a retry is not).
 * clientMessageId is an idempotency key: see `retried`.
 */
export async function sendMessage(svc: Services, viewer: Viewer, input: SendInput) {
  await svc.limiter.hit(`send:${viewer.userId}`, svc.config.sendPerMinute);
  // Checked before the send statement, which stores whatever file id it is given; a retry of a
  // stored send is answered without it (its file may be gone with the deleted message).
  const checkFile = async () => {
    if (FILE_MESSAGE_TYPES.has(input.type) && input.fileId)
      await requireOwnUpload(svc, viewer.userId, input.fileId, input.type as AttachmentKind, "fileId");
  };
  const result = await store(svc, viewer.userId, viewer.deviceId, input, checkFile);
  if (result.created) {
    svc.metrics.sent++;
    publishMessageAdded(svc.pubsub, result.message);
    svc.outbox?.kick();
  } else if (!result.message.isDeleted) {
    // A retry publishes again: its first try may have been stored and never published (its instance
    // died in between). Streams tell the repeat by its seq.
    publishMessageAdded(svc.pubsub, result.message);
  }
  if (viewer.deviceId) svc.lastSeen.seen(viewer.deviceId);
  return result;
}

async function store(
  svc: Services,
  senderId: number,
  deviceId: number | null,
  input: SendInput,
  beforeInsert: () => Promise<void>,
) {
  const { prisma } = svc;
  const content = validateContent(input);
  const asked = requestedReferences(input);
  const clientMessageId = clientKey(input.clientMessageId);
  const hash = clientMessageId ? requestHash(input.chatId, content, asked) : null;
  if (clientMessageId && hash) {
    const prior = await prisma.message.findUnique({
      where: { senderId_clientMessageId: { senderId, clientMessageId } },
    });
    if (prior) return { message: retried(prior, hash), created: false };
  }
  const refs = await resolveReferences(prisma, input.chatId, senderId, asked);
  await beforeInsert();
  try {
    const message = await insertMessage(
      svc.sendSql,
      {
        chatId: input.chatId,
        senderId,
        senderDeviceId: deviceId,
        type: content.type,
        text: content.text ?? "",
        fileId: content.fileId ?? null,
        latitude: content.latitude ?? null,
        longitude: content.longitude ?? null,
        cityCode: content.cityCode ?? null,
        address: content.address ?? null,
        clientMessageId,
        clientRequestHash: hash,
        replyToId: refs.replyToId,
        mentionsAll: refs.mentionsAll,
        mentionIds: refs.mentionIds,
      },
      sendOptions(svc.config),
      svc.metrics.observeSendBatch,
    );
    if (!message) {
      // Refused by the statement's guard: say why (not a member, muted, dissolved, the peer's rule).
      assertMaySpeak(await requireMember(prisma, input.chatId, senderId));
      const peer = await directPeer(prisma, input.chatId, senderId);
      if (peer !== null) await assertMayMessage(prisma, svc.config.directChatPolicy, senderId, peer);
      throw notFound("chat");
    }
    return { message, created: true };
  } catch (err) {
    if (!clientMessageId || !hash || !isUniqueViolation(err)) throw err;
    // A concurrent retry with the same key won the race: answer with its message.
    const prior = await prisma.message.findUniqueOrThrow({
      where: { senderId_clientMessageId: { senderId, clientMessageId } },
    });
    return { message: retried(prior, hash), created: false };
  }
}

/** The other member of a direct chat; null for any other chat. */
async function directPeer(prisma: PrismaClient, chatId: number, me: number): Promise<number | null> {
  const peer = await prisma.chatMember.findFirst({
    where: { chatId, userId: { not: me }, chat: { type: "DIRECT" } },
    select: { userId: true },
  });
  return peer?.userId ?? null;
}

export function parseSeqCursor(cursor: string | null | undefined, field: string): number | null {
  if (cursor === undefined || cursor === null) return null;
  if (!/^\d{1,10}$/.test(cursor) || Number(cursor) > INT4_MAX) throw badInput(field, "not a valid cursor");
  return Number(cursor);
}

/**
 * Soft delete by the sender, or in a group by a member who may act on the sender (`mayActOn`: the
 * owner any message, an admin a plain member's). A sender who left counts as a plain member. The
 * check and the write are one transaction, both memberships locked: a demotion waits or wins.
 */
export async function deleteMessage(svc: Services, userId: number, id: bigint) {
  const { prisma } = svc;
  const message = await prisma.message.findUnique({ where: { id } });
  if (!message) throw notFound("message");
  const result = await prisma.$transaction(async (tx) => {
    const locked = await lockMembers(tx, message.chatId, [userId, message.senderId]);
    const member = locked.get(userId);
    if (!member || member.chat.isDeleted) throw notFound("message");
    if (message.senderId !== userId) {
      if (member.chat.type !== "GROUP") throw forbidden("only the sender may delete a message here");
      if (!mayActOn(member.role, locked.get(message.senderId)?.role ?? "MEMBER"))
        throw forbidden("only the sender, the owner, or an admin for a plain member's message may delete it");
    }
    if (message.isDeleted) return { message, fresh: false };
    const deleted = await tx.message.update({ where: { id }, data: { isDeleted: true } });
    const chat = await tx.chat.findUnique({ where: { id: deleted.chatId }, select: { lastMessageId: true } });
    await recordEvent(tx, svc.config.events, "message.deleted", chatKey(deleted.chatId), {
      message: { id: String(deleted.id), chatId: String(deleted.chatId), seq: deleted.seq },
      deletedBy: String(userId),
    });
    return { message: deleted, fresh: true, last: chat?.lastMessageId === deleted.id };
  });
  if (result.fresh) {
    publishMessageUpdated(svc.pubsub, result.message, result.last === true);
    svc.outbox?.kick();
    await releaseFile(svc, result.message.fileId);
  }
  return result.message;
}
