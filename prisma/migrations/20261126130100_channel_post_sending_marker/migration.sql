-- AlterTable
ALTER TABLE "ChannelPost" ADD COLUMN "sendingSince" DATETIME;

