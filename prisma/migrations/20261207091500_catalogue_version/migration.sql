-- Hand-written (issue 14, decision 0014): version 6 of RollupVersion is the one the course
-- catalogue's content (every active course with its active lesson count, in catalogue order) is
-- kept on in each process. Every write that can change it bumps it in its own transaction: any
-- change to a course (title, summary, topic, audience, 学时, order, activation ...) and lessons
-- added, removed, moved to another course or (de)activated. Learners' progress does not.
INSERT INTO "RollupVersion" ("id", "version") VALUES (6, 0);

CREATE TRIGGER "Course_catalogue_version_insert" AFTER INSERT ON "Course"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 6;
END;

CREATE TRIGGER "Course_catalogue_version_update" AFTER UPDATE ON "Course"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 6;
END;

CREATE TRIGGER "Course_catalogue_version_delete" AFTER DELETE ON "Course"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 6;
END;

CREATE TRIGGER "Lesson_catalogue_version_insert" AFTER INSERT ON "Lesson"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 6;
END;

CREATE TRIGGER "Lesson_catalogue_version_update" AFTER UPDATE OF "id", "courseId", "active" ON "Lesson"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 6;
END;

CREATE TRIGGER "Lesson_catalogue_version_delete" AFTER DELETE ON "Lesson"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 6;
END;
