import { LRUCache } from "lru-cache";
import { sqlite, stmt } from "#app/utils/db.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import type { Counts } from "./status.ts";
import { childRows, type UnitRow } from "./rollup.server.ts";

// The audit overview (达标率总览): a subtree's totals, one row per child unit, the weekly
// completions and the units furthest behind, over many assignments. For the whole city that
// means about 20,000 counter rows (about 10 ms of SQL) on every request, although the counters
// rarely change. Decision 0010 keeps it at two levels, each keyed on versions that triggers
// bump in the same transaction as every write a rollup can see:
//
//  - the whole overview, keyed on RollupVersion 1 (any such write) and valid until the next
//    due time of its assignments (overdue is a function of the clock);
//  - each assignment's part (its counters in the subtree), keyed on AssignmentVersion (a
//    write to that assignment's pairs) and RollupVersion 2 (the org tree). A completion thus
//    recomputes the parts of the assignments holding that course, and the rest are summed
//    as kept.
//
// What is returned always equals the SQL aggregates in rollup.server.ts at that moment
// (tests/integration/overview-cache.test.ts compares them after every kind of write).

export type Behind = Counts & { unitId: number; name: string; code: string };
export type Overview = {
  total: Counts;
  rows: UnitRow[];
  weeks: { week: string; completed: number }[];
  behind: Behind[];
};
type Unit = { id: number; path: string; parentId: number | null };

/** Counters as stored: assigned, completed, in progress. */
type C3 = [number, number, number];
/**
 * One assignment's counters in one unit's subtree. `units` is flat: (unit id, assigned,
 * completed, in progress) for each unit people sit in; `maxUnitId` sizes the sums.
 */
type Part = {
  total: C3;
  children: Map<number, C3>;
  units: Int32Array;
  maxUnitId: number;
  weeks: [string, number][];
};

const wholes = new LRUCache<string, { from: number; until: number; data: Overview }>({ max: 200 });
// Bounded by memory, not count: a city-wide part holds thousands of units, a department's a few.
const parts = new LRUCache<string, { version: number; tree: number; part: Part }>({
  maxSize: 32 * 1024 * 1024,
  sizeCalculation: (e) =>
    e.part.units.byteLength + 64 * (e.part.children.size + e.part.weeks.length) + 256,
});
let wholesVersion: number | null = null;
export const overviewCacheStats = { hits: 0, misses: 0, partsComputed: 0 };

export const BEHIND_LIMIT = 10;
export const BEHIND_MIN_ASSIGNED = 5;

export function rollupVersion(id: 1 | 2 = 1): number | null {
  const row = stmt(`SELECT version FROM RollupVersion WHERE id = ?`).get(id) as
    { version: number } | undefined;
  return row?.version ?? null;
}

function computePart(assignmentId: number, unit: Unit): Part {
  overviewCacheStats.partsComputed += 1;
  const p = { a: assignmentId, unit: unit.id, lo: unit.path, hi: subtreeUpperBound(unit.path) };
  const tree = stmt(
    `SELECT s.orgUnitId AS id, s.assigned, s.completed, s.inProgress FROM AssignmentTreeStat s
      WHERE s.assignmentId = @a AND s.orgUnitId IN (SELECT id FROM OrgUnit WHERE parentId = @unit UNION ALL SELECT @unit)`,
  ).all(p) as { id: number; assigned: number; completed: number; inProgress: number }[];
  const children = new Map<number, C3>();
  let total: C3 = [0, 0, 0];
  for (const r of tree) {
    if (r.id === unit.id) total = [r.assigned, r.completed, r.inProgress];
    else children.set(r.id, [r.assigned, r.completed, r.inProgress]);
  }
  // The root's subtree is every unit: read the counters straight from their covering index.
  const units = (
    unit.parentId === null
      ? stmt(
          `SELECT orgUnitId, assigned, completed, inProgress FROM AssignmentUnitStat WHERE assignmentId = @a AND assigned > 0`,
        )
      : stmt(`SELECT s.orgUnitId, s.assigned, s.completed, s.inProgress FROM OrgUnit o JOIN AssignmentUnitStat s ON s.assignmentId = @a AND s.orgUnitId = o.id
             WHERE o.path >= @lo AND o.path < @hi AND s.assigned > 0`)
  )
    .raw()
    .all(p) as [number, ...C3][];
  const flat = new Int32Array(units.length * 4);
  let maxUnitId = 0;
  units.forEach((u, i) => {
    flat.set(u, i * 4);
    if (u[0] > maxUnitId) maxUnitId = u[0];
  });
  const weeks = stmt(
    `SELECT week, completed FROM AssignmentTreeWeek WHERE assignmentId = @a AND orgUnitId = @unit AND completed > 0`,
  )
    .raw()
    .all(p) as [string, number][];
  return { total, children, units: flat, maxUnitId, weeks };
}

const zero = (): Counts => ({
  assigned: 0,
  completed: 0,
  inProgress: 0,
  notStarted: 0,
  overdue: 0,
});
function add(
  into: Counts,
  assigned: number,
  completed: number,
  inProgress: number,
  overdue: boolean,
) {
  into.assigned += assigned;
  into.completed += completed;
  into.inProgress += inProgress;
  into.notStarted += assigned - completed - inProgress;
  if (overdue) into.overdue += assigned - completed;
}
const entry = <K>(map: Map<K, Counts>, key: K): Counts => {
  let c = map.get(key);
  if (!c) map.set(key, (c = zero()));
  return c;
};

/** Sums the assignments' parts (each kept unless its assignment or the org tree changed). */
function compute(ids: number[], unit: Unit, now: number): Overview {
  const live =
    stmt(`SELECT a.id, a.dueAt, COALESCE(v.version, 0) AS version FROM json_each(?) j JOIN Assignment a ON a.id = j.value
      LEFT JOIN AssignmentVersion v ON v.assignmentId = a.id WHERE a.withdrawnAt IS NULL`).all(
      JSON.stringify(ids),
    ) as { id: number; dueAt: number; version: number }[];
  const tree = rollupVersion(2);
  const total = zero();
  const byChild = new Map<number, Counts>();
  const byWeek = new Map<string, number>();
  const kept: { part: Part; overdue: boolean }[] = [];
  for (const a of live) {
    const key = `${a.id}|${unit.id}|${unit.path}`;
    let entryKept = tree === null ? undefined : parts.get(key);
    if (!entryKept || entryKept.version !== a.version || entryKept.tree !== tree) {
      entryKept = { version: a.version, tree: tree ?? -1, part: computePart(a.id, unit) };
      if (tree !== null) parts.set(key, entryKept);
    }
    const { part } = entryKept;
    const overdue = now > a.dueAt;
    kept.push({ part, overdue });
    add(total, ...part.total, overdue);
    for (const [id, c] of part.children) add(entry(byChild, id), ...c, overdue);
    for (const [week, n] of part.weeks) byWeek.set(week, (byWeek.get(week) ?? 0) + n);
  }
  const rows = childRows(unit.id, total, (id) => byChild.get(id) ?? zero());
  return {
    total,
    rows,
    weeks: [...byWeek]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([week, completed]) => ({ week, completed })),
    behind: furthestBehind(kept),
  };
}

/**
 * The units with the lowest completion rate among those with at least 5 people assigned: the
 * parts' per-unit counters summed in arrays indexed by unit id (thousands of units, dozens of
 * assignments: a few hundred microseconds).
 */
function furthestBehind(kept: { part: Part; overdue: boolean }[]): Behind[] {
  const size = Math.max(0, ...kept.map((k) => k.part.maxUnitId)) + 1;
  const [assigned, completed, inProgress, overdue] = [
    new Int32Array(size),
    new Int32Array(size),
    new Int32Array(size),
    new Int32Array(size),
  ];
  for (const {
    part: { units },
    overdue: late,
  } of kept) {
    for (let i = 0; i < units.length; i += 4) {
      const id = units[i]!;
      assigned[id]! += units[i + 1]!;
      completed[id]! += units[i + 2]!;
      inProgress[id]! += units[i + 3]!;
      if (late) overdue[id]! += units[i + 1]! - units[i + 2]!;
    }
  }
  const candidates: number[] = [];
  for (let id = 0; id < size; id++) if (assigned[id]! >= BEHIND_MIN_ASSIGNED) candidates.push(id);
  const ratio = (id: number) => completed[id]! / assigned[id]!;
  const worst = candidates
    .sort((a, b) => ratio(a) - ratio(b) || assigned[b]! - assigned[a]! || a - b)
    .slice(0, BEHIND_LIMIT);
  const names = new Map(
    (
      stmt("SELECT o.id, o.name, o.code FROM json_each(?) j JOIN OrgUnit o ON o.id = j.value").all(
        JSON.stringify(worst),
      ) as { id: number; name: string; code: string }[]
    ).map((o) => [o.id, o]),
  );
  return worst.map((id) => ({
    unitId: id,
    name: names.get(id)?.name ?? "",
    code: names.get(id)?.code ?? "",
    assigned: assigned[id]!,
    completed: completed[id]!,
    inProgress: inProgress[id]!,
    notStarted: assigned[id]! - completed[id]! - inProgress[id]!,
    overdue: overdue[id]!,
  }));
}

/**
 * The due times either side of @now among the live assignments: the set of overdue
 * assignments (due < now) is the same for every time in (from, until].
 */
function dueWindow(ids: number[], now: number): { from: number; until: number } {
  const row = stmt(
    `SELECT MAX(CASE WHEN a.dueAt < @now THEN a.dueAt END) AS "from", MIN(CASE WHEN a.dueAt >= @now THEN a.dueAt END) AS "until"
       FROM json_each(@ids) j JOIN Assignment a ON a.id = j.value WHERE a.withdrawnAt IS NULL`,
  ).get({ ids: JSON.stringify(ids), now }) as { from: number | null; until: number | null };
  return { from: row.from ?? -Infinity, until: row.until ?? Infinity };
}

/** The overview of the unit's subtree under the assignments @ids, as of @now (kept; see above). */
export function overview(ids: number[], unit: Unit, now = new Date()): Overview {
  // One read transaction: the versions and every figure come from the same snapshot.
  return sqlite().transaction(() => {
    const version = rollupVersion(1);
    if (version !== wholesVersion) {
      wholes.clear();
      wholesVersion = version;
    }
    const key = JSON.stringify([ids, unit.id, unit.path]);
    const t = now.getTime();
    const hit = version === null ? undefined : wholes.get(key);
    if (hit && t > hit.from && t <= hit.until) {
      overviewCacheStats.hits += 1;
      return hit.data;
    }
    overviewCacheStats.misses += 1;
    const data = compute(ids, unit, t);
    if (version !== null) wholes.set(key, { ...dueWindow(ids, t), data });
    return data;
  })();
}
