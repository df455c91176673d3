-- The busy version's triggers (migration.sql says why).
CREATE FUNCTION fzxt_busy_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "ExpertProfile" SET "busyVersion" = "busyVersion" + 1 WHERE "id" = NEW."expertId";
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "ExpertProfile" SET "busyVersion" = "busyVersion" + 1 WHERE "id" = OLD."expertId";
  ELSE
    UPDATE "ExpertProfile" SET "busyVersion" = "busyVersion" + 1
    WHERE "id" = NEW."expertId" OR "id" = OLD."expertId";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Booking_busy_version_insert" AFTER INSERT ON "Booking" FOR EACH ROW EXECUTE FUNCTION fzxt_busy_version();
CREATE TRIGGER "Booking_busy_version_update" AFTER UPDATE OF "expertId", "startAt", "endAt", "status", "wishDate" ON "Booking" FOR EACH ROW EXECUTE FUNCTION fzxt_busy_version();
CREATE TRIGGER "Booking_busy_version_delete" AFTER DELETE ON "Booking" FOR EACH ROW EXECUTE FUNCTION fzxt_busy_version();
