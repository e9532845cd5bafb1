-- AlterTable
ALTER TABLE "join_requests" ADD COLUMN     "voided_at" TIMESTAMPTZ(3);
