// Who may open, and send in, a direct chat with a user: not someone that user blocked, and under
// DIRECT_CHAT_POLICY=friends only their friends. One rule, two forms: TypeScript here (openDirectChat,
// and why a send was refused) and SQL in the send statements' guard (`directGuard`), which
// test/direct-rule.test.ts checks against it. A chat that exists stays readable whatever the rule.
import type { Config } from "../config.ts";
import { forbidden } from "../errors.ts";
import { Prisma, type PrismaClient } from "../generated/prisma/client.ts";
import { blockedInChatSql, hasBlocked } from "./blocks.ts";
import { areFriends } from "./friends.ts";

type Db = PrismaClient | Prisma.TransactionClient;
export type DirectPolicy = Config["directChatPolicy"];

/**
 * Why `me` may not message `other` directly, or null when they may. The policy is told first: a
 * blocked stranger hears what any stranger hears, and a block is never named.
 */
export async function directRefusal(db: Db, policy: DirectPolicy, me: number, other: number): Promise<string | null> {
  if (policy === "friends" && !(await areFriends(db, me, other))) return "only friends may message each other directly";
  if (await hasBlocked(db, other, me)) return "not allowed";
  return null;
}

export async function assertMayMessage(db: Db, policy: DirectPolicy, me: number, other: number): Promise<void> {
  const why = await directRefusal(db, policy, me, other);
  if (why) throw forbidden(why);
}

/**
 * The rule as SQL for the send statements: true unless the chat (alias `chat`, with its `type`) is
 * DIRECT and the member row (alias `member`) is refused by the other member of the chat.
 */
export function directGuard(a: { chat: string; member: string }, policy: DirectPolicy): Prisma.Sql {
  const chat = `${a.member}.chat_id`;
  const sender = `${a.member}.user_id`;
  const notFriends = Prisma.raw(
    `NOT EXISTS (SELECT 1 FROM chat_members peer JOIN friends f ON f.friend_id = peer.user_id ` +
      `WHERE peer.chat_id = ${chat} AND peer.user_id <> ${sender} AND f.user_id = ${sender} AND f.type = 'FRIEND')`,
  );
  const refused =
    policy === "friends"
      ? Prisma.sql`(${blockedInChatSql(chat, sender)} OR ${notFriends})`
      : blockedInChatSql(chat, sender);
  return Prisma.sql`NOT (${Prisma.raw(`${a.chat}.type = 'DIRECT'`)} AND ${refused})`;
}
