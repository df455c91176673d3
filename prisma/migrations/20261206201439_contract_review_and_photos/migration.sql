-- AlterTable
ALTER TABLE "ExpertProfile" ADD COLUMN "photoName" TEXT;
ALTER TABLE "ExpertProfile" ADD COLUMN "photoUpdatedAt" DATETIME;

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN "confirmedAt" DATETIME;
ALTER TABLE "Booking" ADD COLUMN "promisedDate" TEXT;
ALTER TABLE "Booking" ADD COLUMN "wishDate" TEXT;

-- CreateIndex
CREATE INDEX "Booking_expertId_type_status_idx" ON "Booking"("expertId", "type", "status");

