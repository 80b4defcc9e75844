-- CreateTable
CREATE TABLE "AreaLdgChannel" (
    "areaId" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "address" JSONB NOT NULL,
    "setById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ChannelPost" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "problemRef" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "address" JSONB NOT NULL,
    "startsThread" BOOLEAN NOT NULL DEFAULT false,
    "payload" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "postedId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "ChannelPost_key_key" ON "ChannelPost"("key");

-- CreateIndex
CREATE INDEX "ChannelPost_state_nextAttemptAt_idx" ON "ChannelPost"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ChannelPost_problemRef_startsThread_idx" ON "ChannelPost"("problemRef", "startsThread");

