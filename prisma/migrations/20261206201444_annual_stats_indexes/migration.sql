-- DropIndex
DROP INDEX "User_role_disabled_idx";

-- DropIndex
DROP INDEX "Completion_year_userId_idx";

-- CreateIndex
CREATE INDEX "User_role_disabled_orgUnitId_idx" ON "User"("role", "disabled", "orgUnitId");

-- CreateIndex
CREATE INDEX "Completion_year_userId_creditHours_idx" ON "Completion"("year", "userId", "creditHours");

-- CreateIndex
CREATE INDEX "ExamAttempt_year_userId_submittedAt_passed_score_idx" ON "ExamAttempt"("year", "userId", "submittedAt", "passed", "score");

