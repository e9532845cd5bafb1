// Accounts: sign-up (with the user's device chat), sign-in, sign-out everywhere, profile.

import type { Config } from "../config.ts";
import type { Services, Viewer } from "../context.ts";
import { badInput, conflict, forbidden, isUniqueViolation, notFound, unauthenticated } from "../errors.ts";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { addressKey } from "../http/client-address.ts";
import type { PasswordHasher } from "../runtime/password-hasher.ts";
import { DUMMY_HASH, type Tokens } from "../runtime/passwords.ts";
import type { Limiter } from "../runtime/rate-limits.ts";
import { requireOwnUpload } from "./attachments.ts";
import { createDeviceChat } from "./chats.ts";
import { recordEvent, userKey } from "./events.ts";
import { fileId, text } from "./validate.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export async function requireUser(db: Db, userId: number, field = "userId") {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw notFound(field === "userId" ? "user" : field);
  return user;
}

type Deps = { prisma: PrismaClient; tokens: Tokens; config: Config; hasher: PasswordHasher };
type SignInDeps = Deps & { limiter: Limiter; clientAddress: string | null };

const MAX_PASSWORD = 128;

/** A username as stored: trimmed, lower case, 3 to 32 of [a-z0-9_.-] (so no NUL or control character). */
function username(value: string): string {
  // Length first: a huge value is refused without being copied by trim() and toLowerCase().
  const name = value.length <= 64 ? value.trim().toLowerCase() : "";
  if (!/^[a-z0-9_.-]{3,32}$/.test(name)) throw badInput("username", "3 to 32 letters, digits, '_', '.' or '-'");
  return name;
}

/**
 * With external identity (AUTH_JWKS_URL) accounts and sessions are the host application's: xim's
 * own sign-up, sign-in, passwords and tokens are refused.
 */
function ownAccountsOnly(config: Pick<Config, "hostAuth">): void {
  if (config.hostAuth) throw forbidden("accounts are the host application's here (external identity)");
}

export async function signUp(deps: Deps, input: { username: string; password: string; nickname: string }) {
  ownAccountsOnly(deps.config);
  const name = username(input.username);
  if (input.password.length < 8 || input.password.length > MAX_PASSWORD)
    throw badInput("password", `must be 8 to ${MAX_PASSWORD} characters`);
  const nickname = text(input.nickname, "nickname", { max: 64 });
  const passwordHash = await deps.hasher.hash(input.password);
  try {
    const user = await deps.prisma.$transaction(async (tx) => {
      const u = await tx.user.create({ data: { username: name, nickname, passwordHash } });
      await createDeviceChat(tx, u.id, deps.config);
      await recordEvent(tx, deps.config.events, "user.created", userKey(u.id), {
        user: { id: String(u.id), username: u.username, nickname: u.nickname, externalId: null },
      });
      return u;
    });
    return { token: await deps.tokens.issue(user.id, user.tokenVersion), userId: user.id };
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("that username is taken");
    throw err;
  }
}

/**
 * Checks the input before anything else, then counts the attempt per client address and per
 * username, and compares the password even for an unknown user (timing does not tell).
 */
export async function signIn(deps: SignInDeps, input: { username: string; password: string }) {
  ownAccountsOnly(deps.config);
  const name = username(input.username);
  if (input.password.length < 1 || input.password.length > MAX_PASSWORD)
    throw badInput("password", `must be 1 to ${MAX_PASSWORD} characters`);
  if (deps.clientAddress)
    await deps.limiter.hit(`signin-ip:${addressKey(deps.clientAddress)}`, deps.config.signInPerAddressPerMinute);
  await deps.limiter.hit(`signin:${name}`, deps.config.signInPerMinute);
  const user = await deps.prisma.user.findUnique({ where: { username: name } });
  const ok = await deps.hasher.verify(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw unauthenticated("wrong username or password");
  return { token: await deps.tokens.issue(user.id, user.tokenVersion), userId: user.id };
}

/** A fresh token for the same session: a new expiry, earlier tokens untouched. */
export async function refreshToken(svc: Pick<Services, "tokens" | "config">, viewer: Viewer) {
  ownAccountsOnly(svc.config);
  return { token: await svc.tokens.issue(viewer.userId, viewer.tokenVersion), userId: viewer.userId };
}

/**
 * Checks the current password (counted like sign-ins, per user), stores the new one and voids every
 * earlier token, as signOutEverywhere does; returns a fresh token.
 */
export async function changePassword(
  svc: Pick<Services, "prisma" | "revocations" | "tokens" | "hasher" | "limiter" | "config">,
  userId: number,
  input: { currentPassword: string; newPassword: string },
) {
  ownAccountsOnly(svc.config);
  if (input.currentPassword.length < 1 || input.currentPassword.length > MAX_PASSWORD)
    throw badInput("currentPassword", `must be 1 to ${MAX_PASSWORD} characters`);
  if (input.newPassword.length < 8 || input.newPassword.length > MAX_PASSWORD)
    throw badInput("newPassword", `must be 8 to ${MAX_PASSWORD} characters`);
  await svc.limiter.hit(`password:${userId}`, svc.config.signInPerMinute);
  const user = await svc.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await svc.hasher.verify(input.currentPassword, user.passwordHash)))
    throw badInput("currentPassword", "is not the current password");
  const version = await svc.revocations.signOutEverywhere(userId, await svc.hasher.hash(input.newPassword));
  return { token: await svc.tokens.issue(userId, version), userId };
}

/** Voids every token of the user (their sockets and streams end on every instance); returns a fresh one. */
export async function signOutEverywhere(svc: Pick<Services, "revocations" | "tokens" | "config">, userId: number) {
  ownAccountsOnly(svc.config);
  const version = await svc.revocations.signOutEverywhere(userId);
  return { token: await svc.tokens.issue(userId, version), userId };
}

export async function updateProfile(
  svc: Pick<Services, "prisma" | "config">,
  userId: number,
  input: { nickname?: string | null; avatarFileId?: string | null },
) {
  if (svc.config.hostAuth && (input.nickname != null || input.avatarFileId !== undefined))
    throw forbidden("the nickname and avatar come from the host application's profile here");
  const data = profileChanges(input);
  await requireOwnUpload(svc, userId, data.avatarFileId, "IMAGE", "avatarFileId", svc.config.uploadLimits.avatar);
  await svc.prisma.user.update({ where: { id: userId }, data });
}

function profileChanges(input: { nickname?: string | null; avatarFileId?: string | null }) {
  const data: { nickname?: string; avatarFileId?: string | null } = {};
  if (input.nickname !== undefined && input.nickname !== null)
    data.nickname = text(input.nickname, "nickname", { max: 64 });
  if (input.avatarFileId !== undefined)
    data.avatarFileId =
      input.avatarFileId === null || input.avatarFileId === "" ? null : fileId(input.avatarFileId, "avatarFileId");
  return data;
}
