-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "meetingDialIn" TEXT;
ALTER TABLE "Booking" ADD COLUMN "meetingUrl" TEXT;
ALTER TABLE "Booking" ADD COLUMN "proposedStart" DATETIME;

-- CreateTable
CREATE TABLE "Holiday" (
    "day" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

