-- CreateTable
CREATE TABLE "EmailLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contactId" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EmailLink_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Contact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "organisationId" TEXT NOT NULL,
    "deputyId" TEXT,
    "slackUserId" TEXT,
    "teamsUserId" TEXT,
    "preferredPlatform" TEXT,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "verifiedAt" DATETIME,
    "retiredAt" DATETIME,
    "awayUntil" DATETIME,
    "emailBouncedAt" DATETIME,
    "emailBounceReason" TEXT,
    "digestByEmail" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contact_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Contact_deputyId_fkey" FOREIGN KEY ("deputyId") REFERENCES "Contact" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Contact" ("awayUntil", "createdAt", "deputyId", "email", "id", "isAdmin", "name", "nameKey", "organisationId", "phone", "preferredPlatform", "retiredAt", "slackUserId", "teamsUserId", "updatedAt", "verifiedAt") SELECT "awayUntil", "createdAt", "deputyId", "email", "id", "isAdmin", "name", "nameKey", "organisationId", "phone", "preferredPlatform", "retiredAt", "slackUserId", "teamsUserId", "updatedAt", "verifiedAt" FROM "Contact";
DROP TABLE "Contact";
ALTER TABLE "new_Contact" RENAME TO "Contact";
CREATE UNIQUE INDEX "Contact_email_key" ON "Contact"("email");
CREATE UNIQUE INDEX "Contact_slackUserId_key" ON "Contact"("slackUserId");
CREATE UNIQUE INDEX "Contact_teamsUserId_key" ON "Contact"("teamsUserId");
CREATE INDEX "Contact_nameKey_idx" ON "Contact"("nameKey");
CREATE INDEX "Contact_organisationId_idx" ON "Contact"("organisationId");
CREATE INDEX "Contact_verifiedAt_idx" ON "Contact"("verifiedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "EmailLink_contactId_idx" ON "EmailLink"("contactId");

