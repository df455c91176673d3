import { sql, type Kysely } from "kysely";
import { compiled, perLength } from "#app/data/compiled.server.ts";
import { db, type DB } from "#app/data/db.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import { childUnits, type ChildUnit } from "#app/modules/org/children.server.ts";
import type { Counts } from "./status.ts";

// Completion rates straight from the records: AssignmentPerson (one row per live
// assignment and covered person) and its counters (AssignmentUnitStat per unit,
// AssignmentTreeStat / AssignmentTreeWeek per subtree) are kept by triggers in the same
// transaction as every write they reflect (decision 0007), so a rollup reads a few counter
// rows per assignment and no request recomputes coverage. Everything here is one SQL
// statement per table; no rows are loaded into JS. The statements the manager pages run on
// every request are compiled once (decision 0011), one per number of assignment ids (an `in`
// list's placeholders are part of the text; a year has a few dozen assignments).

type Q = Kysely<DB>;

/** The counters of `s` (a stat table) summed, overdue as of `now` by each assignment `a`'s due time. */
const counts = (now: Date) =>
  [
    sql<number>`COALESCE(SUM(${sql.ref("s.assigned")}), 0)`.as("assigned"),
    sql<number>`COALESCE(SUM(${sql.ref("s.completed")}), 0)`.as("completed"),
    sql<number>`COALESCE(SUM(${sql.ref("s.inProgress")}), 0)`.as("inProgress"),
    sql<number>`COALESCE(SUM(${sql.ref("s.assigned")} - ${sql.ref("s.completed")} - ${sql.ref("s.inProgress")}), 0)`.as(
      "notStarted",
    ),
    sql<number>`COALESCE(SUM(CASE WHEN ${now} > ${sql.ref("a.dueAt")} THEN ${sql.ref("s.assigned")} - ${sql.ref("s.completed")} ELSE 0 END), 0)`.as(
      "overdue",
    ),
  ] as const;

export type { Counts };
export type UnitRow = Counts & {
  unitId: number;
  name: string;
  code: string;
  own: boolean;
  hasChildren: boolean;
};

const zero = (c: Partial<Counts> | undefined): Counts => ({
  assigned: c?.assigned ?? 0,
  completed: c?.completed ?? 0,
  inProgress: c?.inProgress ?? 0,
  notStarted: c?.notStarted ?? 0,
  overdue: c?.overdue ?? 0,
});

export { rate } from "./status.ts";

/**
 * One row per child unit of @unitId in the units' order, with the counts @countsOf gives for
 * its subtree, and first a row for the unit's own staff (its subtree @total less its children's)
 * when anyone there is assigned. Shared by unitRollup and the kept overview (which passes its
 * read transaction as @q, and may pass the child units it kept on the org tree's version).
 */
export async function childRows(
  unitId: number,
  total: Counts,
  countsOf: (childId: number) => Counts,
  q: Q = db(),
  kids?: ChildUnit[],
): Promise<UnitRow[]> {
  const children = kids ?? (await childUnits(q, unitId));
  // Built field by field (a city has well over a hundred children; spreads cost more).
  const own = { ...total };
  const rows: UnitRow[] = children.map((c) => {
    const n = countsOf(c.unitId);
    own.assigned -= n.assigned;
    own.completed -= n.completed;
    own.inProgress -= n.inProgress;
    own.notStarted -= n.notStarted;
    own.overdue -= n.overdue;
    return {
      unitId: c.unitId,
      name: c.name,
      code: c.code,
      own: c.own,
      hasChildren: c.hasChildren,
      assigned: n.assigned,
      completed: n.completed,
      inProgress: n.inProgress,
      notStarted: n.notStarted,
      overdue: n.overdue,
    };
  });
  if (own.assigned > 0)
    rows.unshift({ unitId, name: "本单位人员", code: "", own: true, hasChildren: false, ...own });
  return rows;
}

/**
 * The subtree counters of the unit and of each child unit, summed over the live assignments
 * (looked up by the counters' key, (assignment, unit), for each of them).
 */
const BY_CHILD = perLength((n) =>
  compiled(n + 2, (q, unitId: number, now: Date, ...ids: number[]) =>
    q
      .selectFrom("AssignmentTreeStat as s")
      .innerJoin("Assignment as a", "a.id", "s.assignmentId")
      .select(["s.orgUnitId as unitId", ...counts(now)])
      .where("s.assignmentId", "in", ids)
      .where("a.withdrawnAt", "is", null)
      .where("s.orgUnitId", "in", (eb) =>
        eb
          .selectFrom("OrgUnit")
          .select("id")
          .where("parentId", "=", unitId)
          .unionAll(q.selectNoFrom(sql<number>`CAST(${unitId} AS INTEGER)`.as("id"))),
      )
      .groupBy("s.orgUnitId"),
  ),
);

/** Totals over the unit's whole subtree, then one row per child unit (rolled up) and one for the unit's own staff. */
export async function unitRollup(
  ids: number[],
  unit: { id: number; path: string },
  now = new Date(),
) {
  const byUnit = ids.length ? await BY_CHILD(ids.length).rows(db(), unit.id, now, ...ids) : [];
  const counts = new Map(byUnit.map((r) => [r.unitId, r]));
  const total = zero(counts.get(unit.id));
  const rows = await childRows(unit.id, total, (id) => zero(counts.get(id)));
  return { total, rows };
}

/** Completed people per week (Beijing time) in the unit's subtree, for the trend line: at most 53 rows a year. */
export async function weeklyCompletions(ids: number[], unitId: number) {
  if (ids.length === 0) return [];
  return db()
    .selectFrom("AssignmentTreeWeek as w")
    .innerJoin("Assignment as a", "a.id", "w.assignmentId")
    .select(["w.week", sql<number>`SUM(${sql.ref("w.completed")})`.as("completed")])
    .where("a.id", "in", ids)
    .where("a.withdrawnAt", "is", null)
    .where("w.orgUnitId", "=", unitId)
    .where("w.completed", ">", 0)
    .groupBy("w.week")
    .orderBy("w.week")
    .execute();
}

/** The units (by the unit people sit in) with the lowest completion rate, at least `min` people assigned. */
export async function unitsFurthestBehind(
  ids: number[],
  unit: { path: string; parentId: number | null },
  limit = 10,
  min = 5,
  now = new Date(),
) {
  if (ids.length === 0) return [];
  const q = db();
  const lo = unit.path;
  const hi = subtreeUpperBound(unit.path);
  // The whole city: sum the per-unit counters straight from their covering index. Below it:
  // walk the subtree's units (a path range) and look up each one's counters.
  const per =
    unit.parentId === null
      ? q
          .selectFrom("AssignmentUnitStat as s")
          .innerJoin("Assignment as a", "a.id", "s.assignmentId")
          .select(["s.orgUnitId", ...counts(now)])
          .where("a.id", "in", ids)
          .where("a.withdrawnAt", "is", null)
          .groupBy("s.orgUnitId")
          .having(sql<number>`SUM(${sql.ref("s.assigned")})`, ">=", min)
      : q
          .selectFrom("OrgUnit as o")
          .innerJoin("AssignmentUnitStat as s", "s.orgUnitId", "o.id")
          .innerJoin("Assignment as a", "a.id", "s.assignmentId")
          .select(["o.id as orgUnitId", ...counts(now)])
          .where("a.id", "in", ids)
          .where("a.withdrawnAt", "is", null)
          .where("o.path", ">=", lo)
          .where("o.path", "<", hi)
          .groupBy("o.id")
          .having(sql<number>`SUM(${sql.ref("s.assigned")})`, ">=", min);
  return q
    .selectFrom(per.as("per"))
    .innerJoin("OrgUnit as o", "o.id", "per.orgUnitId")
    .select([
      "o.id as unitId",
      "o.name",
      "o.code",
      "per.assigned",
      "per.completed",
      "per.inProgress",
      "per.notStarted",
      "per.overdue",
    ])
    .where("o.path", ">=", lo)
    .where("o.path", "<", hi)
    .orderBy(
      sql`CAST(${sql.ref("per.completed")} AS DOUBLE PRECISION) / ${sql.ref("per.assigned")}`,
      "asc",
    )
    .orderBy("per.assigned", "desc")
    .orderBy("o.id")
    .limit(limit)
    .execute();
}

const BEHIND = compiled(2, (q, id: number, unitId: number) =>
  q
    .selectFrom("AssignmentTreeStat as s")
    .innerJoin("Assignment as a", "a.id", "s.assignmentId")
    .select(
      sql<number>`COALESCE(SUM(${sql.ref("s.assigned")} - ${sql.ref("s.completed")}), 0)`.as("n"),
    )
    .where("s.assignmentId", "=", id)
    .where("s.orgUnitId", "=", unitId)
    .where("a.withdrawnAt", "is", null),
);

/** How many people in the unit's subtree are behind on the assignment (not completed). */
export async function behindCount(id: number, unitId: number): Promise<number> {
  const [row] = await BEHIND.rows(db(), id, unitId);
  return row?.n ?? 0;
}

// The person lists (the assignment page, the export, the reminder) live in person-list.server.ts.
export {
  peopleBehind,
  personList,
  personRowsStream,
  type PersonRow,
} from "./person-list.server.ts";
