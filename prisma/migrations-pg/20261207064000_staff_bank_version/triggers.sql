-- PostgreSQL twin of the SQLite migration 20261207064000_staff_bank_version (issue 14, decision
-- 0014): version 5 of RollupVersion is the one the staff question bank's id list (每日一题's
-- pick) is kept on in each process; every write that can change the bank or its order bumps it
-- in its own transaction. Per row, as SQLite's (content writes are rare and small).
INSERT INTO "RollupVersion" ("id", "version") VALUES (5, 0);

CREATE FUNCTION fzxt_bank_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 5;
  RETURN NULL;
END $$;

CREATE TRIGGER "Question_bank_version_insert" AFTER INSERT ON "Question" FOR EACH ROW EXECUTE FUNCTION fzxt_bank_version();
CREATE TRIGGER "Question_bank_version_update" AFTER UPDATE OF "id", "active", "courseId" ON "Question" FOR EACH ROW EXECUTE FUNCTION fzxt_bank_version();
CREATE TRIGGER "Question_bank_version_delete" AFTER DELETE ON "Question" FOR EACH ROW EXECUTE FUNCTION fzxt_bank_version();
CREATE TRIGGER "Course_bank_version_insert" AFTER INSERT ON "Course" FOR EACH ROW EXECUTE FUNCTION fzxt_bank_version();
CREATE TRIGGER "Course_bank_version_update" AFTER UPDATE OF "id", "active", "audience" ON "Course" FOR EACH ROW EXECUTE FUNCTION fzxt_bank_version();
CREATE TRIGGER "Course_bank_version_delete" AFTER DELETE ON "Course" FOR EACH ROW EXECUTE FUNCTION fzxt_bank_version();
