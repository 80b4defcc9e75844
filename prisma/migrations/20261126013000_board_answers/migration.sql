-- AlterTable
ALTER TABLE "Problem" ADD COLUMN "escalatedAt" DATETIME;

-- CreateTable
CREATE TABLE "BoardAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "problemId" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "answeredById" TEXT NOT NULL,
    "clientKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BoardAnswer_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "BoardAnswer_clientKey_key" ON "BoardAnswer"("clientKey");

-- CreateIndex
CREATE INDEX "BoardAnswer_problemId_idx" ON "BoardAnswer"("problemId");

