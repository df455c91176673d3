-- 学时 from attendance (issue 20): the view CreditLedger (decision 0018) gains the second source.
-- One row per attendance, kind = the event kind (LECTURE, CASE_STUDY, TRAINING), sourceId = the
-- event id, year = the Beijing calendar year of the event (copied onto the attendance row, whose
-- (year, userId) index serves the per-person sums as Completion's does).
DROP VIEW "CreditLedger";
CREATE VIEW "CreditLedger" AS
SELECT "userId", "year", "creditHours", CAST('COURSE' AS TEXT) AS "kind", "courseId" AS "sourceId", "completedAt" AS "earnedAt"
FROM "Completion"
UNION ALL
SELECT "userId", "year", "creditHours", "kind", "eventId" AS "sourceId", "at" AS "earnedAt"
FROM "EventAttendance";
