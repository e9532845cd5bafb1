// Attachments: uploads streamed to storage and known by their content, the rule that a message,
// avatar or thumbnail names the caller's own upload of the right kind, URLs, and the removal of
// uploads nothing references.
import { randomBytes } from "node:crypto";
import type { Services } from "../context.ts";
import { badInput, forbidden } from "../errors.ts";
import { type Attachment, Prisma } from "../generated/prisma/client.ts";
import type { AttachmentKind } from "../generated/prisma/enums.ts";
import type { UploadedFile } from "../http/uploads.ts";
import { MediaProbe } from "../runtime/media-probe.ts";
import { FileTooLargeError } from "../runtime/storage/types.ts";

type Svc = Pick<Services, "config" | "prisma" | "storage" | "limiter">;

export const storesFiles = (svc: Pick<Services, "config">) => svc.config.attachments === "stored";

/** The largest upload any kind takes: what a multipart body may carry. */
export const maxUploadBytes = (limits: Services["config"]["uploadLimits"]) =>
  Math.max(limits.IMAGE, limits.VOICE, limits.VIDEO);

function fileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  // Lone surrogates become U+FFFD; control characters and quotes go (the name ends up in a header).
  const clean = Buffer.from(base, "utf8")
    .toString("utf8")
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim();
  return clean.slice(0, 200) || "file";
}

const tooLarge = (max: number) => badInput("file", `must be at most ${max} bytes`);

/** Streams the file to storage while the probe reads it; stores a row only for a readable file. */
export async function uploadFile(svc: Svc, userId: number, file: UploadedFile): Promise<Attachment> {
  if (!storesFiles(svc)) {
    file.discard();
    throw forbidden("files are the host application's (ATTACHMENTS=external)");
  }
  try {
    await svc.limiter.hit(`upload:${userId}`, svc.config.uploadPerMinute);
  } catch (err) {
    file.discard();
    throw err;
  }
  const id = randomBytes(16).toString("base64url");
  const key = `u/${userId}/${id}`;
  const probe = new MediaProbe(svc.config.uploadLimits);
  const body = file.take();
  body.on("error", (err) => probe.destroy(err));
  // The probe may refuse the file before the driver has attached to it: its first error is the answer.
  let refusal: unknown = null;
  probe.on("error", (err) => {
    refusal ??= err;
  });
  let stored = false;
  try {
    await svc.storage.put(key, body.pipe(probe), maxUploadBytes(svc.config.uploadLimits));
    stored = true;
    const probed = await probe.result();
    return await svc.prisma.attachment.create({
      data: { id, uploaderId: userId, storageKey: key, name: fileName(file.name), ...probed },
    });
  } catch (err) {
    body.unpipe(probe);
    body.resume(); // the rest of the request is read and dropped, so the answer can go out
    if (stored) await svc.storage.delete(key);
    const cause = refusal ?? err;
    throw cause instanceof FileTooLargeError ? tooLarge(cause.maxBytes) : cause;
  }
}

/**
 * With stored files, `fileId` must name the user's own upload of `kind` (and at most `maxBytes`):
 * else BAD_USER_INPUT naming `field`, the same for an unknown id and another user's.
 */
export async function requireOwnUpload(
  svc: Pick<Services, "config"> & { prisma: Prisma.TransactionClient },
  userId: number,
  fileId: string | null | undefined,
  kind: AttachmentKind,
  field: string,
  maxBytes?: number,
): Promise<void> {
  if (!storesFiles(svc) || !fileId) return;
  const a = await svc.prisma.attachment.findUnique({ where: { id: fileId } });
  if (!a || a.uploaderId !== userId) throw badInput(field, "not one of your uploads");
  if (a.kind !== kind) throw badInput(field, `must be an upload of kind ${kind} (this one is ${a.kind})`);
  if (maxBytes !== undefined && a.size > maxBytes) throw badInput(field, `must be at most ${maxBytes} bytes`);
}

/** The message types that carry an upload, and the kind each needs. */
export const FILE_MESSAGE_TYPES: ReadonlySet<string> = new Set<AttachmentKind>(["IMAGE", "VOICE", "VIDEO"]);

/** Between one and two hours from now, on the hour: the same URL for a while, so browsers cache it. */
export function urlExpiry(now = Date.now()): number {
  const hour = 3_600_000;
  return (Math.floor(now / hour) + 2) * hour;
}

const MEDIA = /^(image|audio|video)\//;

export function attachmentUrl(svc: Pick<Services, "storage">, a: Attachment): Promise<string> {
  return svc.storage.url(a.storageKey, {
    contentType: a.mimeType,
    fileName: a.name,
    inline: MEDIA.test(a.mimeType),
    expiresAt: urlExpiry(),
  });
}

const unreferenced = Prisma.sql`
  NOT EXISTS (SELECT 1 FROM messages m WHERE m.file_id = a.id AND NOT m.is_deleted)
  AND NOT EXISTS (SELECT 1 FROM users u WHERE u.avatar_file_id = a.id)
  AND NOT EXISTS (SELECT 1 FROM chats c WHERE c.thumb_file_id = a.id)`;

async function remove(svc: Pick<Services, "prisma" | "storage">, where: Prisma.Sql): Promise<number> {
  const rows = await svc.prisma.$queryRaw<{ storage_key: string }[]>`
    DELETE FROM attachments a WHERE ${where} AND ${unreferenced} RETURNING a.storage_key`;
  // A file whose removal fails stays in storage, unreferenced (its URLs lapse within two hours):
  // the message's deletion or the sweep does not fail for it.
  await Promise.allSettled(rows.map((row) => svc.storage.delete(row.storage_key)));
  return rows.length;
}

/** After a message is deleted: its file goes unless another message, an avatar or a thumbnail uses it. */
export async function releaseFile(svc: Pick<Services, "config" | "prisma" | "storage">, fileId: string | null) {
  if (!storesFiles(svc) || !fileId) return;
  await remove(svc, Prisma.sql`a.id = ${fileId}`);
}

/** Removes uploads older than `ttlMs` that nothing references; returns how many. */
export async function sweepUnreferencedUploads(svc: Pick<Services, "prisma" | "storage">, ttlMs: number) {
  const cutoff = new Date(Date.now() - ttlMs);
  let total = 0;
  for (;;) {
    const n = await remove(
      svc,
      Prisma.sql`a.id IN (SELECT a.id FROM attachments a WHERE a.created_at < ${cutoff} AND ${unreferenced} LIMIT 500)`,
    );
    total += n;
    if (n < 500) return total;
  }
}
