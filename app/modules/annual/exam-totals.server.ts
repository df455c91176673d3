import { sql } from "kysely";
import { LRUCache } from "lru-cache";
import { compiled } from "#app/data/compiled.server.ts";
import { db } from "#app/data/db.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import { annualVersions, examPerPerson, inSubtree } from "./stats.server.ts";

// The annual exam's figures of a whole subtree for the manager's home (issue 14): the active
// staff, how many sat the year's exam and how many passed, by the 年度学法统计's definitions
// (stats.server.ts). Counting them scans every staff member below the unit (a district: tens
// of thousands of rows, the largest cost of the manager's home), so the totals are kept per
// (unit, path, year) while RollupVersion 3 (people, the org tree) and 4 (every 学时 source and
// exam attempt) are unchanged, as the 年度学法统计's own sums are: a request that finds them
// unchanged reads one row. Both versions live in the database and are bumped by triggers in
// the writing transaction, so another instance's write is seen as well.

export type ExamTotals = { staff: number; sat: number; passed: number };

const STAFF_TOTAL = compiled((q, lo: string, hi: string) =>
  q
    .selectFrom("User as u")
    .select(sql<number>`COUNT(*)`.as("n"))
    .where("u.role", "=", "STAFF")
    .where("u.disabled", "=", false)
    .where("u.orgUnitId", "in", inSubtree(q, lo, hi)),
);

const EXAM_TOTAL = compiled((q, year: number, lo: string, hi: string) =>
  q
    .selectFrom(examPerPerson(q, year).as("e"))
    .innerJoin("User as u", "u.id", "e.userId")
    .select([
      sql<number>`COUNT(*)`.as("sat"),
      sql<number>`COALESCE(SUM(${sql.ref("e.passed")}), 0)`.as("passed"),
    ])
    .where("u.role", "=", "STAFF")
    .where("u.disabled", "=", false)
    .where("u.orgUnitId", "in", inSubtree(q, lo, hi)),
);

const kept = new LRUCache<string, { versions: string; totals: ExamTotals }>({ max: 1000 });
export const examTotalsStats = { hits: 0, misses: 0 };

/** The subtree's exam figures of the Beijing year `year` (kept; see above). */
export async function examTotals(
  unit: { id: number; path: string },
  year: number,
): Promise<ExamTotals> {
  const q = db();
  const versions = await annualVersions(q);
  const key = `${unit.id}|${unit.path}|${year}`;
  const hit = kept.get(key);
  if (hit && hit.versions === versions) {
    examTotalsStats.hits += 1;
    return hit.totals;
  }
  examTotalsStats.misses += 1;
  // Read after the versions: a write in between bumps one, so the next request recomputes.
  const hi = subtreeUpperBound(unit.path);
  const [staff, exam] = await Promise.all([
    STAFF_TOTAL.first(q, unit.path, hi),
    EXAM_TOTAL.first(q, year, unit.path, hi),
  ]);
  const totals = {
    staff: Number(staff?.n ?? 0),
    sat: Number(exam?.sat ?? 0),
    passed: Number(exam?.passed ?? 0),
  };
  if (versions !== null) kept.set(key, { versions, totals });
  return totals;
}
