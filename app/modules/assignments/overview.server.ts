import { LRUCache } from "lru-cache";
import { sqlite, stmt } from "#app/utils/db.server.ts";
import { unitRollup, unitsFurthestBehind, weeklyCompletions, type Counts, type UnitRow } from "./rollup.server.ts";

// The audit overview (达标率总览): a subtree's totals, one row per child unit, the weekly
// completions and the units furthest behind. Computing it for the whole city reads about
// 20,000 counter rows (about 10 ms); a manager reloading it, or many managers reading the
// same city, would pay that on every request although the counters rarely change.
//
// So the result is kept, keyed on RollupVersion: triggers bump that row in the same
// transaction as every write a rollup can see (decision 0010). A kept result is returned
// only while the version it was computed at still stands and no assignment has passed its
// due time since (overdue is a function of the clock), so it always equals a recomputation:
// rates still come straight from the records, with no lag.

export type Behind = Counts & { unitId: number; name: string; code: string };
export type Overview = { total: Counts; rows: UnitRow[]; weeks: { week: string; completed: number }[]; behind: Behind[] };

type Entry = { from: number; until: number; data: Overview };

const cache = new LRUCache<string, Entry>({ max: 200 });
let cachedVersion: number | null = null;
export const overviewCacheStats = { hits: 0, misses: 0 };

export function rollupVersion(): number | null {
  const row = stmt(`SELECT version FROM RollupVersion WHERE id = 1`).get() as { version: number } | undefined;
  return row?.version ?? null;
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

function compute(ids: number[], unit: { id: number; path: string; parentId: number | null }, now: Date): Overview {
  return { ...unitRollup(ids, unit, now), weeks: weeklyCompletions(ids, unit.id), behind: unitsFurthestBehind(ids, unit, 10, 5, now) };
}

/** The overview of the unit's subtree under the assignments @ids, as of @now (kept; see above). */
export function overview(ids: number[], unit: { id: number; path: string; parentId: number | null }, now = new Date()): Overview {
  // One read transaction: the version and every figure come from the same snapshot.
  return sqlite().transaction(() => {
    const version = rollupVersion();
    if (version !== cachedVersion) {
      cache.clear();
      cachedVersion = version;
    }
    const key = JSON.stringify([ids, unit.id, unit.path]);
    const t = now.getTime();
    const hit = version === null ? undefined : cache.get(key);
    if (hit && t > hit.from && t <= hit.until) {
      overviewCacheStats.hits += 1;
      return hit.data;
    }
    overviewCacheStats.misses += 1;
    const data = compute(ids, unit, now);
    if (version !== null) cache.set(key, { ...dueWindow(ids, t), data });
    return data;
  })();
}
