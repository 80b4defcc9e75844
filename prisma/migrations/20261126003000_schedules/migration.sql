-- AlterTable
ALTER TABLE "Area" ADD COLUMN "chasePolicy" JSONB;

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN "awayUntil" DATETIME;

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slotKey" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "slotAt" DATETIME NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "counts" JSONB,
    "error" TEXT
);

-- CreateTable
CREATE TABLE "ChaseStep" (
    "dedupeKey" TEXT NOT NULL PRIMARY KEY,
    "subject" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "occurrence" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "slotKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_slotKey_key" ON "JobRun"("slotKey");

-- CreateIndex
CREATE INDEX "JobRun_job_slotAt_idx" ON "JobRun"("job", "slotAt");

-- CreateIndex
CREATE INDEX "Action_status_updatedAt_idx" ON "Action"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Action_problemId_status_idx" ON "Action"("problemId", "status");

