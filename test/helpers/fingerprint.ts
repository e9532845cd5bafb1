// A digest of every IM table: equal before and after a refused call means it wrote nothing.
import type { PrismaClient } from "../../src/generated/prisma/client.ts";

const TABLES = [
  "users",
  "devices",
  "device_macs",
  "chats",
  "chat_members",
  "chat_entries",
  "messages",
  "friends",
  "join_requests",
];

export async function fingerprint(prisma: PrismaClient): Promise<string> {
  const parts = [];
  for (const table of TABLES) {
    const [row] = await prisma.$queryRawUnsafe<{ h: string | null }[]>(
      `SELECT md5(string_agg(x::text, ',' ORDER BY x::text)) AS h FROM ${table} x`,
    );
    parts.push(`${table}:${row?.h}`);
  }
  return parts.join(" ");
}
