import { sql } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { db } from "#app/data/db.server.ts";
import { ROLLUP, rollupVersion } from "#app/data/rollup-version.server.ts";
import { shanghaiYear } from "#app/modules/learning/completion.server.ts";
import { examTotals } from "#app/modules/annual/exam-totals.server.ts";
import { beijingDayStart, DAY_MS, daysLeft } from "./time.ts";

/** How far ahead "due soon" looks. */
export const DUE_SOON_DAYS = 14;
const BEHIND_UNITS = 5;

type ManagerUnit = { id: number; path: string };

/**
 * The manager's child units with the lowest completion over the live assignments covering
 * their people, read from the kept subtree counters (AssignmentTreeStat, decision 0007):
 * only units directly below the manager's own, so nothing outside his subtree.
 */
const BEHIND = compiled((q, parentId: number) =>
  q
    .selectFrom("OrgUnit as o")
    .innerJoin("AssignmentTreeStat as t", "t.orgUnitId", "o.id")
    .innerJoin("Assignment as a", "a.id", "t.assignmentId")
    .select((eb) => [
      "o.id",
      "o.name",
      eb.fn.sum<number>("t.assigned").as("assigned"),
      eb.fn.sum<number>("t.completed").as("completed"),
    ])
    .where("o.parentId", "=", parentId)
    .where("a.withdrawnAt", "is", null)
    .groupBy(["o.id", "o.name"])
    .having((eb) => eb.fn.sum("t.assigned"), ">", 0)
    .orderBy(sql`SUM(t.completed) * 1.0 / SUM(t.assigned)`)
    .orderBy(sql`SUM(t.assigned) - SUM(t.completed)`, "desc")
    .orderBy("o.id")
    .limit(BEHIND_UNITS),
);

type BehindUnit = { id: number; name: string; assigned: number; completed: number };

// The ranking sums every counter row of every child unit (a district: 67 children, about
// 0.3 ms of SQLite a request) although the counters rarely change. It reads only what
// RollupVersion 1 covers (decision 0010): the counters change only through the
// AssignmentPerson triggers, which bump it, as do a withdrawal and every write of a unit (its
// name, its parent). So the ranking is kept per unit while version 1 stands, read in the
// request before the ranking; per connection handle, as the catalogue's content is.
const keptBehind = new WeakMap<object, Map<number, { version: number; rows: BehindUnit[] }>>();
const MAX_KEPT_UNITS = 2000;
/** Kept rankings served and rankings read (tests). */
export const behindStats = { hits: 0, misses: 0 };

/** The child units lowest in completion (kept per unit under RollupVersion 1; see above). */
export async function unitsBehind(unit: ManagerUnit): Promise<BehindUnit[]> {
  const handle = db();
  const version = await rollupVersion(ROLLUP.overview, handle);
  let kept = keptBehind.get(handle);
  const hit = kept?.get(unit.id);
  if (hit && version !== null && hit.version === version) {
    behindStats.hits += 1;
    return hit.rows;
  }
  behindStats.misses += 1;
  const rows = (await BEHIND.rows(handle, unit.id)).map((u) => ({
    id: u.id,
    name: u.name,
    assigned: Number(u.assigned),
    completed: Number(u.completed),
  }));
  if (version === null) return rows;
  if (!kept) keptBehind.set(handle, (kept = new Map()));
  if (kept.size >= MAX_KEPT_UNITS) kept.clear();
  kept.set(unit.id, { version, rows });
  return rows;
}

const DUE_SOON = compiled((q, unitId: number, from: Date, to: Date) =>
  q
    .selectFrom("AssignmentTreeStat as t")
    .innerJoin("Assignment as a", "a.id", "t.assignmentId")
    .select(["a.id", "a.title", "a.dueAt", "t.assigned", "t.completed"])
    .where("t.orgUnitId", "=", unitId)
    .where("t.assigned", ">", 0)
    .where("a.withdrawnAt", "is", null)
    .where("a.dueAt", ">=", from)
    .where("a.dueAt", "<", to)
    .orderBy("a.dueAt")
    .orderBy("a.id")
    .limit(8),
);

/** Live assignments covering people of the manager's subtree, due within DUE_SOON_DAYS. */
export function dueSoon(unit: ManagerUnit, now: Date) {
  const from = beijingDayStart(now);
  return DUE_SOON.read(unit.id, from, new Date(from.getTime() + (DUE_SOON_DAYS + 1) * DAY_MS));
}

/** The manager home: three reads over his own subtree (the exam figures kept, exam-totals). */
export async function managerHome(unit: ManagerUnit, now: Date) {
  const year = shanghaiYear(now);
  const [behind, soon, exam] = await Promise.all([
    unitsBehind(unit),
    dueSoon(unit, now),
    examTotals(unit, year),
  ]);
  return {
    year,
    behind,
    dueSoon: soon.map((a) => ({ ...a, daysLeft: daysLeft(a.dueAt, now) })),
    exam,
  };
}
