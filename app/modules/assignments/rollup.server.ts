import { sql } from "kysely";
import { streamRead } from "#app/data/db.server.ts";
import { valueList } from "#app/data/portable.server.ts";
import { stmt } from "#app/utils/db.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import type { Counts } from "./status.ts";

// Completion rates straight from the records: AssignmentPerson (one row per live
// assignment and covered person) and its counters (AssignmentUnitStat per unit,
// AssignmentTreeStat / AssignmentTreeWeek per subtree) are kept by triggers in the same
// transaction as every write they reflect (decision 0007), so a rollup reads a few counter
// rows per assignment and no request recomputes coverage. Everything here is one SQL
// statement per table; no rows are loaded into JS.

/** Live assignments among @ids, with their due time. */
const LIVE = `live AS (SELECT a.id, a.dueAt FROM json_each(@ids) j JOIN Assignment a ON a.id = j.value WHERE a.withdrawnAt IS NULL)`;

const COUNTS = `COALESCE(SUM(assigned), 0) AS assigned,
  COALESCE(SUM(completed), 0) AS completed,
  COALESCE(SUM(inProgress), 0) AS inProgress,
  COALESCE(SUM(assigned - completed - inProgress), 0) AS notStarted,
  COALESCE(SUM(CASE WHEN @now > dueAt THEN assigned - completed ELSE 0 END), 0) AS overdue`;

/** (assignment, person) pairs of the live assignments: people of unit @unit itself, or of every unit within [@lo, @hi). */
const person = (scope: "own" | "subtree") => `WITH ${LIVE}, person AS (
  SELECT p.assignmentId, p.userId, p.orgUnitId, o.path, live.dueAt, p.courses, p.done, p.started, p.completedAt
    FROM live JOIN AssignmentPerson p ON p.assignmentId = live.id${scope === "own" ? " AND p.orgUnitId = @unit" : ""}
    JOIN OrgUnit o ON o.id = p.orgUnitId
   WHERE ${scope === "own" ? "1" : "o.path >= @lo AND o.path < @hi"})`;

export type { Counts };
export type UnitRow = Counts & {
  unitId: number;
  name: string;
  code: string;
  own: boolean;
  hasChildren: boolean;
};

const params = (ids: number[], path: string, now: Date) => ({
  ids: JSON.stringify(ids),
  lo: path,
  hi: subtreeUpperBound(path),
  now: now.getTime(),
});
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
 * when anyone there is assigned. Shared by unitRollup and the kept overview.
 */
export function childRows(
  unitId: number,
  total: Counts,
  countsOf: (childId: number) => Counts,
): UnitRow[] {
  const children = stmt(
    "SELECT c.id, c.name, c.code, EXISTS (SELECT 1 FROM OrgUnit g WHERE g.parentId = c.id) AS hasChildren FROM OrgUnit c WHERE c.parentId = ? ORDER BY c.sortOrder, c.id",
  ).all(unitId) as { id: number; name: string; code: string; hasChildren: number }[];
  const rows: UnitRow[] = children.map((c) => ({
    unitId: c.id,
    name: c.name,
    code: c.code,
    own: false,
    hasChildren: Boolean(c.hasChildren),
    ...countsOf(c.id),
  }));
  const own = { ...total };
  for (const r of rows) for (const k of Object.keys(own) as (keyof Counts)[]) own[k] -= r[k];
  if (own.assigned > 0)
    rows.unshift({ unitId, name: "本单位人员", code: "", own: true, hasChildren: false, ...own });
  return rows;
}

/** Totals over the unit's whole subtree, then one row per child unit (rolled up) and one for the unit's own staff. */
export function unitRollup(ids: number[], unit: { id: number; path: string }, now = new Date()) {
  const byUnit = stmt(
    `WITH ${LIVE}, units(id) AS (SELECT id FROM OrgUnit WHERE parentId = @unit UNION ALL SELECT @unit)
       SELECT units.id AS unitId, ${COUNTS}
         FROM units JOIN live JOIN AssignmentTreeStat s ON s.assignmentId = live.id AND s.orgUnitId = units.id
        GROUP BY units.id`,
  ).all({ ids: JSON.stringify(ids), unit: unit.id, now: now.getTime() }) as (Counts & {
    unitId: number;
  })[];
  const counts = new Map(byUnit.map((r) => [r.unitId, r]));
  const total = zero(counts.get(unit.id));
  const rows = childRows(unit.id, total, (id) => zero(counts.get(id)));
  return { total, rows };
}

export type PersonRow = {
  userId: number;
  username: string;
  name: string;
  unitName: string;
  courses: number;
  done: number;
  started: number;
  /** A number from the page queries (the old reader), a Date from personRowsStream. */
  completedAt: Date | number | null;
  dueAt: Date | number;
  status: string;
};

const STATUS_SQL = `CASE WHEN done = courses THEN 'completed' WHEN @now > dueAt THEN 'overdue' WHEN started > 0 THEN 'in_progress' ELSE 'not_started' END`;

/** People of the unit itself (not its sub-units) under the assignments, with their status; filterable and paged. */
export function personList(
  ids: number[],
  unit: { id: number; path: string },
  opts: { status: string; page: number; pageSize: number; now?: Date; subtree?: boolean },
) {
  const p = {
    ...params(ids, unit.path, opts.now ?? new Date()),
    unit: unit.id,
    status: opts.status,
    limit: opts.pageSize,
    offset: (opts.page - 1) * opts.pageSize,
  };
  const base = `${person(opts.subtree ? "subtree" : "own")}, rows AS (
      SELECT person.*, ${STATUS_SQL} AS status FROM person)
    SELECT r.userId, u.username, u.name, o.name AS unitName, r.courses, r.done, r.started, r.completedAt, r.dueAt, r.status
      FROM rows r JOIN User u ON u.id = r.userId JOIN OrgUnit o ON o.id = r.orgUnitId
     WHERE (@status = '' OR r.status = @status OR (@status = 'overdue' AND r.done < r.courses AND @now > r.dueAt))
     ORDER BY o.path, u.username`;
  const total = (stmt(`SELECT COUNT(*) AS n FROM (${base})`).get(p) as { n: number }).n;
  const rows = stmt(`${base} LIMIT @limit OFFSET @offset`).all(p) as PersonRow[];
  return { total, rows };
}

/**
 * Every person row under the assignments in the unit's subtree, for exports: streamed on a
 * connection of its own (streamRead), so a slow client never holds the shared one.
 */
export function personRowsStream(
  ids: number[],
  unit: { id: number; path: string },
  now = new Date(),
): AsyncGenerator<PersonRow> {
  return streamRead((q) =>
    q
      .selectFrom("AssignmentPerson as p")
      .innerJoin("Assignment as a", "a.id", "p.assignmentId")
      .innerJoin("OrgUnit as o", "o.id", "p.orgUnitId")
      .innerJoin("User as u", "u.id", "p.userId")
      .select((eb) => [
        "p.userId",
        "u.username",
        "u.name",
        "o.name as unitName",
        "p.courses",
        "p.done",
        "p.started",
        "p.completedAt",
        "a.dueAt",
        // The same order as STATUS_SQL: completed, overdue, in progress, not started.
        eb
          .case()
          .when(eb("p.done", "=", eb.ref("p.courses")))
          .then(sql.lit("completed"))
          .when("a.dueAt", "<", now)
          .then(sql.lit("overdue"))
          .when("p.started", ">", 0)
          .then(sql.lit("in_progress"))
          .else(sql.lit("not_started"))
          .end()
          .as("status"),
      ])
      .where("a.id", "in", valueList(ids))
      .where("a.withdrawnAt", "is", null)
      .where("o.path", ">=", unit.path)
      .where("o.path", "<", subtreeUpperBound(unit.path))
      .orderBy("o.path")
      .orderBy("u.username"),
  );
}

/** Completed people per week (Beijing time) in the unit's subtree, for the trend line: at most 53 rows a year. */
export function weeklyCompletions(ids: number[], unitId: number) {
  return stmt(
    `WITH ${LIVE} SELECT w.week, SUM(w.completed) AS completed
         FROM live JOIN AssignmentTreeWeek w ON w.assignmentId = live.id AND w.orgUnitId = @unit
        WHERE w.completed > 0 GROUP BY w.week ORDER BY w.week`,
  ).all({ ids: JSON.stringify(ids), unit: unitId }) as { week: string; completed: number }[];
}

/** The units (by the unit people sit in) with the lowest completion rate, at least `min` people assigned. */
export function unitsFurthestBehind(
  ids: number[],
  unit: { path: string; parentId: number | null },
  limit = 10,
  min = 5,
  now = new Date(),
) {
  // The whole city: sum the per-unit counters straight from their covering index. Below it:
  // walk the subtree's units (a path range) and look up each one's counters.
  const per =
    unit.parentId === null
      ? `SELECT s.orgUnitId, ${COUNTS} FROM live JOIN AssignmentUnitStat s ON s.assignmentId = live.id
        GROUP BY s.orgUnitId HAVING SUM(s.assigned) >= @min`
      : `SELECT o.id AS orgUnitId, ${COUNTS} FROM OrgUnit o JOIN live JOIN AssignmentUnitStat s ON s.assignmentId = live.id AND s.orgUnitId = o.id
        WHERE o.path >= @lo AND o.path < @hi GROUP BY o.id HAVING SUM(s.assigned) >= @min`;
  return stmt(
    `WITH ${LIVE}, per AS (${per})
       SELECT o.id AS unitId, o.name, o.code, per.assigned, per.completed, per.inProgress, per.notStarted, per.overdue
         FROM per JOIN OrgUnit o ON o.id = per.orgUnitId WHERE o.path >= @lo AND o.path < @hi
        ORDER BY CAST(per.completed AS REAL) / per.assigned ASC, per.assigned DESC, o.id LIMIT @limit`,
  ).all({ ...params(ids, unit.path, now), limit, min }) as (Counts & {
    unitId: number;
    name: string;
    code: string;
  })[];
}

/** How many people in the unit's subtree are behind on the assignment (not completed). */
export function behindCount(id: number, unitId: number): number {
  return (
    stmt(`SELECT COALESCE(SUM(s.assigned - s.completed), 0) AS n FROM AssignmentTreeStat s JOIN Assignment a ON a.id = s.assignmentId
    WHERE s.assignmentId = ? AND s.orgUnitId = ? AND a.withdrawnAt IS NULL`).get(id, unitId) as {
      n: number;
    }
  ).n;
}

/** The ids of the people behind, for reminders. */
export function behindUserIds(id: number, path: string, now = new Date()): number[] {
  return (
    stmt(`${person("subtree")} SELECT userId FROM person WHERE done < courses`).all(
      params([id], path, now),
    ) as { userId: number }[]
  ).map((r) => r.userId);
}
