-- Hand-written (issue 14, decision 0014): version 5 of RollupVersion is the one the staff
-- question bank's id list (每日一题's pick) is kept on in each process. Every write that can
-- change which questions are in the bank, or their order, bumps it in its own transaction:
-- questions added, removed, moved or (de)activated; courses added, removed, (de)activated or
-- given another audience.
INSERT INTO "RollupVersion" ("id", "version") VALUES (5, 0);

CREATE TRIGGER "Question_bank_version_insert" AFTER INSERT ON "Question"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 5;
END;

CREATE TRIGGER "Question_bank_version_update" AFTER UPDATE OF "id", "active", "courseId" ON "Question"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 5;
END;

CREATE TRIGGER "Question_bank_version_delete" AFTER DELETE ON "Question"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 5;
END;

CREATE TRIGGER "Course_bank_version_insert" AFTER INSERT ON "Course"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 5;
END;

CREATE TRIGGER "Course_bank_version_update" AFTER UPDATE OF "id", "active", "audience" ON "Course"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 5;
END;

CREATE TRIGGER "Course_bank_version_delete" AFTER DELETE ON "Course"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 5;
END;
