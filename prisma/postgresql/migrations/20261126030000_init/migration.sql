-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('POLICE', 'FIRE', 'AMBULANCE', 'DISTRICT_COUNCIL', 'COUNTY_COUNCIL', 'UNITARY_COUNCIL', 'HEALTH', 'HOUSING', 'PROBATION', 'YOUTH_JUSTICE', 'VICTIM_SUPPORT', 'VOLUNTARY', 'OTHER');

-- CreateEnum
CREATE TYPE "AreaRole" AS ENUM ('SPOC', 'DEPUTY', 'OFFICER', 'COORDINATOR', 'BOARD_MEMBER');

-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('SLACK', 'TEAMS', 'EMAIL');

-- CreateEnum
CREATE TYPE "ProblemCategory" AS ENUM ('ASB', 'DRUGS', 'EXPLOITATION', 'FIRE_RISK', 'ROAD_SAFETY', 'SAFEGUARDING', 'ENVIRONMENTAL', 'HATE_CRIME', 'OTHER');

-- CreateEnum
CREATE TYPE "ProblemStatus" AS ENUM ('RAISED', 'TRIAGED', 'CONVENED', 'ACTIVE', 'ESCALATED', 'REVIEW', 'CLOSED');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('RED', 'AMBER', 'GREEN');

-- CreateEnum
CREATE TYPE "SaraStage" AS ENUM ('SCANNING', 'ANALYSIS', 'RESPONSE', 'ASSESSMENT');

-- CreateEnum
CREATE TYPE "Objective" AS ENUM ('ELIMINATE', 'REDUCE', 'REDUCE_SERIOUSNESS', 'HANDLE_BETTER', 'HAND_OVER');

-- CreateEnum
CREATE TYPE "Classification" AS ENUM ('OFFICIAL', 'OFFICIAL_SENSITIVE');

-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('PROPOSED', 'ACCEPTED', 'DECLINED', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('TASKING', 'PROBLEM_SOLVING_PANEL', 'CASE_REVIEW');

-- CreateEnum
CREATE TYPE "InvitationResponse" AS ENUM ('PENDING', 'ATTENDING', 'DECLINED', 'SENDING_DEPUTY');

-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('SAFE_AND_WELL_VISIT', 'HOME_FIRE_SAFETY_CHECK', 'NEIGHBOURHOOD_ENQUIRY', 'REFERRAL', 'SIGNPOSTING', 'OTHER');

-- CreateEnum
CREATE TYPE "OutboxState" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "BoardDecision" AS ENUM ('ACCEPTED', 'MORE_INFORMATION', 'DECLINED');

-- CreateTable
CREATE TABLE "Area" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "board" TEXT NOT NULL,
    "chasePolicy" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "organisationId" TEXT NOT NULL,
    "deputyId" TEXT,
    "slackUserId" TEXT,
    "teamsUserId" TEXT,
    "preferredPlatform" "Platform",
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "verifiedAt" TIMESTAMP(3),
    "retiredAt" TIMESTAMP(3),
    "awayUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "role" "AreaRole" NOT NULL,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactTheme" (
    "contactId" TEXT NOT NULL,
    "theme" TEXT NOT NULL,

    CONSTRAINT "ContactTheme_pkey" PRIMARY KEY ("contactId","theme")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT NOT NULL,
    "verb" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProblemCounter" (
    "areaId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ProblemCounter_pkey" PRIMARY KEY ("areaId","year")
);

-- CreateTable
CREATE TABLE "Problem" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "category" "ProblemCategory" NOT NULL,
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
    "objective" "Objective",
    "objectiveDetail" TEXT,
    "harm" INTEGER NOT NULL,
    "likelihood" INTEGER NOT NULL,
    "vulnerablePerson" BOOLEAN NOT NULL DEFAULT false,
    "priority" "Priority" NOT NULL,
    "status" "ProblemStatus" NOT NULL DEFAULT 'RAISED',
    "saraStage" "SaraStage" NOT NULL DEFAULT 'SCANNING',
    "nextReviewOn" TIMESTAMP(3) NOT NULL,
    "classification" "Classification" NOT NULL DEFAULT 'OFFICIAL_SENSITIVE',
    "outcome" TEXT,
    "assessment" TEXT,
    "escalationReason" TEXT,
    "escalatedAt" TIMESTAMP(3),
    "raisedById" TEXT NOT NULL,
    "clientKey" TEXT,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Problem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProblemPartner" (
    "id" TEXT NOT NULL,
    "problemId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "contactId" TEXT,
    "isLead" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT NOT NULL,
    "removedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProblemPartner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "place" TEXT,
    "link" TEXT,
    "notes" TEXT,
    "convenedById" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "clientKey" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingProblem" (
    "meetingId" TEXT NOT NULL,
    "problemId" TEXT NOT NULL,

    CONSTRAINT "MeetingProblem_pkey" PRIMARY KEY ("meetingId","problemId")
);

-- CreateTable
CREATE TABLE "MeetingInvitee" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "response" "InvitationResponse" NOT NULL DEFAULT 'PENDING',
    "substituteId" TEXT,
    "attended" BOOLEAN,

    CONSTRAINT "MeetingInvitee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Action" (
    "id" TEXT NOT NULL,
    "problemId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "dueOn" TIMESTAMP(3) NOT NULL,
    "status" "ActionStatus" NOT NULL DEFAULT 'PROPOSED',
    "declineReason" TEXT,
    "outcome" TEXT,
    "createdById" TEXT NOT NULL,
    "clientKey" TEXT,
    "acceptedAt" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionUpdate" (
    "id" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionUpdate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" TEXT NOT NULL,
    "officerId" TEXT NOT NULL,
    "areaId" TEXT,
    "kind" "ActivityKind" NOT NULL,
    "note" TEXT,
    "occurredOn" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityAgency" (
    "activityId" TEXT NOT NULL,
    "agency" "OrganisationKind" NOT NULL,

    CONSTRAINT "ActivityAgency_pkey" PRIMARY KEY ("activityId","agency")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "OutboxState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationReference" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "reference" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationReference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardAnswer" (
    "id" TEXT NOT NULL,
    "problemId" TEXT NOT NULL,
    "decision" "BoardDecision" NOT NULL,
    "reason" TEXT NOT NULL,
    "answeredById" TEXT NOT NULL,
    "clientKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "slotKey" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "slotAt" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "counts" JSONB,
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChaseStep" (
    "dedupeKey" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "occurrence" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "slotKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChaseStep_pkey" PRIMARY KEY ("dedupeKey")
);

-- CreateTable
CREATE TABLE "SlackProcessedEvent" (
    "eventId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackProcessedEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "SlackProblemChannel" (
    "problemRef" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "cardTs" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackProblemChannel_pkey" PRIMARY KEY ("problemRef")
);

-- CreateIndex
CREATE UNIQUE INDEX "Area_code_key" ON "Area"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_nameKey_key" ON "Organisation"("nameKey");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_email_key" ON "Contact"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_slackUserId_key" ON "Contact"("slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_teamsUserId_key" ON "Contact"("teamsUserId");

-- CreateIndex
CREATE INDEX "Contact_nameKey_idx" ON "Contact"("nameKey");

-- CreateIndex
CREATE INDEX "Contact_organisationId_idx" ON "Contact"("organisationId");

-- CreateIndex
CREATE INDEX "Contact_verifiedAt_idx" ON "Contact"("verifiedAt");

-- CreateIndex
CREATE INDEX "Membership_areaId_role_idx" ON "Membership"("areaId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_contactId_areaId_role_key" ON "Membership"("contactId", "areaId", "role");

-- CreateIndex
CREATE INDEX "ContactTheme_theme_idx" ON "ContactTheme"("theme");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

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
CREATE INDEX "Action_status_updatedAt_idx" ON "Action"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Action_problemId_status_idx" ON "Action"("problemId", "status");

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

-- CreateIndex
CREATE UNIQUE INDEX "ConversationReference_contactId_key" ON "ConversationReference"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "BoardAnswer_clientKey_key" ON "BoardAnswer"("clientKey");

-- CreateIndex
CREATE INDEX "BoardAnswer_problemId_idx" ON "BoardAnswer"("problemId");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_slotKey_key" ON "JobRun"("slotKey");

-- CreateIndex
CREATE INDEX "JobRun_job_slotAt_idx" ON "JobRun"("job", "slotAt");

-- CreateIndex
CREATE INDEX "SlackProcessedEvent_receivedAt_idx" ON "SlackProcessedEvent"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SlackProblemChannel_channelId_key" ON "SlackProblemChannel"("channelId");

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_deputyId_fkey" FOREIGN KEY ("deputyId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactTheme" ADD CONSTRAINT "ContactTheme_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemPartner" ADD CONSTRAINT "ProblemPartner_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemPartner" ADD CONSTRAINT "ProblemPartner_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemPartner" ADD CONSTRAINT "ProblemPartner_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingProblem" ADD CONSTRAINT "MeetingProblem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingProblem" ADD CONSTRAINT "MeetingProblem_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingInvitee" ADD CONSTRAINT "MeetingInvitee_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingInvitee" ADD CONSTRAINT "MeetingInvitee_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Action" ADD CONSTRAINT "Action_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionUpdate" ADD CONSTRAINT "ActionUpdate_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "Action"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityAgency" ADD CONSTRAINT "ActivityAgency_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationReference" ADD CONSTRAINT "ConversationReference_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardAnswer" ADD CONSTRAINT "BoardAnswer_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

