// Finding a user: by id (user(id)), or exactly by username or external id (findUser). Ids are
// sequential, so every lookup that answers a user for a value the caller chooses is counted per
// caller (RATE_LIMIT_USER_LOOKUP_PER_MINUTE, shared with follow): nobody walks the user table.
// There is no prefix search and no list of users. findUser does not find a user who blocked the caller.
import type { Services } from "../context.ts";
import { badInput } from "../errors.ts";
import { hasBlocked } from "./blocks.ts";
import { hostUserId } from "./host-users.ts";

const countLookup = (svc: Services, me: number) => svc.limiter.hit(`lookup:${me}`, svc.config.userLookupPerMinute);

/** user(id): the id when such a user exists, else null. */
export async function lookUpUserId(svc: Services, me: number, id: number): Promise<number | null> {
  await countLookup(svc, me);
  const user = await svc.prisma.user.findUnique({ where: { id }, select: { id: true } });
  return user?.id ?? null;
}

export type FindUserInput = { username?: string | null; externalId?: string | null };

/**
 * findUser: exactly one of username (any case: usernames are stored in lower case, so the unique
 * index on username serves it) and externalId (the host's id, compared exactly). Null when there
 * is none, or when that user blocked the caller (the two answers look the same).
 */
export async function findUserId(svc: Services, me: number, input: FindUserInput): Promise<number | null> {
  const byName = input.username !== undefined && input.username !== null;
  const byExternal = input.externalId !== undefined && input.externalId !== null;
  if (byName === byExternal) throw badInput("username", "give exactly one of username and externalId");
  const where = byName ? { username: usernameKey(input.username as string) } : { externalId: externalKey(input) };
  await countLookup(svc, me);
  const id = byName ? await idWhere(svc, where) : await hostUser(svc, where.externalId as string);
  if (id === null || (await hasBlocked(svc.prisma, id, me))) return null;
  return id;
}

const idWhere = async (svc: Services, where: { username: string } | { externalId: string }) =>
  (await svc.prisma.user.findUnique({ where, select: { id: true } }))?.id ?? null;

/**
 * A host user by external id: with PROFILE_URL, the host's profile endpoint also finds (and xim
 * creates) users who never signed in, so the host can put them in groups; without it, or when the
 * host does not answer, the users xim knows.
 */
async function hostUser(svc: Services, externalId: string): Promise<number | null> {
  const profile = svc.hostProfiles ? await svc.hostProfiles.get(externalId) : undefined;
  // No such user at the host (or no answer): the users xim already knows.
  if (!profile) return idWhere(svc, { externalId });
  return hostUserId(svc, profile);
}

function usernameKey(value: string): string {
  if (value.length > 64) throw badInput("username", "at most 64 characters");
  return value.trim().toLowerCase();
}

function externalKey(input: FindUserInput): string {
  const value = input.externalId ?? "";
  if (value.length < 1 || value.length > 256) throw badInput("externalId", "1 to 256 characters");
  return value;
}
