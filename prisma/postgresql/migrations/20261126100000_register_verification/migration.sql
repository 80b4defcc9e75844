-- CreateEnum
CREATE TYPE "RegisterCheckState" AS ENUM ('ASKED', 'HANDOVER', 'CONFIRMED', 'UPDATED', 'HANDED_OVER', 'HANDOVER_REFUSED');

-- CreateTable
CREATE TABLE "RegisterCheck" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "basisAt" TIMESTAMP(3) NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL,
    "state" "RegisterCheckState" NOT NULL DEFAULT 'ASKED',
    "answeredAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "successorId" TEXT,
    "successorAdded" BOOLEAN NOT NULL DEFAULT false,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "RegisterCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RegisterCheck_state_idx" ON "RegisterCheck"("state");

-- CreateIndex
CREATE INDEX "RegisterCheck_successorId_idx" ON "RegisterCheck"("successorId");

-- CreateIndex
CREATE UNIQUE INDEX "RegisterCheck_contactId_basisAt_key" ON "RegisterCheck"("contactId", "basisAt");

