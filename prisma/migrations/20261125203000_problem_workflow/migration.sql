-- CreateTable
CREATE TABLE "ProblemCounter" (
    "areaId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("areaId", "year")
);

-- CreateTable
CREATE TABLE "Problem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "category" TEXT NOT NULL,
    "locationText" TEXT,
    "postcode" TEXT,
    "postcodeOutward" TEXT,
    "gridReference" TEXT,
    "victimOrTarget" TEXT,
    "guardian" TEXT,
    "offender" TEXT,
    "handler" TEXT,
    "placeManager" TEXT,
    "repeatLocation" BOOLEAN NOT NULL DEFAULT false,
    "repeatVictim" BOOLEAN NOT NULL DEFAULT false,
    "repeatOffender" BOOLEAN NOT NULL DEFAULT false,
    "objective" TEXT,
    "objectiveDetail" TEXT,
    "harm" INTEGER NOT NULL,
    "likelihood" INTEGER NOT NULL,
    "vulnerablePerson" BOOLEAN NOT NULL DEFAULT false,
    "priority" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RAISED',
    "saraStage" TEXT NOT NULL DEFAULT 'SCANNING',
    "nextReviewOn" DATETIME NOT NULL,
    "classification" TEXT NOT NULL DEFAULT 'OFFICIAL_SENSITIVE',
    "outcome" TEXT,
    "assessment" TEXT,
    "escalationReason" TEXT,
    "raisedById" TEXT NOT NULL,
    "clientKey" TEXT,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Problem_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Problem_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProblemPartner" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "problemId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "contactId" TEXT,
    "isLead" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT NOT NULL,
    "removedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProblemPartner_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProblemPartner_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProblemPartner_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "areaId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "place" TEXT,
    "link" TEXT,
    "notes" TEXT,
    "convenedById" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "clientKey" TEXT,
    "cancelledAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MeetingProblem" (
    "meetingId" TEXT NOT NULL,
    "problemId" TEXT NOT NULL,

    PRIMARY KEY ("meetingId", "problemId"),
    CONSTRAINT "MeetingProblem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MeetingProblem_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingInvitee" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "response" TEXT NOT NULL DEFAULT 'PENDING',
    "substituteId" TEXT,
    "attended" BOOLEAN,
    CONSTRAINT "MeetingInvitee_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "MeetingInvitee_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Action" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "problemId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "dueOn" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PROPOSED',
    "declineReason" TEXT,
    "outcome" TEXT,
    "createdById" TEXT NOT NULL,
    "clientKey" TEXT,
    "acceptedAt" DATETIME,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Action_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Action_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Action_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionUpdate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ActionUpdate_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "officerId" TEXT NOT NULL,
    "areaId" TEXT,
    "kind" TEXT NOT NULL,
    "note" TEXT,
    "occurredOn" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Activity_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActivityAgency" (
    "activityId" TEXT NOT NULL,
    "agency" TEXT NOT NULL,

    PRIMARY KEY ("activityId", "agency"),
    CONSTRAINT "ActivityAgency_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxMessage_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Problem_ref_key" ON "Problem"("ref");

-- CreateIndex
CREATE INDEX "Problem_areaId_status_idx" ON "Problem"("areaId", "status");

-- CreateIndex
CREATE INDEX "Problem_status_nextReviewOn_idx" ON "Problem"("status", "nextReviewOn");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_raisedById_clientKey_key" ON "Problem"("raisedById", "clientKey");

-- CreateIndex
CREATE UNIQUE INDEX "ProblemPartner_problemId_organisationId_key" ON "ProblemPartner"("problemId", "organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_clientKey_key" ON "Meeting"("clientKey");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingInvitee_meetingId_contactId_key" ON "MeetingInvitee"("meetingId", "contactId");

-- CreateIndex
CREATE UNIQUE INDEX "Action_clientKey_key" ON "Action"("clientKey");

-- CreateIndex
CREATE INDEX "Action_status_dueOn_idx" ON "Action"("status", "dueOn");

-- CreateIndex
CREATE INDEX "Action_assigneeId_status_idx" ON "Action"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "Action_organisationId_status_idx" ON "Action"("organisationId", "status");

-- CreateIndex
CREATE INDEX "Activity_occurredOn_idx" ON "Activity"("occurredOn");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_key_key" ON "OutboxMessage"("key");

-- CreateIndex
CREATE INDEX "OutboxMessage_state_nextAttemptAt_idx" ON "OutboxMessage"("state", "nextAttemptAt");

