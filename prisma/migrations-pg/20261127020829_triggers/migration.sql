-- Hand-written: the PostgreSQL (plpgsql) twins of the triggers the SQLite migrations hold,
-- with the same names and the same behaviour, plus the rows those migrations seed. Kept apart
-- from the generated baseline so this file can be replaced when "who an assignment covers"
-- moves into a view (issue 12). The SQLite backfills (CourseStatus, AssignmentPerson) are
-- not repeated: a PostgreSQL database starts empty, or is filled by `npm run db:copy-to-pg`,
-- which copies the kept rows themselves.
--
-- Dialect notes: booleans are real booleans here (SQLite adds 0/1), so counters add
-- CAST(<condition> AS INTEGER); SQLite's json_each over a unit path is fzxt_path_ids(); its
-- strftime('%Y-%W', ms, '+8 hours') week is fzxt_week(); times are UTC in TIMESTAMP(3).

-- The ids of a materialized path "/1/5/12/" (every ancestor-or-self of unit 12).
CREATE FUNCTION fzxt_path_ids(p TEXT) RETURNS SETOF INTEGER LANGUAGE sql IMMUTABLE AS $$
  SELECT CAST(x AS INTEGER) FROM unnest(string_to_array(trim(BOTH '/' FROM p), '/')) AS x WHERE x <> ''
$$;

-- SQLite's strftime('%Y-%W') in Beijing time: the year and the week number (00-53), weeks
-- starting on Monday, days before the year's first Monday in week 00.
CREATE FUNCTION fzxt_week(t TIMESTAMP) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(t + INTERVAL '8 hours', 'YYYY') || '-' || lpad(CAST(
    floor((EXTRACT(DOY FROM t + INTERVAL '8 hours') + 7 - EXTRACT(ISODOW FROM t + INTERVAL '8 hours')) / 7)
    AS INTEGER)::TEXT, 2, '0')
$$;

-- Append-only records (PRODUCT.md, 等保 2.0 安全审计; learning).
CREATE FUNCTION fzxt_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;

CREATE TRIGGER "AuditLog_no_update" BEFORE UPDATE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION fzxt_append_only();
CREATE TRIGGER "AuditLog_no_delete" BEFORE DELETE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION fzxt_append_only();
CREATE TRIGGER "Completion_no_update" BEFORE UPDATE ON "Completion" FOR EACH ROW EXECUTE FUNCTION fzxt_append_only();
CREATE TRIGGER "Completion_no_delete" BEFORE DELETE ON "Completion" FOR EACH ROW EXECUTE FUNCTION fzxt_append_only();

-- Assignment pairs (decision 0007): a person is covered by a live assignment when a USER
-- target names him, a UNIT target names his unit, or a SUBTREE target names his unit or one
-- of its ancestors. Only STAFF, enabled, with a unit.
CREATE FUNCTION fzxt_user_pairs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "AssignmentPerson" WHERE "userId" = OLD."id";
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN NULL;
  END IF;
  INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
  SELECT a."id", NEW."id", NEW."orgUnitId", (SELECT o."path" FROM "OrgUnit" o WHERE o."id" = NEW."orgUnitId"), COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
    FROM "Assignment" a
    JOIN "AssignmentCourse" ac ON ac."assignmentId" = a."id"
    LEFT JOIN "CourseStatus" cs ON cs."userId" = NEW."id" AND cs."courseId" = ac."courseId"
   WHERE NEW."role" = 'STAFF' AND NOT NEW."disabled" AND NEW."orgUnitId" IS NOT NULL
     AND a."withdrawnAt" IS NULL AND a."id" IN (
     SELECT t."assignmentId" FROM "AssignmentTarget" t
      WHERE (t."kind" = 'USER' AND t."userId" = NEW."id")
         OR (t."kind" = 'UNIT' AND t."orgUnitId" = NEW."orgUnitId")
         OR (t."kind" = 'SUBTREE' AND position('/' || CAST(t."orgUnitId" AS TEXT) || '/' IN (SELECT o."path" FROM "OrgUnit" o WHERE o."id" = NEW."orgUnitId")) > 0))
   GROUP BY a."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "User_pairs_insert" AFTER INSERT ON "User" FOR EACH ROW
WHEN (NEW."role" = 'STAFF' AND NOT NEW."disabled" AND NEW."orgUnitId" IS NOT NULL)
EXECUTE FUNCTION fzxt_user_pairs();

CREATE TRIGGER "User_pairs_update" AFTER UPDATE OF "orgUnitId", "role", "disabled" ON "User" FOR EACH ROW
WHEN (OLD."orgUnitId" IS DISTINCT FROM NEW."orgUnitId" OR OLD."role" IS DISTINCT FROM NEW."role" OR OLD."disabled" IS DISTINCT FROM NEW."disabled")
EXECUTE FUNCTION fzxt_user_pairs();

CREATE TRIGGER "User_pairs_delete" AFTER DELETE ON "User" FOR EACH ROW EXECUTE FUNCTION fzxt_user_pairs();

-- A unit moved: its people's pairs are rewritten against its new path.
CREATE FUNCTION fzxt_orgunit_pairs_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AssignmentPerson" WHERE "orgUnitId" = NEW."id";
  INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
  SELECT a."id", u."id", u."orgUnitId", NEW."path", COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
    FROM "User" u
    JOIN "Assignment" a ON a."withdrawnAt" IS NULL
    JOIN "AssignmentCourse" ac ON ac."assignmentId" = a."id"
    LEFT JOIN "CourseStatus" cs ON cs."userId" = u."id" AND cs."courseId" = ac."courseId"
   WHERE u."orgUnitId" = NEW."id" AND u."role" = 'STAFF' AND NOT u."disabled" AND a."id" IN (
     SELECT t."assignmentId" FROM "AssignmentTarget" t
      WHERE (t."kind" = 'USER' AND t."userId" = u."id")
         OR (t."kind" = 'UNIT' AND t."orgUnitId" = NEW."id")
         OR (t."kind" = 'SUBTREE' AND position('/' || CAST(t."orgUnitId" AS TEXT) || '/' IN NEW."path") > 0))
   GROUP BY a."id", u."id";
  RETURN NULL;
END $$;

CREATE TRIGGER "OrgUnit_pairs_move" AFTER UPDATE OF "path" ON "OrgUnit" FOR EACH ROW
WHEN (OLD."path" IS DISTINCT FROM NEW."path")
EXECUTE FUNCTION fzxt_orgunit_pairs_move();

-- Progress on a course: recount the person's pairs on the assignments holding that course.
CREATE FUNCTION fzxt_coursestatus_pairs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AssignmentPerson" SET
    "done" = (SELECT COUNT(cs."completedAt") FROM "AssignmentCourse" ac JOIN "CourseStatus" cs ON cs."courseId" = ac."courseId" AND cs."userId" = NEW."userId" WHERE ac."assignmentId" = "AssignmentPerson"."assignmentId"),
    "started" = (SELECT COUNT(cs."startedAt") FROM "AssignmentCourse" ac JOIN "CourseStatus" cs ON cs."courseId" = ac."courseId" AND cs."userId" = NEW."userId" WHERE ac."assignmentId" = "AssignmentPerson"."assignmentId"),
    "completedAt" = (SELECT MAX(cs."completedAt") FROM "AssignmentCourse" ac JOIN "CourseStatus" cs ON cs."courseId" = ac."courseId" AND cs."userId" = NEW."userId" WHERE ac."assignmentId" = "AssignmentPerson"."assignmentId")
   WHERE "userId" = NEW."userId" AND "assignmentId" IN (SELECT "assignmentId" FROM "AssignmentCourse" WHERE "courseId" = NEW."courseId");
  RETURN NULL;
END $$;

CREATE TRIGGER "CourseStatus_pairs_insert" AFTER INSERT ON "CourseStatus" FOR EACH ROW EXECUTE FUNCTION fzxt_coursestatus_pairs();
CREATE TRIGGER "CourseStatus_pairs_update" AFTER UPDATE OF "startedAt", "completedAt" ON "CourseStatus" FOR EACH ROW EXECUTE FUNCTION fzxt_coursestatus_pairs();

-- Counters follow the pairs: AssignmentUnitStat per unit people sit in; AssignmentTreeStat and
-- AssignmentTreeWeek for every ancestor-or-self of that unit (the ids in the pair's unitPath).
CREATE FUNCTION fzxt_assignmentperson_stat() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE "AssignmentUnitStat" SET "assigned" = "assigned" - 1,
      "completed" = "completed" - CAST(OLD."done" = OLD."courses" AS INTEGER),
      "inProgress" = "inProgress" - CAST(OLD."done" < OLD."courses" AND OLD."started" > 0 AS INTEGER)
     WHERE "assignmentId" = OLD."assignmentId" AND "orgUnitId" = OLD."orgUnitId";
    UPDATE "AssignmentTreeStat" SET "assigned" = "assigned" - 1,
      "completed" = "completed" - CAST(OLD."done" = OLD."courses" AS INTEGER),
      "inProgress" = "inProgress" - CAST(OLD."done" < OLD."courses" AND OLD."started" > 0 AS INTEGER)
     WHERE "assignmentId" = OLD."assignmentId" AND "orgUnitId" IN (SELECT fzxt_path_ids(OLD."unitPath"));
    UPDATE "AssignmentTreeWeek" SET "completed" = "completed" - 1
     WHERE OLD."done" = OLD."courses" AND OLD."completedAt" IS NOT NULL AND "assignmentId" = OLD."assignmentId"
       AND "orgUnitId" IN (SELECT fzxt_path_ids(OLD."unitPath")) AND "week" = fzxt_week(OLD."completedAt");
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN NULL;
  END IF;
  INSERT INTO "AssignmentUnitStat" ("assignmentId", "orgUnitId", "assigned", "completed", "inProgress")
  VALUES (NEW."assignmentId", NEW."orgUnitId", 1, CAST(NEW."done" = NEW."courses" AS INTEGER), CAST(NEW."done" < NEW."courses" AND NEW."started" > 0 AS INTEGER))
  ON CONFLICT ("assignmentId", "orgUnitId") DO UPDATE SET
    "assigned" = "AssignmentUnitStat"."assigned" + 1, "completed" = "AssignmentUnitStat"."completed" + EXCLUDED."completed", "inProgress" = "AssignmentUnitStat"."inProgress" + EXCLUDED."inProgress";
  INSERT INTO "AssignmentTreeStat" ("assignmentId", "orgUnitId", "assigned", "completed", "inProgress")
  SELECT NEW."assignmentId", j.id, 1, CAST(NEW."done" = NEW."courses" AS INTEGER), CAST(NEW."done" < NEW."courses" AND NEW."started" > 0 AS INTEGER)
    FROM fzxt_path_ids(NEW."unitPath") AS j(id)
  ON CONFLICT ("assignmentId", "orgUnitId") DO UPDATE SET
    "assigned" = "AssignmentTreeStat"."assigned" + 1, "completed" = "AssignmentTreeStat"."completed" + EXCLUDED."completed", "inProgress" = "AssignmentTreeStat"."inProgress" + EXCLUDED."inProgress";
  INSERT INTO "AssignmentTreeWeek" ("assignmentId", "orgUnitId", "week", "completed")
  SELECT NEW."assignmentId", j.id, fzxt_week(NEW."completedAt"), 1 FROM fzxt_path_ids(NEW."unitPath") AS j(id)
   WHERE NEW."done" = NEW."courses" AND NEW."completedAt" IS NOT NULL
  ON CONFLICT ("assignmentId", "orgUnitId", "week") DO UPDATE SET "completed" = "AssignmentTreeWeek"."completed" + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER "AssignmentPerson_stat_insert" AFTER INSERT ON "AssignmentPerson" FOR EACH ROW EXECUTE FUNCTION fzxt_assignmentperson_stat();
CREATE TRIGGER "AssignmentPerson_stat_update" AFTER UPDATE ON "AssignmentPerson" FOR EACH ROW EXECUTE FUNCTION fzxt_assignmentperson_stat();
CREATE TRIGGER "AssignmentPerson_stat_delete" AFTER DELETE ON "AssignmentPerson" FOR EACH ROW EXECUTE FUNCTION fzxt_assignmentperson_stat();

-- Versions the kept overviews are keyed on (decision 0010): RollupVersion 1 (the whole),
-- 2 (the org tree) and one AssignmentVersion per assignment, bumped inside each write's
-- transaction.
INSERT INTO "RollupVersion" ("id", "version") VALUES (1, 0), (2, 0);

CREATE FUNCTION fzxt_bump_assignment(id INTEGER) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "AssignmentVersion" ("assignmentId", "version") VALUES (id, 1)
  ON CONFLICT ("assignmentId") DO UPDATE SET "version" = "AssignmentVersion"."version" + 1
$$;

CREATE FUNCTION fzxt_assignmentperson_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  IF TG_OP = 'INSERT' THEN
    PERFORM fzxt_bump_assignment(NEW."assignmentId");
  ELSE
    PERFORM fzxt_bump_assignment(OLD."assignmentId");
    IF TG_OP = 'UPDATE' AND NEW."assignmentId" <> OLD."assignmentId" THEN
      PERFORM fzxt_bump_assignment(NEW."assignmentId");
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "AssignmentPerson_version_insert" AFTER INSERT ON "AssignmentPerson" FOR EACH ROW EXECUTE FUNCTION fzxt_assignmentperson_version();
CREATE TRIGGER "AssignmentPerson_version_update" AFTER UPDATE ON "AssignmentPerson" FOR EACH ROW EXECUTE FUNCTION fzxt_assignmentperson_version();
CREATE TRIGGER "AssignmentPerson_version_delete" AFTER DELETE ON "AssignmentPerson" FOR EACH ROW EXECUTE FUNCTION fzxt_assignmentperson_version();

CREATE FUNCTION fzxt_bump_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- TG_ARGV[0]: 'tree' when the org tree changed (versions 1 and 2), else only version 1.
  UPDATE "RollupVersion" SET "version" = "version" + 1
   WHERE "id" = 1 OR ("id" = 2 AND TG_NARGS > 0 AND TG_ARGV[0] = 'tree');
  RETURN NULL;
END $$;

-- Rollups read an assignment's due time (overdue) and whether it is withdrawn.
CREATE TRIGGER "Assignment_version_update" AFTER UPDATE OF "dueAt", "withdrawnAt" ON "Assignment" FOR EACH ROW EXECUTE FUNCTION fzxt_bump_rollup();
CREATE TRIGGER "Assignment_version_delete" AFTER DELETE ON "Assignment" FOR EACH ROW EXECUTE FUNCTION fzxt_bump_rollup();

-- Rollups print units' names and codes, in their order, below their parents.
CREATE TRIGGER "OrgUnit_version_insert" AFTER INSERT ON "OrgUnit" FOR EACH ROW EXECUTE FUNCTION fzxt_bump_rollup('tree');
CREATE TRIGGER "OrgUnit_version_update" AFTER UPDATE ON "OrgUnit" FOR EACH ROW EXECUTE FUNCTION fzxt_bump_rollup('tree');
CREATE TRIGGER "OrgUnit_version_delete" AFTER DELETE ON "OrgUnit" FOR EACH ROW EXECUTE FUNCTION fzxt_bump_rollup('tree');
