-- CreateTable
CREATE TABLE "RegisterCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "basisAt" DATETIME NOT NULL,
    "askedAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'ASKED',
    "answeredAt" DATETIME,
    "remindedAt" DATETIME,
    "escalatedAt" DATETIME,
    "successorId" TEXT,
    "successorAdded" BOOLEAN NOT NULL DEFAULT false,
    "closedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "RegisterCheck_state_idx" ON "RegisterCheck"("state");

-- CreateIndex
CREATE INDEX "RegisterCheck_successorId_idx" ON "RegisterCheck"("successorId");

-- CreateIndex
CREATE UNIQUE INDEX "RegisterCheck_contactId_basisAt_key" ON "RegisterCheck"("contactId", "basisAt");

