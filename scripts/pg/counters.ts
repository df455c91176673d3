// On PostgreSQL: do the kept counters (AssignmentUnitStat, AssignmentTreeStat,
// AssignmentTreeWeek) agree with the kept pairs (AssignmentPerson)? The same invariant the
// triggers keep (decision 0007); db:copy-to-pg checks it before it commits.
import type pg from "pg";

const PAIRS = `SELECT p.*, CAST(p."done" = p."courses" AS INTEGER) AS c,
  CAST(p."done" < p."courses" AND p."started" > 0 AS INTEGER) AS i FROM "AssignmentPerson" p`;

const CHECKS: Record<string, string> = {
  AssignmentUnitStat: `WITH e AS (SELECT "assignmentId", "orgUnitId", COUNT(*) AS a, SUM(c) AS c, SUM(i) AS i
      FROM (${PAIRS}) p GROUP BY 1, 2)
    SELECT COUNT(*) AS n FROM e FULL JOIN "AssignmentUnitStat" s USING ("assignmentId", "orgUnitId")
     WHERE COALESCE(e.a, 0) <> COALESCE(s."assigned", 0) OR COALESCE(e.c, 0) <> COALESCE(s."completed", 0)
        OR COALESCE(e.i, 0) <> COALESCE(s."inProgress", 0)`,
  AssignmentTreeStat: `WITH e AS (SELECT p."assignmentId", j.id AS "orgUnitId", COUNT(*) AS a, SUM(p.c) AS c, SUM(p.i) AS i
      FROM (${PAIRS}) p CROSS JOIN LATERAL fzxt_path_ids(p."unitPath") AS j(id) GROUP BY 1, 2)
    SELECT COUNT(*) AS n FROM e FULL JOIN "AssignmentTreeStat" s USING ("assignmentId", "orgUnitId")
     WHERE COALESCE(e.a, 0) <> COALESCE(s."assigned", 0) OR COALESCE(e.c, 0) <> COALESCE(s."completed", 0)
        OR COALESCE(e.i, 0) <> COALESCE(s."inProgress", 0)`,
  AssignmentTreeWeek: `WITH e AS (SELECT p."assignmentId", j.id AS "orgUnitId", fzxt_week(p."completedAt") AS "week", COUNT(*) AS c
      FROM (${PAIRS}) p CROSS JOIN LATERAL fzxt_path_ids(p."unitPath") AS j(id)
     WHERE p.c = 1 AND p."completedAt" IS NOT NULL GROUP BY 1, 2, 3)
    SELECT COUNT(*) AS n FROM e FULL JOIN "AssignmentTreeWeek" s USING ("assignmentId", "orgUnitId", "week")
     WHERE COALESCE(e.c, 0) <> COALESCE(s."completed", 0)`,
};

/** Rows of each counter table that differ from a recount of the pairs (0 everywhere = sound). */
export async function counterDifferences(client: pg.Client): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [table, sql] of Object.entries(CHECKS))
    out[table] = Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
  return out;
}
