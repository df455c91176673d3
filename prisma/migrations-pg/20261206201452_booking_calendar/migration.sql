-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "meetingDialIn" TEXT,
ADD COLUMN     "meetingUrl" TEXT,
ADD COLUMN     "proposedStart" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Holiday" (
    "day" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Holiday_pkey" PRIMARY KEY ("day")
);

