// Users of the host application (external identity, AUTH_JWKS_URL): created on first sight of
// their token, or when the host's profile endpoint (PROFILE_URL) knows an external id someone looks
// for; their profile (nickname, picture, preferred username) is the host's, updated when it changes.
import { createHash } from "node:crypto";
import type { Services } from "../context.ts";
import { isUniqueViolation } from "../errors.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { HostClaims } from "../runtime/host-tokens.ts";
import { createDeviceChat } from "./chats.ts";
import { recordEvent, userKey } from "./events.ts";

/** What xim keeps of a host user's profile. */
export type HostProfile = {
  externalId: string;
  nickname: string | null;
  avatarUrl: string | null;
  username: string | null;
};

/** No password matches this: a host user never signs in with xim's own accounts. */
const NO_PASSWORD = "!host";
const MAX_NICKNAME = 64;

/** The user id of a host user, created or brought up to date with the profile the host gives now. */
export async function hostUserId(svc: Services, profile: HostProfile): Promise<number> {
  const known = await svc.prisma.user.findUnique({
    where: { externalId: profile.externalId },
    select: { id: true, nickname: true, hostAvatarUrl: true },
  });
  const nickname = nicknameOf(profile);
  if (known) {
    if (known.nickname !== nickname || known.hostAvatarUrl !== profile.avatarUrl)
      await svc.prisma.user.update({ where: { id: known.id }, data: { nickname, hostAvatarUrl: profile.avatarUrl } });
    return known.id;
  }
  try {
    return await create(svc, profile, nickname, await usernameFor(svc, profile));
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Created meanwhile by another request (the external id), or the name was taken: look again.
    const now = await svc.prisma.user.findUnique({ where: { externalId: profile.externalId }, select: { id: true } });
    if (now) return now.id;
    return create(svc, profile, nickname, derivedUsername(profile.externalId));
  }
}

export const claimsProfile = (c: HostClaims): HostProfile => ({
  externalId: c.externalId,
  nickname: c.nickname,
  avatarUrl: c.avatarUrl,
  username: c.preferredUsername,
});

async function create(svc: Services, p: HostProfile, nickname: string, username: string): Promise<number> {
  const user = await svc.prisma.$transaction(async (tx: Prisma.TransactionClient) => {
    const u = await tx.user.create({
      data: { username, nickname, passwordHash: NO_PASSWORD, externalId: p.externalId, hostAvatarUrl: p.avatarUrl },
    });
    await createDeviceChat(tx, u.id, svc.config);
    await recordEvent(tx, svc.config.events, "user.created", userKey(u.id), {
      user: { id: String(u.id), username: u.username, nickname: u.nickname, externalId: p.externalId },
    });
    return u;
  });
  svc.outbox?.kick();
  return user.id;
}

const nicknameOf = (p: HostProfile) => (p.nickname ?? p.username ?? p.externalId).slice(0, MAX_NICKNAME);

/** The host's preferred username when it is a valid xim username and free; else one derived from the id. */
async function usernameFor(svc: Services, p: HostProfile): Promise<string> {
  const wanted = p.username?.trim().toLowerCase();
  if (wanted && /^[a-z0-9_.-]{3,32}$/.test(wanted)) {
    const taken = await svc.prisma.user.findUnique({ where: { username: wanted }, select: { id: true } });
    if (!taken) return wanted;
  }
  return derivedUsername(p.externalId);
}

/** Stable for an external id: `h-` and 16 base-32 characters of its SHA-256. */
export function derivedUsername(externalId: string): string {
  const digest = createHash("sha256").update(externalId).digest();
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let out = "h-";
  for (let i = 0; i < 16; i++) out += alphabet[(digest[i] as number) % 32];
  return out;
}
