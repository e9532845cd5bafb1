// Accounts: sign-up (with the user's device chat), sign-in, profile.
import type { Config } from "../config.ts";
import { badInput, conflict, isUniqueViolation, unauthenticated } from "../errors.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { DUMMY_HASH, hashPassword, type Tokens, verifyPassword } from "./auth.ts";
import { createDeviceChat } from "./chats.ts";
import { fileId, text } from "./validate.ts";

type Deps = { prisma: PrismaClient; tokens: Tokens; config: Config };

function checkCredentials(username: string, password: string): string {
  const name = username.trim().toLowerCase();
  if (!/^[a-z0-9_.-]{3,32}$/.test(name)) throw badInput("username", "3 to 32 letters, digits, '_', '.' or '-'");
  if (password.length < 8 || password.length > 128) throw badInput("password", "must be 8 to 128 characters");
  return name;
}

export async function signUp(deps: Deps, input: { username: string; password: string; nickname: string }) {
  const username = checkCredentials(input.username, input.password);
  const nickname = text(input.nickname, "nickname", { max: 64 });
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await deps.prisma.$transaction(async (tx) => {
      const u = await tx.user.create({ data: { username, nickname, passwordHash } });
      await createDeviceChat(tx, u.id, deps.config);
      return u;
    });
    return { token: await deps.tokens.issue(user.id, user.tokenVersion), userId: user.id };
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict("that username is taken");
    throw err;
  }
}

export async function signIn(deps: Deps, input: { username: string; password: string }) {
  const username = input.username.trim().toLowerCase();
  const user = await deps.prisma.user.findUnique({ where: { username } });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw unauthenticated("wrong username or password");
  return { token: await deps.tokens.issue(user.id, user.tokenVersion), userId: user.id };
}

export function profileChanges(input: { nickname?: string | null; avatarFileId?: string | null }) {
  const data: { nickname?: string; avatarFileId?: string | null } = {};
  if (input.nickname !== undefined && input.nickname !== null)
    data.nickname = text(input.nickname, "nickname", { max: 64 });
  if (input.avatarFileId !== undefined)
    data.avatarFileId =
      input.avatarFileId === null || input.avatarFileId === "" ? null : fileId(input.avatarFileId, "avatarFileId");
  return data;
}
