-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "digestByEmail" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "emailBounceReason" TEXT,
ADD COLUMN     "emailBouncedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Problem" ADD COLUMN     "redactedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ChartImage" (
    "id" TEXT NOT NULL,
    "png" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChartImage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailLink" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChartImage_expiresAt_idx" ON "ChartImage"("expiresAt");

-- CreateIndex
CREATE INDEX "EmailLink_contactId_idx" ON "EmailLink"("contactId");

-- CreateIndex
CREATE INDEX "Problem_status_redactedAt_closedAt_idx" ON "Problem"("status", "redactedAt", "closedAt");

-- AddForeignKey
ALTER TABLE "EmailLink" ADD CONSTRAINT "EmailLink_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

