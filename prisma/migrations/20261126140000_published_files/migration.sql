-- AlterTable
ALTER TABLE "ChartImage" ADD COLUMN "contentType" TEXT;
ALTER TABLE "ChartImage" ADD COLUMN "filename" TEXT;

