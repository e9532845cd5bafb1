// Per-request batches: the attachments a page names, and which of their chats the viewer is in.
// Batched, not cached: a subscription's context lives as long as it does, and rows change.
import DataLoader from "dataloader";
import type { Context } from "../../context.ts";
import { attachmentUrl, FILE_MESSAGE_TYPES, storesFiles } from "../../domain/attachments.ts";
import type { Attachment, Message } from "../../generated/prisma/client.ts";

type Loaders = { attachments: DataLoader<string, Attachment | null>; memberOf: DataLoader<number, boolean> };

const perRequest = new WeakMap<Context, Loaders>();
const NO_CACHE = { cache: false } as const;

function loaders(ctx: Context): Loaders {
  let l = perRequest.get(ctx);
  if (!l) {
    l = {
      attachments: new DataLoader(async (ids: readonly string[]) => {
        const rows = await ctx.prisma.attachment.findMany({ where: { id: { in: [...ids] } } });
        const byId = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => byId.get(id) ?? null);
      }, NO_CACHE),
      memberOf: new DataLoader(async (chatIds: readonly number[]) => {
        const rows = await ctx.prisma.chatMember.findMany({
          where: { userId: ctx.viewer?.userId ?? 0, chatId: { in: [...chatIds] } },
          select: { chatId: true },
        });
        const member = new Set(rows.map((r) => r.chatId));
        return chatIds.map((id) => member.has(id));
      }, NO_CACHE),
    };
    perRequest.set(ctx, l);
  }
  return l;
}

/**
 * A message's upload, for the chat's members and the uploader: only for a live IMAGE, VOICE or
 * VIDEO message whose file is its sender's upload of that kind.
 */
export async function messageAttachment(ctx: Context, m: Message): Promise<Attachment | null> {
  if (!storesFiles(ctx) || m.isDeleted || !m.fileId || !FILE_MESSAGE_TYPES.has(m.type)) return null;
  const a = await loaders(ctx).attachments.load(m.fileId);
  if (!a || a.uploaderId !== m.senderId || a.kind !== m.type) return null;
  const viewer = ctx.viewer?.userId;
  if (viewer !== a.uploaderId && !(await loaders(ctx).memberOf.load(m.chatId))) return null;
  return a;
}

/** The URL of an uploaded image (an avatar, a thumbnail); null for anything else. */
export async function imageUrl(ctx: Context, fileId: string | null, uploaderId?: number): Promise<string | null> {
  if (!storesFiles(ctx) || !fileId) return null;
  const a = await loaders(ctx).attachments.load(fileId);
  if (a?.kind !== "IMAGE" || (uploaderId !== undefined && a.uploaderId !== uploaderId)) return null;
  return attachmentUrl(ctx, a);
}
