-- Hand-written (issues 17 and 20): attendance at an event is a source of 学时 (CreditLedger,
-- decision 0018), so every write to EventAttendance bumps version 4 of RollupVersion, the one
-- the 年度学法统计's per-unit figures are kept on (20261206204500_annual_version).
CREATE TRIGGER "EventAttendance_annual_version_insert" AFTER INSERT ON "EventAttendance"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 4;
END;

CREATE TRIGGER "EventAttendance_annual_version_update" AFTER UPDATE ON "EventAttendance"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 4;
END;

CREATE TRIGGER "EventAttendance_annual_version_delete" AFTER DELETE ON "EventAttendance"
BEGIN
  UPDATE "RollupVersion" SET "version" = "version" + 1 WHERE "id" = 4;
END;
