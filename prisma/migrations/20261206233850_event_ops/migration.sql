-- AlterTable
ALTER TABLE "Event" ADD COLUMN "cancelReason" TEXT;

-- CreateTable
CREATE TABLE "EventJoin" (
    "eventId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "joinedAt" DATETIME NOT NULL,

    PRIMARY KEY ("eventId", "userId")
);

