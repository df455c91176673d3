-- PostgreSQL twin of the SQLite migration 20261207091500_catalogue_version (issue 14, decision
-- 0014): version 6 of RollupVersion is the one the course catalogue's content (active courses
-- with their active lesson counts, in catalogue order) is kept on in each process; any change
-- to a course, and lessons added, removed, moved or (de)activated, bump it in their own
-- transaction. Per row, as SQLite's (content writes are rare and small).
INSERT INTO "RollupVersion" ("id", "version") VALUES (6, 0);

CREATE FUNCTION fzxt_catalogue_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 6;
  RETURN NULL;
END $$;

CREATE TRIGGER "Course_catalogue_version_insert" AFTER INSERT ON "Course" FOR EACH ROW EXECUTE FUNCTION fzxt_catalogue_version();
CREATE TRIGGER "Course_catalogue_version_update" AFTER UPDATE ON "Course" FOR EACH ROW EXECUTE FUNCTION fzxt_catalogue_version();
CREATE TRIGGER "Course_catalogue_version_delete" AFTER DELETE ON "Course" FOR EACH ROW EXECUTE FUNCTION fzxt_catalogue_version();
CREATE TRIGGER "Lesson_catalogue_version_insert" AFTER INSERT ON "Lesson" FOR EACH ROW EXECUTE FUNCTION fzxt_catalogue_version();
CREATE TRIGGER "Lesson_catalogue_version_update" AFTER UPDATE OF "id", "courseId", "active" ON "Lesson" FOR EACH ROW EXECUTE FUNCTION fzxt_catalogue_version();
CREATE TRIGGER "Lesson_catalogue_version_delete" AFTER DELETE ON "Lesson" FOR EACH ROW EXECUTE FUNCTION fzxt_catalogue_version();
