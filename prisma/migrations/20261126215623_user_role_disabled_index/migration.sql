-- DropIndex
DROP INDEX "User_role_idx";

-- CreateIndex
CREATE INDEX "User_role_disabled_idx" ON "User"("role", "disabled");

