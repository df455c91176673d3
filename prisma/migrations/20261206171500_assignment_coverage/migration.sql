-- Hand-written (issue 12): "who an assignment covers" is defined once, here, as the view
-- AssignmentCoverage; the pair triggers, the pairs of a new assignment and checkPairs all read
-- it (decision 0007, 0011). Its PostgreSQL twin: prisma/migrations-pg/<this folder>.
--
-- A person is covered by a live (not withdrawn) assignment when a USER target names him, a
-- UNIT target names his unit, or a SUBTREE target names his unit or one of its ancestors: the
-- target's id appears in his unit's materialized path "/1/5/12/". (The path's ids, not a range
-- of paths: during one statement that moves a subtree, SQLite runs each row's trigger before
-- the next unit's path is rewritten, and a person's own unit path is then the only one sure to
-- be current.) Only enabled STAFF with a unit are covered. (The unary + keeps SQLite's planner,
-- which has no statistics here, off the (role, disabled) index: every caller narrows by person,
-- unit or assignment, and through that index each arm would read every staff member.)
CREATE VIEW "AssignmentCoverage" AS
SELECT t."assignmentId", u."id" AS "userId", u."orgUnitId", o."path" AS "unitPath"
  FROM "AssignmentTarget" t JOIN "Assignment" a ON a."id" = t."assignmentId"
  JOIN "User" u ON u."id" = t."userId" JOIN "OrgUnit" o ON o."id" = u."orgUnitId"
 WHERE t."kind" = 'USER' AND a."withdrawnAt" IS NULL AND +u."role" = 'STAFF' AND +u."disabled" = 0
UNION
SELECT t."assignmentId", u."id", u."orgUnitId", o."path"
  FROM "AssignmentTarget" t JOIN "Assignment" a ON a."id" = t."assignmentId"
  JOIN "User" u ON u."orgUnitId" = t."orgUnitId" JOIN "OrgUnit" o ON o."id" = u."orgUnitId"
 WHERE t."kind" = 'UNIT' AND a."withdrawnAt" IS NULL AND +u."role" = 'STAFF' AND +u."disabled" = 0
UNION
SELECT t."assignmentId", u."id", u."orgUnitId", o."path"
  FROM "AssignmentTarget" t JOIN "Assignment" a ON a."id" = t."assignmentId"
  JOIN "OrgUnit" o ON instr(o."path", '/' || t."orgUnitId" || '/') > 0
  JOIN "User" u ON u."orgUnitId" = o."id"
 WHERE t."kind" = 'SUBTREE' AND a."withdrawnAt" IS NULL AND +u."role" = 'STAFF' AND +u."disabled" = 0;

-- The triggers that wrote the coverage out themselves (migration assignment_pairs) now read it,
-- narrowed to one person or one unit (SQLite pushes the condition into each arm of the view, so
-- a trigger reads that person's or unit's rows only). The figures beside each pair (courses,
-- done, started, last completion) are counted as before.
DROP TRIGGER "User_pairs_insert";
DROP TRIGGER "User_pairs_update";
DROP TRIGGER "OrgUnit_pairs_move";

CREATE TRIGGER "User_pairs_insert" AFTER INSERT ON "User"
WHEN NEW."role" = 'STAFF' AND NEW."disabled" = 0 AND NEW."orgUnitId" IS NOT NULL
BEGIN
  INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
  SELECT c."assignmentId", c."userId", c."orgUnitId", c."unitPath", COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
    FROM "AssignmentCoverage" c JOIN "AssignmentCourse" ac ON ac."assignmentId" = c."assignmentId"
    LEFT JOIN "CourseStatus" cs ON cs."userId" = c."userId" AND cs."courseId" = ac."courseId"
   WHERE c."userId" = NEW."id"
   GROUP BY c."assignmentId", c."userId";
END;

CREATE TRIGGER "User_pairs_update" AFTER UPDATE OF "orgUnitId", "role", "disabled" ON "User"
WHEN OLD."orgUnitId" IS NOT NEW."orgUnitId" OR OLD."role" IS NOT NEW."role" OR OLD."disabled" IS NOT NEW."disabled"
BEGIN
  DELETE FROM "AssignmentPerson" WHERE "userId" = OLD."id";
  INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
  SELECT c."assignmentId", c."userId", c."orgUnitId", c."unitPath", COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
    FROM "AssignmentCoverage" c JOIN "AssignmentCourse" ac ON ac."assignmentId" = c."assignmentId"
    LEFT JOIN "CourseStatus" cs ON cs."userId" = c."userId" AND cs."courseId" = ac."courseId"
   WHERE c."userId" = NEW."id"
   GROUP BY c."assignmentId", c."userId";
END;

-- A unit moved: its people's pairs are rewritten against its new path.
CREATE TRIGGER "OrgUnit_pairs_move" AFTER UPDATE OF "path" ON "OrgUnit"
WHEN OLD."path" IS NOT NEW."path"
BEGIN
  DELETE FROM "AssignmentPerson" WHERE "orgUnitId" = NEW."id";
  INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
  SELECT c."assignmentId", c."userId", c."orgUnitId", c."unitPath", COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
    FROM "AssignmentCoverage" c JOIN "AssignmentCourse" ac ON ac."assignmentId" = c."assignmentId"
    LEFT JOIN "CourseStatus" cs ON cs."userId" = c."userId" AND cs."courseId" = ac."courseId"
   WHERE c."orgUnitId" = NEW."id"
   GROUP BY c."assignmentId", c."userId";
END;
