-- PostgreSQL twin of the SQLite migration 20261206171500_assignment_coverage (issue 12): "who
-- an assignment covers" is defined once, as the view AssignmentCoverage, and the pair triggers
-- read it. Same rule as the SQLite view: a live assignment covers enabled STAFF with a unit
-- that a USER target names, whose unit a UNIT target names, or whose unit path holds the id of
-- a SUBTREE target's unit.
CREATE VIEW "AssignmentCoverage" AS
SELECT t."assignmentId", u."id" AS "userId", u."orgUnitId", o."path" AS "unitPath"
  FROM "AssignmentTarget" t JOIN "Assignment" a ON a."id" = t."assignmentId"
  JOIN "User" u ON u."id" = t."userId" JOIN "OrgUnit" o ON o."id" = u."orgUnitId"
 WHERE t."kind" = 'USER' AND a."withdrawnAt" IS NULL AND u."role" = 'STAFF' AND NOT u."disabled"
UNION
SELECT t."assignmentId", u."id", u."orgUnitId", o."path"
  FROM "AssignmentTarget" t JOIN "Assignment" a ON a."id" = t."assignmentId"
  JOIN "User" u ON u."orgUnitId" = t."orgUnitId" JOIN "OrgUnit" o ON o."id" = u."orgUnitId"
 WHERE t."kind" = 'UNIT' AND a."withdrawnAt" IS NULL AND u."role" = 'STAFF' AND NOT u."disabled"
UNION
SELECT t."assignmentId", u."id", u."orgUnitId", o."path"
  FROM "AssignmentTarget" t JOIN "Assignment" a ON a."id" = t."assignmentId"
  JOIN "OrgUnit" o ON strpos(o."path", '/' || CAST(t."orgUnitId" AS TEXT) || '/') > 0
  JOIN "User" u ON u."orgUnitId" = o."id"
 WHERE t."kind" = 'SUBTREE' AND a."withdrawnAt" IS NULL AND u."role" = 'STAFF' AND NOT u."disabled";

-- The same functions as in 20261127020829_triggers, reading the view (the triggers that call
-- them are unchanged). PostgreSQL pushes the person or unit condition into each arm.
CREATE OR REPLACE FUNCTION fzxt_user_pairs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "AssignmentPerson" WHERE "userId" = OLD."id";
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN NULL;
  END IF;
  INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
  SELECT c."assignmentId", c."userId", c."orgUnitId", c."unitPath", COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
    FROM "AssignmentCoverage" c JOIN "AssignmentCourse" ac ON ac."assignmentId" = c."assignmentId"
    LEFT JOIN "CourseStatus" cs ON cs."userId" = c."userId" AND cs."courseId" = ac."courseId"
   WHERE c."userId" = NEW."id"
   GROUP BY c."assignmentId", c."userId", c."orgUnitId", c."unitPath";
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION fzxt_orgunit_pairs_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "AssignmentPerson" WHERE "orgUnitId" = NEW."id";
  INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
  SELECT c."assignmentId", c."userId", c."orgUnitId", c."unitPath", COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
    FROM "AssignmentCoverage" c JOIN "AssignmentCourse" ac ON ac."assignmentId" = c."assignmentId"
    LEFT JOIN "CourseStatus" cs ON cs."userId" = c."userId" AND cs."courseId" = ac."courseId"
   WHERE c."orgUnitId" = NEW."id"
   GROUP BY c."assignmentId", c."userId", c."orgUnitId", c."unitPath";
  RETURN NULL;
END $$;
