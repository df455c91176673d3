-- PostgreSQL twin of the SQLite migration 20261206143448_login_name_namespace (issue 11,
-- decision 0012).
--
-- One login namespace: no value may be one user's username and another user's mobile. The
-- SQLite triggers rely on its single writer; under PostgreSQL's READ COMMITTED two concurrent
-- inserts could both pass the EXISTS checks, so the function first takes transaction-scoped
-- advisory locks on the values it checks (a value is locked the same way whether it arrives
-- as a username or as a mobile).
CREATE FUNCTION fzxt_user_login_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('login:' || NEW."username"));
  IF NEW."mobile" IS NOT NULL AND NEW."mobile" <> NEW."username" THEN
    PERFORM pg_advisory_xact_lock(hashtext('login:' || NEW."mobile"));
  END IF;
  IF EXISTS (SELECT 1 FROM "User" WHERE "mobile" = NEW."username" AND "id" IS DISTINCT FROM NEW."id")
     OR (NEW."mobile" IS NOT NULL AND NEW."mobile" <> NEW."username"
         AND EXISTS (SELECT 1 FROM "User" WHERE "username" = NEW."mobile" AND "id" IS DISTINCT FROM NEW."id")) THEN
    RAISE EXCEPTION 'LOGIN_NAME_TAKEN: a login name is already another user''s username or mobile';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "User_login_name_insert" BEFORE INSERT ON "User" FOR EACH ROW EXECUTE FUNCTION fzxt_user_login_name();
CREATE TRIGGER "User_login_name_update" BEFORE UPDATE OF "username", "mobile" ON "User" FOR EACH ROW EXECUTE FUNCTION fzxt_user_login_name();
