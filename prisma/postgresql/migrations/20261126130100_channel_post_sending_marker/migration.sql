-- AlterTable
ALTER TABLE "ChannelPost" ADD COLUMN     "sendingSince" TIMESTAMP(3);

