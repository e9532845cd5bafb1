// Pending group requests that lost their ground are voided: they keep their status (PENDING) and
// get voided_at, leave every list, and reviewing one answers NOT_FOUND. Each function runs inside
// the transaction of the change that voids (removal, leaving, mute, demotion, dissolving).
import type { Prisma } from "../generated/prisma/client.ts";
import { mayInvite } from "./roles.ts";

type Tx = Prisma.TransactionClient;

/** Still open to review: pending and not voided. */
export const OPEN = { status: "PENDING", voidedAt: null } as const;

const voided = () => ({ voidedAt: new Date() });

/** The user left or was removed: their invitations and requests for the group, and those they sent. */
export async function voidForDeparted(tx: Tx, chatId: number, userId: number): Promise<void> {
  await tx.joinRequest.updateMany({
    where: { chatId, ...OPEN, OR: [{ targetUserId: userId }, { requesterId: userId }] },
    data: voided(),
  });
}

/** The group was dissolved: every pending request for it. */
export async function voidForDissolved(tx: Tx, chatId: number): Promise<void> {
  await tx.joinRequest.updateMany({ where: { chatId, ...OPEN }, data: voided() });
}

/** Invitations to the group whose inviter may no longer invite (left, muted, demoted, group muted). */
export async function voidStaleInvitations(tx: Tx, chatId: number): Promise<void> {
  const invitations = await tx.joinRequest.findMany({
    where: { chatId, type: "INVITE", ...OPEN },
    select: {
      id: true,
      requester: {
        select: {
          memberships: {
            where: { chatId },
            select: { role: true, muted: true, chat: { select: { type: true, muted: true, isDeleted: true } } },
          },
        },
      },
    },
  });
  const stale = invitations.filter((i) => !mayInvite(i.requester.memberships[0] ?? null)).map((i) => i.id);
  if (stale.length) await tx.joinRequest.updateMany({ where: { id: { in: stale }, ...OPEN }, data: voided() });
}

/** Voids one request if still open (an invitation found stale when reviewed). */
export async function voidRequest(tx: Tx, id: number): Promise<void> {
  await tx.joinRequest.updateMany({ where: { id, ...OPEN }, data: voided() });
}
