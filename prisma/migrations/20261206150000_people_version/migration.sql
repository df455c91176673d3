-- Hand-written (issue 14, decision 0014): version 3 of RollupVersion is the one the home pages'
-- people counts (users per role, staff and managers below a unit) are kept on. Every write that
-- can change such a count bumps it in its own transaction; logins, sessions and learning do not.
INSERT INTO "RollupVersion" ("id", "version") VALUES (3, 0);

CREATE TRIGGER "User_people_version_insert" AFTER INSERT ON "User"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 3;
END;

CREATE TRIGGER "User_people_version_update" AFTER UPDATE OF "role", "disabled", "orgUnitId" ON "User"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 3;
END;

CREATE TRIGGER "User_people_version_delete" AFTER DELETE ON "User"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 3;
END;

CREATE TRIGGER "OrgUnit_people_version_insert" AFTER INSERT ON "OrgUnit"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 3;
END;

CREATE TRIGGER "OrgUnit_people_version_update" AFTER UPDATE OF "path", "tier", "kind", "parentId" ON "OrgUnit"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 3;
END;

CREATE TRIGGER "OrgUnit_people_version_delete" AFTER DELETE ON "OrgUnit"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 3;
END;
