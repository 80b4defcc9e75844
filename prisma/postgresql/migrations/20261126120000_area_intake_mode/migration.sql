-- CreateTable
CREATE TABLE "AreaLdgChannel" (
    "areaId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "address" JSONB NOT NULL,
    "setById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AreaLdgChannel_pkey" PRIMARY KEY ("areaId")
);

-- CreateTable
CREATE TABLE "ChannelPost" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "problemRef" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "address" JSONB NOT NULL,
    "startsThread" BOOLEAN NOT NULL DEFAULT false,
    "payload" JSONB NOT NULL,
    "state" "OutboxState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "postedId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelPost_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChannelPost_key_key" ON "ChannelPost"("key");

-- CreateIndex
CREATE INDEX "ChannelPost_state_nextAttemptAt_idx" ON "ChannelPost"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ChannelPost_problemRef_startsThread_idx" ON "ChannelPost"("problemRef", "startsThread");

