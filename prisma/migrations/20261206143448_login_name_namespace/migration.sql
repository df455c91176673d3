-- One login namespace (issue 11 item 12, decision 0012): a login matches a username (工号, a
-- 统一社会信用代码 …) or a mobile number, so no value may be one user's username and another
-- user's mobile. The unique indexes cover username against username and mobile against mobile;
-- these triggers cover the two cross pairs, for every write path (forms, imports, scripts).
-- One user may use the same value as both his username and his mobile.
CREATE TRIGGER "User_login_name_insert" BEFORE INSERT ON "User"
WHEN EXISTS (SELECT 1 FROM "User" WHERE "mobile" = NEW."username")
  OR (NEW."mobile" IS NOT NULL AND NEW."mobile" <> NEW."username"
      AND EXISTS (SELECT 1 FROM "User" WHERE "username" = NEW."mobile"))
BEGIN
  SELECT RAISE(ABORT, 'LOGIN_NAME_TAKEN: a login name is already another user''s username or mobile');
END;

CREATE TRIGGER "User_login_name_update" BEFORE UPDATE OF "username", "mobile" ON "User"
WHEN EXISTS (SELECT 1 FROM "User" WHERE "mobile" = NEW."username" AND "id" <> NEW."id")
  OR EXISTS (SELECT 1 FROM "User" WHERE "username" = NEW."mobile" AND "id" <> NEW."id")
BEGIN
  SELECT RAISE(ABORT, 'LOGIN_NAME_TAKEN: a login name is already another user''s username or mobile');
END;
