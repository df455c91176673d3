-- CreateTable
CREATE TABLE "RollupVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL DEFAULT 0
);


-- Hand-written (decision 0010): the version every cached rollup is keyed on. Each trigger
-- runs inside the transaction of the write it reacts to, so no reader can see the new data
-- under the old version.
INSERT INTO "RollupVersion" ("id", "version") VALUES (1, 0);

-- The counters (AssignmentUnitStat, AssignmentTreeStat, AssignmentTreeWeek) change only
-- through the AssignmentPerson triggers.
CREATE TRIGGER "AssignmentPerson_version_insert" AFTER INSERT ON "AssignmentPerson"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "AssignmentPerson_version_update" AFTER UPDATE ON "AssignmentPerson"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "AssignmentPerson_version_delete" AFTER DELETE ON "AssignmentPerson"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

-- Rollups read an assignment's due time (overdue) and whether it is withdrawn.
CREATE TRIGGER "Assignment_version_update" AFTER UPDATE OF "dueAt", "withdrawnAt" ON "Assignment"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "Assignment_version_delete" AFTER DELETE ON "Assignment"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

-- Rollups print units' names and codes, in their order, below their parents.
CREATE TRIGGER "OrgUnit_version_insert" AFTER INSERT ON "OrgUnit"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "OrgUnit_version_update" AFTER UPDATE ON "OrgUnit"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;

CREATE TRIGGER "OrgUnit_version_delete" AFTER DELETE ON "OrgUnit"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1;
END;
