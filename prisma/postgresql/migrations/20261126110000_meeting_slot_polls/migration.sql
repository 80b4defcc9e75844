-- CreateTable
CREATE TABLE "MeetingSlot" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "pickedAt" TIMESTAMP(3),

    CONSTRAINT "MeetingSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingSlotAnswer" (
    "slotId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "canAttend" BOOLEAN NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MeetingSlotAnswer_pkey" PRIMARY KEY ("slotId","contactId")
);

-- CreateIndex
CREATE UNIQUE INDEX "MeetingSlot_meetingId_position_key" ON "MeetingSlot"("meetingId", "position");

-- AddForeignKey
ALTER TABLE "MeetingSlot" ADD CONSTRAINT "MeetingSlot_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingSlotAnswer" ADD CONSTRAINT "MeetingSlotAnswer_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "MeetingSlot"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

