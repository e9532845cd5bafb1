-- AlterTable
ALTER TABLE "join_requests" ADD COLUMN     "voided_at" TIMESTAMPTZ(3);

-- Void what already lost its ground: pending requests for dissolved groups, and invitations whose
-- inviter is no longer a member.
UPDATE "join_requests" r SET "voided_at" = now()
WHERE r."status" = 'PENDING' AND r."chat_id" IS NOT NULL
  AND (EXISTS (SELECT 1 FROM "chats" c WHERE c."id" = r."chat_id" AND c."is_deleted")
    OR (r."type" = 'INVITE' AND NOT EXISTS (
      SELECT 1 FROM "chat_members" m WHERE m."chat_id" = r."chat_id" AND m."user_id" = r."requester_id")));
