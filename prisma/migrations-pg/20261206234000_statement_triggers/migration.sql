-- PostgreSQL only (issue 17, decision 0019 "Known limit"): the counter and version triggers
-- that fire once per assignment pair, per person or per unit become statement-level triggers
-- over transition tables. Before, a new 10,000-person assignment updated the same unit,
-- ancestor and version rows 10,000 times in one transaction (each update a new row version
-- the next one had to walk past), and ran past the write bound. Now each statement adds up its
-- rows' deltas per counter row (GROUP BY) and applies each sum once. The results are those of
-- the per-row triggers, exactly: the counters are sums, and every version still moves by one
-- per row written (the SQLite triggers keep firing per row; tests/pg/triggers.test.ts compares
-- both after every kind of write). Same trigger names; PostgreSQL wants one trigger per event
-- when it hands over transition tables, and no column list (UPDATE OF) on those: the functions
-- pick the rows whose columns changed, which is what the WHEN clauses did.
--
-- Left per row, because one statement writes one row there: CourseStatus (one person's
-- course), Completion / ExamAttempt / EventAttendance (the 年度学法统计 version), Assignment
-- (dueAt, withdrawnAt), the login-name checks and the append-only guards.

DROP TRIGGER "AssignmentPerson_stat_insert" ON "AssignmentPerson";
DROP TRIGGER "AssignmentPerson_stat_update" ON "AssignmentPerson";
DROP TRIGGER "AssignmentPerson_stat_delete" ON "AssignmentPerson";
DROP TRIGGER "AssignmentPerson_version_insert" ON "AssignmentPerson";
DROP TRIGGER "AssignmentPerson_version_update" ON "AssignmentPerson";
DROP TRIGGER "AssignmentPerson_version_delete" ON "AssignmentPerson";
DROP TRIGGER "User_pairs_insert" ON "User";
DROP TRIGGER "User_pairs_update" ON "User";
DROP TRIGGER "User_pairs_delete" ON "User";
DROP TRIGGER "User_people_version_insert" ON "User";
DROP TRIGGER "User_people_version_update" ON "User";
DROP TRIGGER "User_people_version_delete" ON "User";
DROP TRIGGER "OrgUnit_pairs_move" ON "OrgUnit";
DROP TRIGGER "OrgUnit_version_insert" ON "OrgUnit";
DROP TRIGGER "OrgUnit_version_update" ON "OrgUnit";
DROP TRIGGER "OrgUnit_version_delete" ON "OrgUnit";
DROP TRIGGER "OrgUnit_people_version_insert" ON "OrgUnit";
DROP TRIGGER "OrgUnit_people_version_update" ON "OrgUnit";
DROP TRIGGER "OrgUnit_people_version_delete" ON "OrgUnit";
DROP FUNCTION fzxt_people_version();

-- Counters follow the pairs (decision 0007): per statement, the written pairs' deltas summed
-- per AssignmentUnitStat row (the unit people sit in) and per AssignmentTreeStat /
-- AssignmentTreeWeek row (every ancestor-or-self in the pair's unitPath), each sum applied once
-- through the row's key. Old rows are taken out (negative sums) before new rows are added, as
-- each row did. A pair's counter rows exist while it does (its insert made them), so taking
-- out never creates a row; upserts rather than UPDATE … FROM keep every statement to key
-- lookups whatever plan the first call cached (a 10,000-pair create or a one-pair completion).
CREATE OR REPLACE FUNCTION fzxt_assignmentperson_stat() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
  INSERT INTO "AssignmentUnitStat" ("assignmentId", "orgUnitId", "assigned", "completed", "inProgress")
  SELECT p."assignmentId", p."orgUnitId", -COUNT(*), -SUM(CAST(p."done" = p."courses" AS INTEGER)),
         -SUM(CAST(p."done" < p."courses" AND p."started" > 0 AS INTEGER))
    FROM old_pairs p GROUP BY p."assignmentId", p."orgUnitId"
  ON CONFLICT ("assignmentId", "orgUnitId") DO UPDATE SET
    "assigned" = "AssignmentUnitStat"."assigned" + EXCLUDED."assigned", "completed" = "AssignmentUnitStat"."completed" + EXCLUDED."completed", "inProgress" = "AssignmentUnitStat"."inProgress" + EXCLUDED."inProgress";
  INSERT INTO "AssignmentTreeStat" ("assignmentId", "orgUnitId", "assigned", "completed", "inProgress")
  SELECT p."assignmentId", j.id, -COUNT(*), -SUM(CAST(p."done" = p."courses" AS INTEGER)),
         -SUM(CAST(p."done" < p."courses" AND p."started" > 0 AS INTEGER))
    FROM old_pairs p CROSS JOIN LATERAL fzxt_path_ids(p."unitPath") AS j(id)
   GROUP BY p."assignmentId", j.id
  ON CONFLICT ("assignmentId", "orgUnitId") DO UPDATE SET
    "assigned" = "AssignmentTreeStat"."assigned" + EXCLUDED."assigned", "completed" = "AssignmentTreeStat"."completed" + EXCLUDED."completed", "inProgress" = "AssignmentTreeStat"."inProgress" + EXCLUDED."inProgress";
  INSERT INTO "AssignmentTreeWeek" ("assignmentId", "orgUnitId", "week", "completed")
  SELECT p."assignmentId", j.id, fzxt_week(p."completedAt"), -COUNT(*)
    FROM old_pairs p CROSS JOIN LATERAL fzxt_path_ids(p."unitPath") AS j(id)
   WHERE p."done" = p."courses" AND p."completedAt" IS NOT NULL
   GROUP BY p."assignmentId", j.id, fzxt_week(p."completedAt")
  ON CONFLICT ("assignmentId", "orgUnitId", "week") DO UPDATE SET "completed" = "AssignmentTreeWeek"."completed" + EXCLUDED."completed";
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN NULL;
  END IF;
  INSERT INTO "AssignmentUnitStat" ("assignmentId", "orgUnitId", "assigned", "completed", "inProgress")
  SELECT p."assignmentId", p."orgUnitId", COUNT(*), SUM(CAST(p."done" = p."courses" AS INTEGER)),
         SUM(CAST(p."done" < p."courses" AND p."started" > 0 AS INTEGER))
    FROM new_pairs p GROUP BY p."assignmentId", p."orgUnitId"
  ON CONFLICT ("assignmentId", "orgUnitId") DO UPDATE SET
    "assigned" = "AssignmentUnitStat"."assigned" + EXCLUDED."assigned", "completed" = "AssignmentUnitStat"."completed" + EXCLUDED."completed", "inProgress" = "AssignmentUnitStat"."inProgress" + EXCLUDED."inProgress";
  INSERT INTO "AssignmentTreeStat" ("assignmentId", "orgUnitId", "assigned", "completed", "inProgress")
  SELECT p."assignmentId", j.id, COUNT(*), SUM(CAST(p."done" = p."courses" AS INTEGER)),
         SUM(CAST(p."done" < p."courses" AND p."started" > 0 AS INTEGER))
    FROM new_pairs p CROSS JOIN LATERAL fzxt_path_ids(p."unitPath") AS j(id)
   GROUP BY p."assignmentId", j.id
  ON CONFLICT ("assignmentId", "orgUnitId") DO UPDATE SET
    "assigned" = "AssignmentTreeStat"."assigned" + EXCLUDED."assigned", "completed" = "AssignmentTreeStat"."completed" + EXCLUDED."completed", "inProgress" = "AssignmentTreeStat"."inProgress" + EXCLUDED."inProgress";
  INSERT INTO "AssignmentTreeWeek" ("assignmentId", "orgUnitId", "week", "completed")
  SELECT p."assignmentId", j.id, fzxt_week(p."completedAt"), COUNT(*)
    FROM new_pairs p CROSS JOIN LATERAL fzxt_path_ids(p."unitPath") AS j(id)
   WHERE p."done" = p."courses" AND p."completedAt" IS NOT NULL
   GROUP BY p."assignmentId", j.id, fzxt_week(p."completedAt")
  ON CONFLICT ("assignmentId", "orgUnitId", "week") DO UPDATE SET "completed" = "AssignmentTreeWeek"."completed" + EXCLUDED."completed";
  RETURN NULL;
END $$;

CREATE TRIGGER "AssignmentPerson_stat_insert" AFTER INSERT ON "AssignmentPerson"
REFERENCING NEW TABLE AS new_pairs FOR EACH STATEMENT EXECUTE FUNCTION fzxt_assignmentperson_stat();
CREATE TRIGGER "AssignmentPerson_stat_update" AFTER UPDATE ON "AssignmentPerson"
REFERENCING OLD TABLE AS old_pairs NEW TABLE AS new_pairs FOR EACH STATEMENT EXECUTE FUNCTION fzxt_assignmentperson_stat();
CREATE TRIGGER "AssignmentPerson_stat_delete" AFTER DELETE ON "AssignmentPerson"
REFERENCING OLD TABLE AS old_pairs FOR EACH STATEMENT EXECUTE FUNCTION fzxt_assignmentperson_stat();

-- Versions (decision 0010): RollupVersion 1 and each AssignmentVersion move by the number of
-- pairs written, in one update each. A pair that an UPDATE moves to another assignment (the
-- app never does) also counts for the new one, as before: matched to its old row by person.
CREATE OR REPLACE FUNCTION fzxt_assignmentperson_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "RollupVersion" SET "version" = "version" + n.n
      FROM (SELECT COUNT(*) AS n FROM new_pairs) n WHERE "id" = 1 AND n.n > 0;
    INSERT INTO "AssignmentVersion" ("assignmentId", "version")
    SELECT "assignmentId", COUNT(*) FROM new_pairs GROUP BY "assignmentId"
    ON CONFLICT ("assignmentId") DO UPDATE SET "version" = "AssignmentVersion"."version" + EXCLUDED."version";
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "RollupVersion" SET "version" = "version" + n.n
      FROM (SELECT COUNT(*) AS n FROM old_pairs) n WHERE "id" = 1 AND n.n > 0;
    INSERT INTO "AssignmentVersion" ("assignmentId", "version")
    SELECT "assignmentId", COUNT(*) FROM old_pairs GROUP BY "assignmentId"
    ON CONFLICT ("assignmentId") DO UPDATE SET "version" = "AssignmentVersion"."version" + EXCLUDED."version";
  ELSE
    UPDATE "RollupVersion" SET "version" = "version" + n.n
      FROM (SELECT COUNT(*) AS n FROM old_pairs) n WHERE "id" = 1 AND n.n > 0;
    INSERT INTO "AssignmentVersion" ("assignmentId", "version")
    SELECT x."assignmentId", COUNT(*) FROM (
      SELECT o."assignmentId" FROM old_pairs o
      UNION ALL
      SELECT n."assignmentId" FROM new_pairs n
       WHERE NOT EXISTS (SELECT 1 FROM old_pairs o WHERE o."userId" = n."userId" AND o."assignmentId" = n."assignmentId")
    ) x GROUP BY x."assignmentId"
    ON CONFLICT ("assignmentId") DO UPDATE SET "version" = "AssignmentVersion"."version" + EXCLUDED."version";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "AssignmentPerson_version_insert" AFTER INSERT ON "AssignmentPerson"
REFERENCING NEW TABLE AS new_pairs FOR EACH STATEMENT EXECUTE FUNCTION fzxt_assignmentperson_version();
CREATE TRIGGER "AssignmentPerson_version_update" AFTER UPDATE ON "AssignmentPerson"
REFERENCING OLD TABLE AS old_pairs NEW TABLE AS new_pairs FOR EACH STATEMENT EXECUTE FUNCTION fzxt_assignmentperson_version();
CREATE TRIGGER "AssignmentPerson_version_delete" AFTER DELETE ON "AssignmentPerson"
REFERENCING OLD TABLE AS old_pairs FOR EACH STATEMENT EXECUTE FUNCTION fzxt_assignmentperson_version();

-- The pairs of the people a statement inserted, deleted, or changed in unit, role or status
-- (the per-row WHEN), from the view AssignmentCoverage (the per-row SELECT of
-- 20261206171500_assignment_coverage, for a set of ids): one DELETE and one INSERT for them
-- all, so a roster import chunk or a bulk move writes each counter row once.
CREATE OR REPLACE FUNCTION fzxt_user_pairs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids INTEGER[];
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(o."id") INTO ids FROM old_users o;
    DELETE FROM "AssignmentPerson" WHERE "userId" = ANY (ids);
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    SELECT array_agg(n."id") INTO ids FROM new_users n
     WHERE n."role" = 'STAFF' AND NOT n."disabled" AND n."orgUnitId" IS NOT NULL;
  ELSE
    SELECT array_agg(n."id") INTO ids FROM new_users n JOIN old_users o ON o."id" = n."id"
     WHERE o."orgUnitId" IS DISTINCT FROM n."orgUnitId" OR o."role" IS DISTINCT FROM n."role"
        OR o."disabled" IS DISTINCT FROM n."disabled";
    IF ids IS NOT NULL THEN
      DELETE FROM "AssignmentPerson" WHERE "userId" = ANY (ids);
    END IF;
  END IF;
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  -- EXECUTE: planned for this call, with the ids' number known; "= ANY" on the view's column
  -- goes into each arm of the view (its indexes). A plan cached by an earlier call (a few
  -- people, a small table) once scanned "User" for each of 10,000 imported people.
  EXECUTE 'INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
  SELECT c."assignmentId", c."userId", c."orgUnitId", c."unitPath", COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
    FROM "AssignmentCoverage" c JOIN "AssignmentCourse" ac ON ac."assignmentId" = c."assignmentId"
    LEFT JOIN "CourseStatus" cs ON cs."userId" = c."userId" AND cs."courseId" = ac."courseId"
   WHERE c."userId" = ANY ($1)
   GROUP BY c."assignmentId", c."userId", c."orgUnitId", c."unitPath"' USING ids;
  RETURN NULL;
END $$;

CREATE TRIGGER "User_pairs_insert" AFTER INSERT ON "User"
REFERENCING NEW TABLE AS new_users FOR EACH STATEMENT EXECUTE FUNCTION fzxt_user_pairs();
CREATE TRIGGER "User_pairs_update" AFTER UPDATE ON "User"
REFERENCING OLD TABLE AS old_users NEW TABLE AS new_users FOR EACH STATEMENT EXECUTE FUNCTION fzxt_user_pairs();
CREATE TRIGGER "User_pairs_delete" AFTER DELETE ON "User"
REFERENCING OLD TABLE AS old_users FOR EACH STATEMENT EXECUTE FUNCTION fzxt_user_pairs();

-- Units moved (one UPDATE rewrites a whole subtree's paths): their people's pairs are written
-- again against the new paths, all in one DELETE and one INSERT.
CREATE OR REPLACE FUNCTION fzxt_orgunit_pairs_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids INTEGER[];
BEGIN
  SELECT array_agg(n."id") INTO ids FROM new_units n JOIN old_units o ON o."id" = n."id"
   WHERE o."path" IS DISTINCT FROM n."path";
  IF ids IS NULL THEN
    RETURN NULL;
  END IF;
  DELETE FROM "AssignmentPerson" WHERE "orgUnitId" = ANY (ids);
  -- EXECUTE: planned for this call, with the ids' number known; "= ANY" on the view's column
  -- goes into each arm of the view (its indexes). A plan cached by an earlier call (a few
  -- people, a small table) once scanned "User" for each of 10,000 imported people.
  EXECUTE 'INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
  SELECT c."assignmentId", c."userId", c."orgUnitId", c."unitPath", COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
    FROM "AssignmentCoverage" c JOIN "AssignmentCourse" ac ON ac."assignmentId" = c."assignmentId"
    LEFT JOIN "CourseStatus" cs ON cs."userId" = c."userId" AND cs."courseId" = ac."courseId"
   WHERE c."orgUnitId" = ANY ($1)
   GROUP BY c."assignmentId", c."userId", c."orgUnitId", c."unitPath"' USING ids;
  RETURN NULL;
END $$;

CREATE TRIGGER "OrgUnit_pairs_move" AFTER UPDATE ON "OrgUnit"
REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION fzxt_orgunit_pairs_move();

-- RollupVersion 1 and 2 (decision 0010): one step per unit row written, in one update.
CREATE FUNCTION fzxt_orgunit_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n BIGINT;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT COUNT(*) INTO n FROM old_units;
  ELSE
    SELECT COUNT(*) INTO n FROM new_units;
  END IF;
  IF n > 0 THEN
    UPDATE "RollupVersion" SET "version" = "version" + n WHERE "id" IN (1, 2);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "OrgUnit_version_insert" AFTER INSERT ON "OrgUnit"
REFERENCING NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION fzxt_orgunit_version();
CREATE TRIGGER "OrgUnit_version_update" AFTER UPDATE ON "OrgUnit"
REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION fzxt_orgunit_version();
CREATE TRIGGER "OrgUnit_version_delete" AFTER DELETE ON "OrgUnit"
REFERENCING OLD TABLE AS old_units FOR EACH STATEMENT EXECUTE FUNCTION fzxt_orgunit_version();

-- RollupVersion 3, the people counts (decision 0014): one step per user or unit inserted or
-- deleted, and per row whose counted columns changed (User: role, disabled, orgUnitId;
-- OrgUnit: path, tier, kind, parentId). The per-row triggers' `UPDATE OF` also stepped for a
-- column set to its own value; nothing a count reads changes then.
CREATE FUNCTION fzxt_people_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  n BIGINT;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT COUNT(*) INTO n FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT COUNT(*) INTO n FROM old_rows;
  ELSIF TG_TABLE_NAME = 'User' THEN
    SELECT COUNT(*) INTO n FROM new_rows r JOIN old_rows o ON o."id" = r."id"
     WHERE o."role" IS DISTINCT FROM r."role" OR o."disabled" IS DISTINCT FROM r."disabled"
        OR o."orgUnitId" IS DISTINCT FROM r."orgUnitId";
  ELSE
    SELECT COUNT(*) INTO n FROM new_rows r JOIN old_rows o ON o."id" = r."id"
     WHERE o."path" IS DISTINCT FROM r."path" OR o."tier" IS DISTINCT FROM r."tier"
        OR o."kind" IS DISTINCT FROM r."kind" OR o."parentId" IS DISTINCT FROM r."parentId";
  END IF;
  IF n > 0 THEN
    UPDATE "RollupVersion" SET "version" = "version" + n WHERE "id" = 3;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "User_people_version_insert" AFTER INSERT ON "User"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fzxt_people_version();
CREATE TRIGGER "User_people_version_update" AFTER UPDATE ON "User"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fzxt_people_version();
CREATE TRIGGER "User_people_version_delete" AFTER DELETE ON "User"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fzxt_people_version();
CREATE TRIGGER "OrgUnit_people_version_insert" AFTER INSERT ON "OrgUnit"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fzxt_people_version();
CREATE TRIGGER "OrgUnit_people_version_update" AFTER UPDATE ON "OrgUnit"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION fzxt_people_version();
CREATE TRIGGER "OrgUnit_people_version_delete" AFTER DELETE ON "OrgUnit"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION fzxt_people_version();

