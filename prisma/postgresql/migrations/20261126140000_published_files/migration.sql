-- AlterTable
ALTER TABLE "ChartImage" ADD COLUMN     "contentType" TEXT,
ADD COLUMN     "filename" TEXT;

