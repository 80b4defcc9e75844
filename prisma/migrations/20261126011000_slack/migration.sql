-- CreateTable
CREATE TABLE "SlackProcessedEvent" (
    "eventId" TEXT NOT NULL PRIMARY KEY,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "SlackProblemChannel" (
    "problemRef" TEXT NOT NULL PRIMARY KEY,
    "channelId" TEXT NOT NULL,
    "cardTs" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "SlackProcessedEvent_receivedAt_idx" ON "SlackProcessedEvent"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SlackProblemChannel_channelId_key" ON "SlackProblemChannel"("channelId");

