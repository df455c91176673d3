-- Hand-written (issue 17): version 4 of RollupVersion is the one the 年度学法统计's per-unit
-- figures are kept on (with version 3, the people counts). Every write that can change a
-- person's annual 学时 (the sources of CreditLedger, decision 0018) or annual exam result bumps
-- it in its own transaction (Completion is append-only: its insert is the only write). A new
-- source of 学时 adds its triggers here.
INSERT INTO "RollupVersion" ("id", "version") VALUES (4, 0);

CREATE TRIGGER "Completion_annual_version_insert" AFTER INSERT ON "Completion"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 4;
END;

CREATE TRIGGER "ExamAttempt_annual_version_insert" AFTER INSERT ON "ExamAttempt"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 4;
END;

CREATE TRIGGER "ExamAttempt_annual_version_update" AFTER UPDATE OF "submittedAt", "passed", "score", "year", "userId" ON "ExamAttempt"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 4;
END;

CREATE TRIGGER "ExamAttempt_annual_version_delete" AFTER DELETE ON "ExamAttempt"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 4;
END;
