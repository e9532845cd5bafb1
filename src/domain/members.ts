// A chat's members, one keyset-paged query a page: the owner, then admins, then by join time.
import { badInput, INT4_MAX } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import type { MemberRole } from "../generated/prisma/enums.ts";
import { timeInRange } from "./validate.ts";

// The enum's declaration order, which is also PostgreSQL's sort order for it.
const ROLES: MemberRole[] = ["OWNER", "ADMIN", "MEMBER"];

type Key = { rank: number; joinedAt: Date; userId: number };

export function encodeMemberCursor(m: { role: MemberRole; joinedAt: Date; userId: number }): string {
  return Buffer.from(`${ROLES.indexOf(m.role)}:${m.joinedAt.getTime()}:${m.userId}`).toString("base64url");
}

function decodeMemberCursor(cursor: string): Key {
  const m = /^([0-2]):(\d{1,15}):([1-9]\d{0,9})$/.exec(Buffer.from(cursor, "base64url").toString());
  const key = m && { rank: Number(m[1]), joinedAt: new Date(Number(m[2])), userId: Number(m[3]) };
  if (!key || key.userId > INT4_MAX || !timeInRange(key.joinedAt)) throw badInput("after", "not a valid cursor");
  return key;
}

/**
 * One page of a chat's members in list order (owner, admins, then join time, then user id), with
 * `select` (the caller's GraphQL selection) applied in the same SQL statement, plus whether more follow.
 * The caller checks membership first.
 */
export async function memberPage<S extends Prisma.ChatMemberFindManyArgs>(
  prisma: PrismaClient,
  chatId: number,
  first: number,
  after: string | null,
  query: S,
) {
  const c = after ? decodeMemberCursor(after) : null;
  const role = c && ROLES[c.rank];
  const where: Prisma.ChatMemberWhereInput = c
    ? {
        chatId,
        OR: [
          { role: { in: ROLES.slice(c.rank + 1) } },
          { role: role ?? "MEMBER", joinedAt: { gt: c.joinedAt } },
          { role: role ?? "MEMBER", joinedAt: c.joinedAt, userId: { gt: c.userId } },
        ],
      }
    : { chatId };
  const rows = (await prisma.chatMember.findMany({
    ...query,
    where,
    orderBy: [{ role: "asc" }, { joinedAt: "asc" }, { userId: "asc" }],
    take: first + 1,
  })) as unknown as { role: MemberRole; joinedAt: Date; userId: number }[];
  return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
}
