-- CreateTable
CREATE TABLE "AssignmentPerson" (
    "assignmentId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "orgUnitId" INTEGER NOT NULL,
    "unitPath" TEXT NOT NULL,
    "courses" INTEGER NOT NULL,
    "done" INTEGER NOT NULL,
    "started" INTEGER NOT NULL,
    "completedAt" DATETIME,

    PRIMARY KEY ("assignmentId", "userId")
);

-- CreateTable
CREATE TABLE "AssignmentUnitStat" (
    "assignmentId" INTEGER NOT NULL,
    "orgUnitId" INTEGER NOT NULL,
    "assigned" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "inProgress" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("assignmentId", "orgUnitId")
);

-- CreateTable
CREATE TABLE "AssignmentTreeStat" (
    "assignmentId" INTEGER NOT NULL,
    "orgUnitId" INTEGER NOT NULL,
    "assigned" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "inProgress" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("assignmentId", "orgUnitId")
);

-- CreateTable
CREATE TABLE "AssignmentTreeWeek" (
    "assignmentId" INTEGER NOT NULL,
    "orgUnitId" INTEGER NOT NULL,
    "week" TEXT NOT NULL,
    "completed" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("assignmentId", "orgUnitId", "week")
);

-- CreateIndex
CREATE INDEX "AssignmentPerson_userId_idx" ON "AssignmentPerson"("userId");

-- CreateIndex
CREATE INDEX "AssignmentPerson_assignmentId_orgUnitId_idx" ON "AssignmentPerson"("assignmentId", "orgUnitId");

-- CreateIndex
CREATE INDEX "AssignmentUnitStat_orgUnitId_idx" ON "AssignmentUnitStat"("orgUnitId");

-- CreateIndex
CREATE INDEX "AssignmentUnitStat_assignmentId_orgUnitId_assigned_completed_inProgress_idx" ON "AssignmentUnitStat"("assignmentId", "orgUnitId", "assigned", "completed", "inProgress");

-- CreateIndex
CREATE INDEX "AssignmentTreeStat_orgUnitId_idx" ON "AssignmentTreeStat"("orgUnitId");


-- Hand-written: triggers keep AssignmentPerson and its counters true on every write path
-- (decision 0007). A person is covered by a live assignment when a USER target names him, a
-- UNIT target names his unit, or a SUBTREE target names his unit or one of its ancestors (the
-- materialized path "/1/5/12/" holds every ancestor id). Only STAFF, enabled, with a unit.
-- Counters: AssignmentUnitStat per unit people sit in; AssignmentTreeStat and AssignmentTreeWeek
-- for every ancestor-or-self of that unit (the ids in the pair's unitPath).

CREATE TRIGGER "User_pairs_insert" AFTER INSERT ON "User"
WHEN NEW."role" = 'STAFF' AND NEW."disabled" = 0 AND NEW."orgUnitId" IS NOT NULL
BEGIN
  INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
  SELECT a."id", NEW."id", NEW."orgUnitId", (SELECT o."path" FROM "OrgUnit" o WHERE o."id" = NEW."orgUnitId"), COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
    FROM "Assignment" a
    JOIN "AssignmentCourse" ac ON ac."assignmentId" = a."id"
    LEFT JOIN "CourseStatus" cs ON cs."userId" = NEW."id" AND cs."courseId" = ac."courseId"
   WHERE NEW."role" = 'STAFF' AND NEW."disabled" = 0 AND NEW."orgUnitId" IS NOT NULL
     AND a."withdrawnAt" IS NULL AND a."id" IN (
     SELECT t."assignmentId" FROM "AssignmentTarget" t
      WHERE (t."kind" = 'USER' AND t."userId" = NEW."id")
         OR (t."kind" = 'UNIT' AND t."orgUnitId" = NEW."orgUnitId")
         OR (t."kind" = 'SUBTREE' AND instr((SELECT o."path" FROM "OrgUnit" o WHERE o."id" = NEW."orgUnitId"), '/' || t."orgUnitId" || '/') > 0))
   GROUP BY a."id";
END;

CREATE TRIGGER "User_pairs_update" AFTER UPDATE OF "orgUnitId", "role", "disabled" ON "User"
WHEN OLD."orgUnitId" IS NOT NEW."orgUnitId" OR OLD."role" IS NOT NEW."role" OR OLD."disabled" IS NOT NEW."disabled"
BEGIN
  DELETE FROM "AssignmentPerson" WHERE "userId" = OLD."id";
  INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
  SELECT a."id", NEW."id", NEW."orgUnitId", (SELECT o."path" FROM "OrgUnit" o WHERE o."id" = NEW."orgUnitId"), COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
    FROM "Assignment" a
    JOIN "AssignmentCourse" ac ON ac."assignmentId" = a."id"
    LEFT JOIN "CourseStatus" cs ON cs."userId" = NEW."id" AND cs."courseId" = ac."courseId"
   WHERE NEW."role" = 'STAFF' AND NEW."disabled" = 0 AND NEW."orgUnitId" IS NOT NULL
     AND a."withdrawnAt" IS NULL AND a."id" IN (
     SELECT t."assignmentId" FROM "AssignmentTarget" t
      WHERE (t."kind" = 'USER' AND t."userId" = NEW."id")
         OR (t."kind" = 'UNIT' AND t."orgUnitId" = NEW."orgUnitId")
         OR (t."kind" = 'SUBTREE' AND instr((SELECT o."path" FROM "OrgUnit" o WHERE o."id" = NEW."orgUnitId"), '/' || t."orgUnitId" || '/') > 0))
   GROUP BY a."id";
END;

CREATE TRIGGER "User_pairs_delete" AFTER DELETE ON "User"
BEGIN
  DELETE FROM "AssignmentPerson" WHERE "userId" = OLD."id";
END;

-- A unit moved: its people's pairs are rewritten against its new path.
CREATE TRIGGER "OrgUnit_pairs_move" AFTER UPDATE OF "path" ON "OrgUnit"
WHEN OLD."path" IS NOT NEW."path"
BEGIN
  DELETE FROM "AssignmentPerson" WHERE "orgUnitId" = NEW."id";
  INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
  SELECT a."id", u."id", u."orgUnitId", NEW."path", COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
    FROM "User" u
    JOIN "Assignment" a ON a."withdrawnAt" IS NULL
    JOIN "AssignmentCourse" ac ON ac."assignmentId" = a."id"
    LEFT JOIN "CourseStatus" cs ON cs."userId" = u."id" AND cs."courseId" = ac."courseId"
   WHERE u."orgUnitId" = NEW."id" AND u."role" = 'STAFF' AND u."disabled" = 0 AND a."id" IN (
     SELECT t."assignmentId" FROM "AssignmentTarget" t
      WHERE (t."kind" = 'USER' AND t."userId" = u."id")
         OR (t."kind" = 'UNIT' AND t."orgUnitId" = NEW."id")
         OR (t."kind" = 'SUBTREE' AND instr(NEW."path", '/' || t."orgUnitId" || '/') > 0))
   GROUP BY a."id", u."id";
END;

-- Progress on a course: recount the person's pairs on the assignments holding that course.
CREATE TRIGGER "CourseStatus_pairs_insert" AFTER INSERT ON "CourseStatus"
BEGIN
  UPDATE "AssignmentPerson" SET
    "done" = (SELECT COUNT(cs."completedAt") FROM "AssignmentCourse" ac JOIN "CourseStatus" cs ON cs."courseId" = ac."courseId" AND cs."userId" = NEW."userId" WHERE ac."assignmentId" = "AssignmentPerson"."assignmentId"),
    "started" = (SELECT COUNT(cs."startedAt") FROM "AssignmentCourse" ac JOIN "CourseStatus" cs ON cs."courseId" = ac."courseId" AND cs."userId" = NEW."userId" WHERE ac."assignmentId" = "AssignmentPerson"."assignmentId"),
    "completedAt" = (SELECT MAX(cs."completedAt") FROM "AssignmentCourse" ac JOIN "CourseStatus" cs ON cs."courseId" = ac."courseId" AND cs."userId" = NEW."userId" WHERE ac."assignmentId" = "AssignmentPerson"."assignmentId")
   WHERE "userId" = NEW."userId" AND "assignmentId" IN (SELECT "assignmentId" FROM "AssignmentCourse" WHERE "courseId" = NEW."courseId");
END;

CREATE TRIGGER "CourseStatus_pairs_update" AFTER UPDATE OF "startedAt", "completedAt" ON "CourseStatus"
BEGIN
  UPDATE "AssignmentPerson" SET
    "done" = (SELECT COUNT(cs."completedAt") FROM "AssignmentCourse" ac JOIN "CourseStatus" cs ON cs."courseId" = ac."courseId" AND cs."userId" = NEW."userId" WHERE ac."assignmentId" = "AssignmentPerson"."assignmentId"),
    "started" = (SELECT COUNT(cs."startedAt") FROM "AssignmentCourse" ac JOIN "CourseStatus" cs ON cs."courseId" = ac."courseId" AND cs."userId" = NEW."userId" WHERE ac."assignmentId" = "AssignmentPerson"."assignmentId"),
    "completedAt" = (SELECT MAX(cs."completedAt") FROM "AssignmentCourse" ac JOIN "CourseStatus" cs ON cs."courseId" = ac."courseId" AND cs."userId" = NEW."userId" WHERE ac."assignmentId" = "AssignmentPerson"."assignmentId")
   WHERE "userId" = NEW."userId" AND "assignmentId" IN (SELECT "assignmentId" FROM "AssignmentCourse" WHERE "courseId" = NEW."courseId");
END;

-- Counters follow the pairs.
CREATE TRIGGER "AssignmentPerson_stat_insert" AFTER INSERT ON "AssignmentPerson"
BEGIN
  INSERT INTO "AssignmentUnitStat" ("assignmentId", "orgUnitId", "assigned", "completed", "inProgress")
  VALUES (NEW."assignmentId", NEW."orgUnitId", 1, NEW."done" = NEW."courses", NEW."done" < NEW."courses" AND NEW."started" > 0)
  ON CONFLICT ("assignmentId", "orgUnitId") DO UPDATE SET
    "assigned" = "assigned" + 1, "completed" = "completed" + excluded."completed", "inProgress" = "inProgress" + excluded."inProgress";
  INSERT INTO "AssignmentTreeStat" ("assignmentId", "orgUnitId", "assigned", "completed", "inProgress")
  SELECT NEW."assignmentId", j.value, 1, NEW."done" = NEW."courses", NEW."done" < NEW."courses" AND NEW."started" > 0 FROM json_each('[' || replace(trim(NEW."unitPath", '/'), '/', ',') || ']') j WHERE true
  ON CONFLICT ("assignmentId", "orgUnitId") DO UPDATE SET
    "assigned" = "assigned" + 1, "completed" = "completed" + excluded."completed", "inProgress" = "inProgress" + excluded."inProgress";
  INSERT INTO "AssignmentTreeWeek" ("assignmentId", "orgUnitId", "week", "completed")
  SELECT NEW."assignmentId", j.value, strftime('%Y-%W', NEW."completedAt" / 1000, 'unixepoch', '+8 hours'), 1 FROM json_each('[' || replace(trim(NEW."unitPath", '/'), '/', ',') || ']') j
   WHERE NEW."done" = NEW."courses" AND NEW."completedAt" IS NOT NULL
  ON CONFLICT ("assignmentId", "orgUnitId", "week") DO UPDATE SET "completed" = "completed" + 1;
END;

CREATE TRIGGER "AssignmentPerson_stat_delete" AFTER DELETE ON "AssignmentPerson"
BEGIN
  UPDATE "AssignmentUnitStat" SET "assigned" = "assigned" - 1, "completed" = "completed" - (OLD."done" = OLD."courses"), "inProgress" = "inProgress" - (OLD."done" < OLD."courses" AND OLD."started" > 0)
   WHERE "assignmentId" = OLD."assignmentId" AND "orgUnitId" = OLD."orgUnitId";
  UPDATE "AssignmentTreeStat" SET "assigned" = "assigned" - 1, "completed" = "completed" - (OLD."done" = OLD."courses"), "inProgress" = "inProgress" - (OLD."done" < OLD."courses" AND OLD."started" > 0)
   WHERE "assignmentId" = OLD."assignmentId" AND "orgUnitId" IN (SELECT value FROM json_each('[' || replace(trim(OLD."unitPath", '/'), '/', ',') || ']'));
  UPDATE "AssignmentTreeWeek" SET "completed" = "completed" - 1
   WHERE (OLD."done" = OLD."courses") AND OLD."completedAt" IS NOT NULL AND "assignmentId" = OLD."assignmentId"
     AND "orgUnitId" IN (SELECT value FROM json_each('[' || replace(trim(OLD."unitPath", '/'), '/', ',') || ']')) AND "week" = strftime('%Y-%W', OLD."completedAt" / 1000, 'unixepoch', '+8 hours');
END;

CREATE TRIGGER "AssignmentPerson_stat_update" AFTER UPDATE ON "AssignmentPerson"
BEGIN
  UPDATE "AssignmentUnitStat" SET "assigned" = "assigned" - 1, "completed" = "completed" - (OLD."done" = OLD."courses"), "inProgress" = "inProgress" - (OLD."done" < OLD."courses" AND OLD."started" > 0)
   WHERE "assignmentId" = OLD."assignmentId" AND "orgUnitId" = OLD."orgUnitId";
  UPDATE "AssignmentTreeStat" SET "assigned" = "assigned" - 1, "completed" = "completed" - (OLD."done" = OLD."courses"), "inProgress" = "inProgress" - (OLD."done" < OLD."courses" AND OLD."started" > 0)
   WHERE "assignmentId" = OLD."assignmentId" AND "orgUnitId" IN (SELECT value FROM json_each('[' || replace(trim(OLD."unitPath", '/'), '/', ',') || ']'));
  UPDATE "AssignmentTreeWeek" SET "completed" = "completed" - 1
   WHERE (OLD."done" = OLD."courses") AND OLD."completedAt" IS NOT NULL AND "assignmentId" = OLD."assignmentId"
     AND "orgUnitId" IN (SELECT value FROM json_each('[' || replace(trim(OLD."unitPath", '/'), '/', ',') || ']')) AND "week" = strftime('%Y-%W', OLD."completedAt" / 1000, 'unixepoch', '+8 hours');
  INSERT INTO "AssignmentUnitStat" ("assignmentId", "orgUnitId", "assigned", "completed", "inProgress")
  VALUES (NEW."assignmentId", NEW."orgUnitId", 1, NEW."done" = NEW."courses", NEW."done" < NEW."courses" AND NEW."started" > 0)
  ON CONFLICT ("assignmentId", "orgUnitId") DO UPDATE SET
    "assigned" = "assigned" + 1, "completed" = "completed" + excluded."completed", "inProgress" = "inProgress" + excluded."inProgress";
  INSERT INTO "AssignmentTreeStat" ("assignmentId", "orgUnitId", "assigned", "completed", "inProgress")
  SELECT NEW."assignmentId", j.value, 1, NEW."done" = NEW."courses", NEW."done" < NEW."courses" AND NEW."started" > 0 FROM json_each('[' || replace(trim(NEW."unitPath", '/'), '/', ',') || ']') j WHERE true
  ON CONFLICT ("assignmentId", "orgUnitId") DO UPDATE SET
    "assigned" = "assigned" + 1, "completed" = "completed" + excluded."completed", "inProgress" = "inProgress" + excluded."inProgress";
  INSERT INTO "AssignmentTreeWeek" ("assignmentId", "orgUnitId", "week", "completed")
  SELECT NEW."assignmentId", j.value, strftime('%Y-%W', NEW."completedAt" / 1000, 'unixepoch', '+8 hours'), 1 FROM json_each('[' || replace(trim(NEW."unitPath", '/'), '/', ',') || ']') j
   WHERE NEW."done" = NEW."courses" AND NEW."completedAt" IS NOT NULL
  ON CONFLICT ("assignmentId", "orgUnitId", "week") DO UPDATE SET "completed" = "completed" + 1;
END;

-- Hand-written backfill: the pairs of every live assignment (the statement of
-- POPULATE_PAIRS_SQL in app/modules/assignments/pairs.server.ts, for all live ids).
WITH ids(id) AS (SELECT "id" FROM "Assignment" WHERE "withdrawnAt" IS NULL),
live AS (SELECT a."id" FROM ids JOIN "Assignment" a ON a."id" = ids.id),
covered AS (
  SELECT live."id" AS "assignmentId", u."id" AS "userId", u."orgUnitId", o."path" AS "unitPath"
    FROM live JOIN "AssignmentTarget" t ON t."assignmentId" = live."id" AND t."kind" = 'SUBTREE'
    JOIN "OrgUnit" tu ON tu."id" = t."orgUnitId"
    JOIN "OrgUnit" o ON o."path" >= tu."path" AND o."path" < substr(tu."path", 1, length(tu."path") - 1) || '0'
    JOIN "User" u ON u."orgUnitId" = o."id"
   WHERE u."role" = 'STAFF' AND u."disabled" = 0
  UNION
  SELECT live."id", u."id", u."orgUnitId", o."path"
    FROM live JOIN "AssignmentTarget" t ON t."assignmentId" = live."id" AND t."kind" = 'UNIT'
    JOIN "User" u ON u."orgUnitId" = t."orgUnitId" JOIN "OrgUnit" o ON o."id" = u."orgUnitId"
   WHERE u."role" = 'STAFF' AND u."disabled" = 0
  UNION
  SELECT live."id", u."id", u."orgUnitId", o."path"
    FROM live JOIN "AssignmentTarget" t ON t."assignmentId" = live."id" AND t."kind" = 'USER'
    JOIN "User" u ON u."id" = t."userId" JOIN "OrgUnit" o ON o."id" = u."orgUnitId"
   WHERE u."role" = 'STAFF' AND u."disabled" = 0
)
INSERT OR IGNORE INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
SELECT c."assignmentId", c."userId", c."orgUnitId", c."unitPath", COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
  FROM covered c JOIN "AssignmentCourse" ac ON ac."assignmentId" = c."assignmentId"
  LEFT JOIN "CourseStatus" cs ON cs."userId" = c."userId" AND cs."courseId" = ac."courseId"
 GROUP BY c."assignmentId", c."userId";
