-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "cancelReason" TEXT;

-- CreateTable
CREATE TABLE "EventJoin" (
    "eventId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventJoin_pkey" PRIMARY KEY ("eventId","userId")
);

