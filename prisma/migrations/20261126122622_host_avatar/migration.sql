-- AlterTable
ALTER TABLE "users" ADD COLUMN     "host_avatar_url" TEXT;
