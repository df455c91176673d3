-- AlterTable
ALTER TABLE "ExpertProfile" ADD COLUMN     "photoName" TEXT,
ADD COLUMN     "photoUpdatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Booking" ADD COLUMN     "confirmedAt" TIMESTAMP(3),
ADD COLUMN     "promisedDate" TEXT,
ADD COLUMN     "wishDate" TEXT;

-- CreateIndex
CREATE INDEX "Booking_expertId_type_status_idx" ON "Booking"("expertId", "type", "status");

