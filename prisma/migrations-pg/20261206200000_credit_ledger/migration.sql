-- 学时 have one definition: the view CreditLedger, one row per credit a person earned in a
-- Beijing calendar year, with its source. Today the only source is a completed course
-- (Completion); attendance at lectures and case discussions (issue 20) joins it with UNION ALL.
-- Every reader of annual 学时 (我的学习, 年度学时证明, homes, the 年度学法统计) reads this view.
CREATE VIEW "CreditLedger" AS
SELECT "userId", "year", "creditHours", CAST('COURSE' AS TEXT) AS "kind", "courseId" AS "sourceId", "completedAt" AS "earnedAt"
FROM "Completion";
