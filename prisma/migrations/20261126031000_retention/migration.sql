-- AlterTable
ALTER TABLE "Problem" ADD COLUMN "redactedAt" DATETIME;

-- CreateIndex
CREATE INDEX "Problem_status_redactedAt_closedAt_idx" ON "Problem"("status", "redactedAt", "closedAt");

