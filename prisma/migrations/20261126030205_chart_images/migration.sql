-- CreateTable
CREATE TABLE "ChartImage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "png" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ChartImage_expiresAt_idx" ON "ChartImage"("expiresAt");

