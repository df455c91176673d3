-- DropIndex
DROP INDEX "Booking_expertId_startAt_idx";

-- CreateIndex
CREATE INDEX "Booking_expertId_startAt_endAt_status_wishDate_idx" ON "Booking"("expertId", "startAt", "endAt", "status", "wishDate");

