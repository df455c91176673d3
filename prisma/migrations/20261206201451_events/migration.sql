-- CreateTable
CREATE TABLE "Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "year" INTEGER NOT NULL,
    "room" TEXT,
    "meetingUrl" TEXT,
    "capacity" INTEGER NOT NULL,
    "creditHours" REAL NOT NULL,
    "checkInFrom" DATETIME NOT NULL,
    "checkInUntil" DATETIME NOT NULL,
    "audience" TEXT NOT NULL,
    "caseMaterials" TEXT,
    "questions" TEXT,
    "scopePath" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME,
    "qrSecret" TEXT NOT NULL,
    "checkCode" TEXT,
    "checkCodeUntil" DATETIME
);

-- CreateTable
CREATE TABLE "EventSpeaker" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "expertId" INTEGER,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "EventAudience" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "orgUnitId" INTEGER,
    "userId" INTEGER
);

-- CreateTable
CREATE TABLE "EventSignup" (
    "eventId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "assigned" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    "reminderSentAt" DATETIME,

    PRIMARY KEY ("eventId", "userId")
);

-- CreateTable
CREATE TABLE "EventAttendance" (
    "eventId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "creditHours" REAL NOT NULL,
    "method" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "recordedById" INTEGER,

    PRIMARY KEY ("eventId", "userId")
);

-- CreateTable
CREATE TABLE "EventFeedback" (
    "eventId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "rating" INTEGER NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("eventId", "userId")
);

-- CreateTable
CREATE TABLE "EventRecord" (
    "eventId" INTEGER NOT NULL PRIMARY KEY,
    "minutes" TEXT NOT NULL,
    "conclusions" TEXT NOT NULL,
    "casesCited" TEXT NOT NULL DEFAULT '',
    "citations" TEXT NOT NULL DEFAULT '',
    "updatedById" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EventMaterial" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "storedName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL
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


-- 学时 from attendance (issue 20): the view CreditLedger (decision 0018) gains the second source.
-- One row per attendance, kind = the event kind (LECTURE, CASE_STUDY, TRAINING), sourceId = the
-- event id, year = the Beijing calendar year of the event (copied onto the attendance row, whose
-- (year, userId) index serves the per-person sums as Completion's does).
DROP VIEW "CreditLedger";
CREATE VIEW "CreditLedger" AS
SELECT "userId", "year", "creditHours", CAST('COURSE' AS TEXT) AS "kind", "courseId" AS "sourceId", "completedAt" AS "earnedAt"
FROM "Completion"
UNION ALL
SELECT "userId", "year", "creditHours", "kind", "eventId" AS "sourceId", "at" AS "earnedAt"
FROM "EventAttendance";
