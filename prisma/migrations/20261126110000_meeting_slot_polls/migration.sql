-- CreateTable
CREATE TABLE "MeetingSlot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "pickedAt" DATETIME,
    CONSTRAINT "MeetingSlot_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingSlotAnswer" (
    "slotId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "canAttend" BOOLEAN NOT NULL,
    "answeredAt" DATETIME NOT NULL,

    PRIMARY KEY ("slotId", "contactId"),
    CONSTRAINT "MeetingSlotAnswer_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "MeetingSlot" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "MeetingSlot_meetingId_position_key" ON "MeetingSlot"("meetingId", "position");

