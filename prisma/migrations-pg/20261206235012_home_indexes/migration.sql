-- DropIndex
DROP INDEX "Booking_enterpriseId_status_idx";

-- CreateIndex
CREATE INDEX "AuditLog_result_at_idx" ON "AuditLog"("result", "at");

-- CreateIndex
CREATE INDEX "Booking_enterpriseId_status_startAt_idx" ON "Booking"("enterpriseId", "status", "startAt");

-- CreateIndex
CREATE INDEX "Booking_type_status_promisedDate_idx" ON "Booking"("type", "status", "promisedDate");

