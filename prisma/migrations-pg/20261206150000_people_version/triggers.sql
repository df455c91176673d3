-- PostgreSQL twin of the SQLite migration 20261206150000_people_version (issue 14, decision
-- 0014): version 3 of RollupVersion is the one the home pages' people counts are kept on; every
-- write that can change such a count bumps it in its own transaction.
INSERT INTO "RollupVersion" ("id", "version") VALUES (3, 0);

CREATE FUNCTION fzxt_people_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 3;
  RETURN NULL;
END $$;

CREATE TRIGGER "User_people_version_insert" AFTER INSERT ON "User" FOR EACH ROW EXECUTE FUNCTION fzxt_people_version();
CREATE TRIGGER "User_people_version_update" AFTER UPDATE OF "role", "disabled", "orgUnitId" ON "User" FOR EACH ROW EXECUTE FUNCTION fzxt_people_version();
CREATE TRIGGER "User_people_version_delete" AFTER DELETE ON "User" FOR EACH ROW EXECUTE FUNCTION fzxt_people_version();
CREATE TRIGGER "OrgUnit_people_version_insert" AFTER INSERT ON "OrgUnit" FOR EACH ROW EXECUTE FUNCTION fzxt_people_version();
CREATE TRIGGER "OrgUnit_people_version_update" AFTER UPDATE OF "path", "tier", "kind", "parentId" ON "OrgUnit" FOR EACH ROW EXECUTE FUNCTION fzxt_people_version();
CREATE TRIGGER "OrgUnit_people_version_delete" AFTER DELETE ON "OrgUnit" FOR EACH ROW EXECUTE FUNCTION fzxt_people_version();
