-- PostgreSQL only (no SQLite twin: SQLite's single writer needs no lock). The login-name
-- function of 20261206143448_login_name_namespace took one advisory lock per username and per
-- mobile; a 50,000-row roster import in one transaction then ran out of the shared lock table
-- ("out of shared memory" after about 6,000 rows). The same value still always takes the same
-- lock, now one of 256 buckets (classid 20261206, objid the hash's low 8 bits), so a transaction
-- holds at most 256 of them. Two different names in one bucket only wait for each other's
-- commit.
CREATE OR REPLACE FUNCTION fzxt_user_login_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(20261206, hashtext('login:' || NEW."username") & 255);
  IF NEW."mobile" IS NOT NULL AND NEW."mobile" <> NEW."username" THEN
    PERFORM pg_advisory_xact_lock(20261206, hashtext('login:' || NEW."mobile") & 255);
  END IF;
  IF EXISTS (SELECT 1 FROM "User" WHERE "mobile" = NEW."username" AND "id" IS DISTINCT FROM NEW."id")
     OR (NEW."mobile" IS NOT NULL AND NEW."mobile" <> NEW."username"
         AND EXISTS (SELECT 1 FROM "User" WHERE "username" = NEW."mobile" AND "id" IS DISTINCT FROM NEW."id")) THEN
    RAISE EXCEPTION 'LOGIN_NAME_TAKEN: a login name is already another user''s username or mobile';
  END IF;
  RETURN NEW;
END $$;
