-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "client_request_hash" TEXT;
