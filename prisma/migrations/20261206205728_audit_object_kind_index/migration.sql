-- CreateIndex
CREATE INDEX "AuditLog_objectType_at_idx" ON "AuditLog"("objectType", "at");

