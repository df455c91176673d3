-- PostgreSQL twin of the SQLite migration 20261206204500_annual_version (issue 17): version 4
-- of RollupVersion is the one the 年度学法统计's per-unit figures are kept on; every write that
-- can change a person's annual 学时 (CreditLedger's sources) or exam result bumps it in its own
-- transaction.
INSERT INTO "RollupVersion" ("id", "version") VALUES (4, 0);

CREATE FUNCTION fzxt_annual_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 4;
  RETURN NULL;
END $$;

CREATE TRIGGER "Completion_annual_version_insert" AFTER INSERT ON "Completion" FOR EACH ROW EXECUTE FUNCTION fzxt_annual_version();
CREATE TRIGGER "ExamAttempt_annual_version_insert" AFTER INSERT ON "ExamAttempt" FOR EACH ROW EXECUTE FUNCTION fzxt_annual_version();
CREATE TRIGGER "ExamAttempt_annual_version_update" AFTER UPDATE OF "submittedAt", "passed", "score", "year", "userId" ON "ExamAttempt" FOR EACH ROW EXECUTE FUNCTION fzxt_annual_version();
CREATE TRIGGER "ExamAttempt_annual_version_delete" AFTER DELETE ON "ExamAttempt" FOR EACH ROW EXECUTE FUNCTION fzxt_annual_version();
