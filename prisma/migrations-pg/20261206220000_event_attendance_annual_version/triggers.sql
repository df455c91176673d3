-- PostgreSQL twin of the SQLite migration 20261206220000_event_attendance_annual_version:
-- attendance at an event is a source of 学时, so its writes bump version 4 of RollupVersion
-- (fzxt_annual_version, 20261206204500_annual_version).
CREATE TRIGGER "EventAttendance_annual_version_insert" AFTER INSERT ON "EventAttendance" FOR EACH ROW EXECUTE FUNCTION fzxt_annual_version();
CREATE TRIGGER "EventAttendance_annual_version_update" AFTER UPDATE ON "EventAttendance" FOR EACH ROW EXECUTE FUNCTION fzxt_annual_version();
CREATE TRIGGER "EventAttendance_annual_version_delete" AFTER DELETE ON "EventAttendance" FOR EACH ROW EXECUTE FUNCTION fzxt_annual_version();
