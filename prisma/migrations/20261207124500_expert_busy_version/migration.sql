-- Hand-written (issue 14, decision 0014): each expert's busy times (the bookings holding time)
-- are kept in each process under ExpertProfile.busyVersion, read with the profile on every slot
-- page. Every write that can change an expert's busy times bumps it in its own transaction: a
-- booking inserted or deleted, or updated in its expert, times, status or wishDate (for the
-- old expert and the new one when it moves).
ALTER TABLE "ExpertProfile" ADD COLUMN "busyVersion" INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER "Booking_busy_version_insert" AFTER INSERT ON "Booking"
BEGIN
  UPDATE "ExpertProfile" SET "busyVersion" = "busyVersion" + 1 WHERE "id" = NEW."expertId";
END;

CREATE TRIGGER "Booking_busy_version_update" AFTER UPDATE OF "expertId", "startAt", "endAt", "status", "wishDate" ON "Booking"
BEGIN
  UPDATE "ExpertProfile" SET "busyVersion" = "busyVersion" + 1
  WHERE "id" = NEW."expertId" OR "id" = OLD."expertId";
END;

CREATE TRIGGER "Booking_busy_version_delete" AFTER DELETE ON "Booking"
BEGIN
  UPDATE "ExpertProfile" SET "busyVersion" = "busyVersion" + 1 WHERE "id" = OLD."expertId";
END;
