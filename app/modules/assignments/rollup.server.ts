import { stmt } from "#app/utils/db.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";

// Completion rates straight from the records: who is covered is computed from the
// targets (so later joiners count at once), progress comes from CourseStatus
// (kept in the same transaction as every lesson open, quiz start and completion).
// Everything here is one SQL statement per table; no rows are loaded into JS.

/** (assignment, person) pairs covered by non-withdrawn assignments, within [lo, hi). */
const COVERED = `
WITH ids(id) AS (SELECT value FROM json_each(@ids)),
live AS (SELECT a.id, a.dueAt FROM ids JOIN Assignment a ON a.id = ids.id WHERE a.withdrawnAt IS NULL),
covered AS (
  SELECT live.id AS assignmentId, live.dueAt, u.id AS userId, u.orgUnitId, o.path
    FROM live JOIN AssignmentTarget t ON t.assignmentId = live.id AND t.kind = 'SUBTREE'
    JOIN OrgUnit tu ON tu.id = t.orgUnitId
    JOIN OrgUnit o ON o.path >= tu.path AND o.path < substr(tu.path, 1, length(tu.path) - 1) || '0'
    JOIN User u ON u.orgUnitId = o.id
    WHERE u.role = 'STAFF' AND u.disabled = 0 AND o.path >= @lo AND o.path < @hi
  UNION
  SELECT live.id, live.dueAt, u.id, u.orgUnitId, o.path
    FROM live JOIN AssignmentTarget t ON t.assignmentId = live.id AND t.kind = 'UNIT'
    JOIN User u ON u.orgUnitId = t.orgUnitId JOIN OrgUnit o ON o.id = u.orgUnitId
    WHERE u.role = 'STAFF' AND u.disabled = 0 AND o.path >= @lo AND o.path < @hi
  UNION
  SELECT live.id, live.dueAt, u.id, u.orgUnitId, o.path
    FROM live JOIN AssignmentTarget t ON t.assignmentId = live.id AND t.kind = 'USER'
    JOIN User u ON u.id = t.userId JOIN OrgUnit o ON o.id = u.orgUnitId
    WHERE u.role = 'STAFF' AND u.disabled = 0 AND o.path >= @lo AND o.path < @hi
),
person AS (
  SELECT c.assignmentId, c.userId, c.orgUnitId, c.path, c.dueAt,
         COUNT(ac.courseId) AS courses, COUNT(cs.completedAt) AS done, COUNT(cs.startedAt) AS started, MAX(cs.completedAt) AS completedAt
    FROM covered c JOIN AssignmentCourse ac ON ac.assignmentId = c.assignmentId
    LEFT JOIN CourseStatus cs ON cs.userId = c.userId AND cs.courseId = ac.courseId
    GROUP BY c.assignmentId, c.userId
)`;

const COUNTS = `COUNT(*) AS assigned,
  SUM(done = courses) AS completed,
  SUM(done < courses AND started > 0) AS inProgress,
  SUM(started = 0) AS notStarted,
  SUM(done < courses AND @now > dueAt) AS overdue`;

export type Counts = { assigned: number; completed: number; inProgress: number; notStarted: number; overdue: number };
export type UnitRow = Counts & { unitId: number; name: string; code: string; own: boolean; hasChildren: boolean };

const params = (ids: number[], path: string, now: Date) => ({ ids: JSON.stringify(ids), lo: path, hi: subtreeUpperBound(path), now: now.getTime() });
const zero = (c: Partial<Counts> | undefined): Counts => ({ assigned: c?.assigned ?? 0, completed: c?.completed ?? 0, inProgress: c?.inProgress ?? 0, notStarted: c?.notStarted ?? 0, overdue: c?.overdue ?? 0 });

export function rate(c: Counts): number {
  return c.assigned ? Math.round((1000 * c.completed) / c.assigned) / 10 : 0;
}

/** Totals over the unit's whole subtree, then one row per child unit (rolled up) and one for the unit's own staff. */
export function unitRollup(ids: number[], unit: { id: number; path: string }, now = new Date()) {
  const p = { ...params(ids, unit.path, now), unit: unit.id, plen: unit.path.length };
  const byChild = stmt(
      `${COVERED}, grouped AS (
         SELECT CASE WHEN orgUnitId = @unit THEN @unit
                     ELSE CAST(substr(path, @plen + 1, instr(substr(path, @plen + 1), '/') - 1) AS INTEGER) END AS unitId, *
           FROM person)
       SELECT unitId, ${COUNTS} FROM grouped GROUP BY unitId`,
    )
    .all(p) as (Counts & { unitId: number })[];
  const counts = new Map(byChild.map((r) => [r.unitId, r]));
  const children = stmt("SELECT c.id, c.name, c.code, EXISTS (SELECT 1 FROM OrgUnit g WHERE g.parentId = c.id) AS hasChildren FROM OrgUnit c WHERE c.parentId = ? ORDER BY c.sortOrder, c.id")
    .all(unit.id) as { id: number; name: string; code: string; hasChildren: number }[];
  const rows: UnitRow[] = children.map((c) => ({ unitId: c.id, name: c.name, code: c.code, own: false, hasChildren: Boolean(c.hasChildren), ...zero(counts.get(c.id)) }));
  const own = counts.get(unit.id);
  if (own) rows.unshift({ unitId: unit.id, name: "本单位人员", code: "", own: true, hasChildren: false, ...zero(own) });
  // Every covered person sits in the unit itself or below exactly one child: the rows add up to the total.
  const total = zero(undefined);
  for (const r of byChild) for (const k of Object.keys(total) as (keyof Counts)[]) total[k] += r[k] ?? 0;
  return { total, rows };
}

export type PersonRow = { userId: number; username: string; name: string; unitName: string; courses: number; done: number; started: number; completedAt: number | null; dueAt: number; status: string };

const STATUS_SQL = `CASE WHEN done = courses THEN 'completed' WHEN @now > dueAt THEN 'overdue' WHEN started > 0 THEN 'in_progress' ELSE 'not_started' END`;

/** People of the unit itself (not its sub-units) under the assignments, with their status; filterable and paged. */
export function personList(ids: number[], unit: { id: number; path: string }, opts: { status: string; page: number; pageSize: number; now?: Date; subtree?: boolean }) {
  const p = { ...params(ids, unit.path, opts.now ?? new Date()), unit: unit.id, status: opts.status, limit: opts.pageSize, offset: (opts.page - 1) * opts.pageSize, subtree: opts.subtree ? 1 : 0 };
  const base = `${COVERED}, rows AS (
      SELECT person.*, ${STATUS_SQL} AS status FROM person WHERE (@subtree = 1 OR orgUnitId = @unit))
    SELECT r.userId, u.username, u.name, o.name AS unitName, r.courses, r.done, r.started, r.completedAt, r.dueAt, r.status
      FROM rows r JOIN User u ON u.id = r.userId JOIN OrgUnit o ON o.id = r.orgUnitId
     WHERE (@status = '' OR r.status = @status OR (@status = 'overdue' AND r.done < r.courses AND @now > r.dueAt))
     ORDER BY o.path, u.username`;
  const total = (stmt(`SELECT COUNT(*) AS n FROM (${base})`).get(p) as { n: number }).n;
  const rows = stmt(`${base} LIMIT @limit OFFSET @offset`).all(p) as PersonRow[];
  return { total, rows };
}

/** Every person row under the assignments in the unit's subtree, for exports (streamed by the caller). */
export function personRowsIterator(ids: number[], unit: { id: number; path: string }, now = new Date()): IterableIterator<PersonRow> {
  const p = { ...params(ids, unit.path, now), unit: unit.id, status: "", subtree: 1 };
  return stmt(
      `${COVERED}, rows AS (SELECT person.*, ${STATUS_SQL} AS status FROM person)
       SELECT r.userId, u.username, u.name, o.name AS unitName, r.courses, r.done, r.started, r.completedAt, r.dueAt, r.status
         FROM rows r JOIN User u ON u.id = r.userId JOIN OrgUnit o ON o.id = r.orgUnitId ORDER BY o.path, u.username`,
    )
    .iterate(p) as IterableIterator<PersonRow>;
}

/** Completed people per week (Beijing time) for the trend line: at most 53 rows. */
export function weeklyCompletions(ids: number[], path: string, now = new Date()) {
  return stmt(
      `${COVERED} SELECT strftime('%Y-%W', completedAt / 1000, 'unixepoch', '+8 hours') AS week, COUNT(*) AS completed
         FROM person WHERE done = courses GROUP BY week ORDER BY week`,
    )
    .all(params(ids, path, now)) as { week: string; completed: number }[];
}

/** The units (by the unit people sit in) with the lowest completion rate, at least `min` people assigned. */
export function unitsFurthestBehind(ids: number[], path: string, limit = 10, min = 5, now = new Date()) {
  return stmt(
      `${COVERED} SELECT o.id AS unitId, o.name, o.code, ${COUNTS}
         FROM person p JOIN OrgUnit o ON o.id = p.orgUnitId GROUP BY o.id HAVING COUNT(*) >= @min
         ORDER BY CAST(SUM(p.done = p.courses) AS REAL) / COUNT(*) ASC, COUNT(*) DESC LIMIT @limit`,
    )
    .all({ ...params(ids, path, now), limit, min }) as (Counts & { unitId: number; name: string; code: string })[];
}

/** How many people in the subtree are behind on the assignment (not completed). */
export function behindCount(id: number, path: string, now = new Date()): number {
  return (stmt(`${COVERED} SELECT COUNT(*) AS n FROM person WHERE done < courses`).get(params([id], path, now)) as { n: number }).n;
}

/** The ids of the people behind, for reminders. */
export function behindUserIds(id: number, path: string, now = new Date()): number[] {
  return (stmt(`${COVERED} SELECT userId FROM person WHERE done < courses`).all(params([id], path, now)) as { userId: number }[]).map((r) => r.userId);
}
