-- CreateTable
CREATE TABLE "Event" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "year" INTEGER NOT NULL,
    "room" TEXT,
    "meetingUrl" TEXT,
    "capacity" INTEGER NOT NULL,
    "creditHours" DOUBLE PRECISION NOT NULL,
    "checkInFrom" TIMESTAMP(3) NOT NULL,
    "checkInUntil" TIMESTAMP(3) NOT NULL,
    "audience" TEXT NOT NULL,
    "caseMaterials" TEXT,
    "questions" TEXT,
    "scopePath" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "qrSecret" TEXT NOT NULL,
    "checkCode" TEXT,
    "checkCodeUntil" TIMESTAMP(3),

    CONSTRAINT "Event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventSpeaker" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "expertId" INTEGER,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,

    CONSTRAINT "EventSpeaker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventAudience" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "orgUnitId" INTEGER,
    "userId" INTEGER,

    CONSTRAINT "EventAudience_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventSignup" (
    "eventId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "assigned" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "reminderSentAt" TIMESTAMP(3),

    CONSTRAINT "EventSignup_pkey" PRIMARY KEY ("eventId","userId")
);

-- CreateTable
CREATE TABLE "EventAttendance" (
    "eventId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "creditHours" DOUBLE PRECISION NOT NULL,
    "method" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "recordedById" INTEGER,

    CONSTRAINT "EventAttendance_pkey" PRIMARY KEY ("eventId","userId")
);

-- CreateTable
CREATE TABLE "EventFeedback" (
    "eventId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventFeedback_pkey" PRIMARY KEY ("eventId","userId")
);

-- CreateTable
CREATE TABLE "EventRecord" (
    "eventId" INTEGER NOT NULL,
    "minutes" TEXT NOT NULL,
    "conclusions" TEXT NOT NULL,
    "casesCited" TEXT NOT NULL DEFAULT '',
    "citations" TEXT NOT NULL DEFAULT '',
    "updatedById" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventRecord_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "EventMaterial" (
    "id" SERIAL NOT NULL,
    "eventId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "storedName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventMaterial_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Event_startsAt_idx" ON "Event"("startsAt");

-- CreateIndex
CREATE INDEX "Event_scopePath_idx" ON "Event"("scopePath");

-- CreateIndex
CREATE INDEX "EventSpeaker_eventId_idx" ON "EventSpeaker"("eventId");

-- CreateIndex
CREATE INDEX "EventAudience_eventId_idx" ON "EventAudience"("eventId");

-- CreateIndex
CREATE INDEX "EventAudience_orgUnitId_idx" ON "EventAudience"("orgUnitId");

-- CreateIndex
CREATE INDEX "EventAudience_userId_idx" ON "EventAudience"("userId");

-- CreateIndex
CREATE INDEX "EventSignup_userId_idx" ON "EventSignup"("userId");

-- CreateIndex
CREATE INDEX "EventSignup_eventId_status_createdAt_idx" ON "EventSignup"("eventId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "EventAttendance_year_userId_idx" ON "EventAttendance"("year", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "EventMaterial_storedName_key" ON "EventMaterial"("storedName");

-- CreateIndex
CREATE INDEX "EventMaterial_eventId_idx" ON "EventMaterial"("eventId");

