-- CreateTable
CREATE TABLE "AssignmentVersion" (
    "assignmentId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version" INTEGER NOT NULL DEFAULT 0
);


-- Hand-written (decision 0010): an overview keeps each assignment's part, keyed on the
-- assignment's version and on RollupVersion 2 (the org tree), and the whole, keyed on
-- RollupVersion 1. The triggers of rollup_version are replaced by ones that bump all three.
INSERT INTO "RollupVersion" ("id", "version") VALUES (2, 0);

DROP TRIGGER "AssignmentPerson_version_insert";
DROP TRIGGER "AssignmentPerson_version_update";
DROP TRIGGER "AssignmentPerson_version_delete";
DROP TRIGGER "OrgUnit_version_insert";
DROP TRIGGER "OrgUnit_version_update";
DROP TRIGGER "OrgUnit_version_delete";

CREATE TRIGGER "AssignmentPerson_version_insert" AFTER INSERT ON "AssignmentPerson"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  INSERT INTO "AssignmentVersion" ("assignmentId", "version") VALUES (NEW."assignmentId", 1)
  ON CONFLICT ("assignmentId") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "AssignmentPerson_version_update" AFTER UPDATE ON "AssignmentPerson"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  INSERT INTO "AssignmentVersion" ("assignmentId", "version") VALUES (OLD."assignmentId", 1)
  ON CONFLICT ("assignmentId") DO UPDATE SET "version" = "version" + 1;
  INSERT INTO "AssignmentVersion" ("assignmentId", "version") SELECT NEW."assignmentId", 1 WHERE NEW."assignmentId" <> OLD."assignmentId"
  ON CONFLICT ("assignmentId") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "AssignmentPerson_version_delete" AFTER DELETE ON "AssignmentPerson"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  INSERT INTO "AssignmentVersion" ("assignmentId", "version") VALUES (OLD."assignmentId", 1)
  ON CONFLICT ("assignmentId") DO UPDATE SET "version" = "version" + 1;
END;

CREATE TRIGGER "OrgUnit_version_insert" AFTER INSERT ON "OrgUnit"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" IN (1, 2);
END;

CREATE TRIGGER "OrgUnit_version_update" AFTER UPDATE ON "OrgUnit"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" IN (1, 2);
END;

CREATE TRIGGER "OrgUnit_version_delete" AFTER DELETE ON "OrgUnit"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" IN (1, 2);
END;
