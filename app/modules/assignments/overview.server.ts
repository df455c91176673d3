import { sql, type Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import { compiled, perLength } from "#app/data/compiled.server.ts";
import { db, type DB } from "#app/data/db.server.ts";
import { ROLLUP, rollupVersion } from "#app/data/rollup-version.server.ts";
import type { Counts } from "./status.ts";
import { partsOf, partStats, type Part } from "./overview-parts.server.ts";
import { childRows, type UnitRow } from "./rollup.server.ts";
import { BEHIND_LIMIT } from "./unit-page.ts";
import { childUnits, type ChildUnit } from "#app/modules/org/children.server.ts";

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
//    as kept. Under a part, each assignment's unit counters are kept on its version alone
//    (overview-parts.server.ts): an org tree change recomputes every part from two
//    statements without reading them again.
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

const wholes = new LRUCache<string, { from: number; until: number; data: Overview }>({ max: 200 });
let wholesVersion: number | null = null;
/** Hits and misses of the kept whole; the parts' counts are partStats (overview-parts.server.ts). */
export const overviewCacheStats = {
  hits: 0,
  misses: 0,
  get partsComputed() {
    return partStats.partsComputed;
  },
};

export { BEHIND_LIMIT };
/** Every unit with anyone assigned is ranked (issue 17: small units were left out); the page marks those under BEHIND_SMALL (unit-page.ts). */
export const BEHIND_MIN_ASSIGNED = 1;

type Q = Kysely<DB>;

// Every statement below runs on each overview request or each recomputed part: compiled once
// (decision 0011), the lists of assignment ids once per length.

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

/** The live assignments among the ids, with their due time and version. */
const LIVE = perLength((n) =>
  compiled(n, (q, ...ids: number[]) =>
    q
      .selectFrom("Assignment as a")
      .leftJoin("AssignmentVersion as v", "v.assignmentId", "a.id")
      .select(["a.id", "a.dueAt", sql<number>`COALESCE(${sql.ref("v.version")}, 0)`.as("version")])
      .where("a.id", "in", ids)
      .where("a.withdrawnAt", "is", null),
  ),
);

// The child units (names, codes, order, whether they have children): every change of a unit
// bumps RollupVersion 2, so they are kept on it.
const kids = new LRUCache<number, { tree: number; rows: ChildUnit[] }>({ max: 500 });
async function childrenOf(q: Q, unitId: number, tree: number | null): Promise<ChildUnit[]> {
  const hit = kids.get(unitId);
  if (hit && tree !== null && hit.tree === tree) return hit.rows;
  const rows = await childUnits(q, unitId);
  if (tree !== null) kids.set(unitId, { tree, rows });
  return rows;
}

/**
 * Sums the assignments' parts (each kept unless its assignment or the org tree changed), and
 * the due times either side of @now among the live assignments: the set of overdue assignments
 * (due < now) is the same for every time in (from, until].
 */
async function compute(
  q: Q,
  ids: number[],
  unit: Unit,
  now: number,
): Promise<{ data: Overview; from: number; until: number }> {
  const live = ids.length ? await LIVE(ids.length).rows(q, ...ids) : [];
  const tree = await rollupVersion(ROLLUP.tree, q);
  const total = zero();
  const byChild = new Map<number, Counts>();
  const byWeek = new Map<string, number>();
  const kept: { part: Part; overdue: boolean }[] = [];
  let from = -Infinity;
  let until = Infinity;
  const partList = await partsOf(q, live, unit, tree);
  for (const [i, a] of live.entries()) {
    const part = partList[i]!;
    const due = a.dueAt.getTime();
    const overdue = now > due;
    if (due < now) from = Math.max(from, due);
    else until = Math.min(until, due);
    kept.push({ part, overdue });
    add(total, ...part.total, overdue);
    for (const [id, c] of part.children) add(entry(byChild, id), ...c, overdue);
    for (const [week, n] of part.weeks) byWeek.set(week, (byWeek.get(week) ?? 0) + n);
  }
  const rows = await childRows(
    unit.id,
    total,
    (id) => byChild.get(id) ?? zero(),
    q,
    await childrenOf(q, unit.id, tree),
  );
  const data = {
    total,
    rows,
    weeks: [...byWeek]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([week, completed]) => ({ week, completed })),
    behind: await furthestBehind(q, kept),
  };
  return { data, from, until };
}

const NAMES = perLength((n) =>
  compiled(n, (q, ...ids: number[]) =>
    q.selectFrom("OrgUnit").select(["id", "name", "code"]).where("id", "in", ids),
  ),
);

/**
 * The units with the lowest completion rate among those with anyone assigned: the
 * parts' per-unit counters summed in arrays indexed by unit id (thousands of units, dozens of
 * assignments: a few hundred microseconds).
 */
async function furthestBehind(q: Q, kept: { part: Part; overdue: boolean }[]): Promise<Behind[]> {
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
  const ratio = (id: number) => completed[id]! / assigned[id]!;
  const before = (a: number, b: number) =>
    ratio(a) - ratio(b) || assigned[b]! - assigned[a]! || a - b;
  // The BEHIND_LIMIT first in that order, kept sorted while the units pass (no sort of all).
  const worst: number[] = [];
  for (let id = 0; id < size; id++) {
    if (assigned[id]! < BEHIND_MIN_ASSIGNED) continue;
    if (worst.length === BEHIND_LIMIT && before(id, worst[BEHIND_LIMIT - 1]!) >= 0) continue;
    let at = worst.length;
    while (at > 0 && before(id, worst[at - 1]!) < 0) at--;
    worst.splice(at, 0, id);
    if (worst.length > BEHIND_LIMIT) worst.pop();
  }
  const names = new Map(
    (worst.length ? await NAMES(worst.length).rows(q, ...worst) : []).map((o) => [o.id, o]),
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

/** The kept whole for @key at time @t, when it was computed under @version (the current one). */
function keptWhole(version: number | null, key: string, t: number): Overview | undefined {
  if (version !== wholesVersion) {
    wholes.clear();
    wholesVersion = version;
  }
  const hit = version === null ? undefined : wholes.get(key);
  if (!hit || t <= hit.from || t > hit.until) return undefined;
  overviewCacheStats.hits += 1;
  return hit.data;
}

/** The overview of the unit's subtree under the assignments @ids, as of @now (kept; see above). */
export async function overview(ids: number[], unit: Unit, now = new Date()): Promise<Overview> {
  const key = JSON.stringify([ids, unit.id, unit.path]);
  const t = now.getTime();
  // Kept: one statement (the version) answers the request.
  const kept = keptWhole(await rollupVersion(ROLLUP.overview), key, t);
  if (kept) return kept;
  // One read transaction: the versions and every figure come from the same snapshot.
  return db()
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute(async (tx) => {
      const version = await rollupVersion(ROLLUP.overview, tx);
      const again = keptWhole(version, key, t);
      if (again) return again;
      overviewCacheStats.misses += 1;
      const { data, from, until } = await compute(tx, ids, unit, t);
      // Another request may have seen a newer version while this one computed: keep the
      // result only while its own version is the current one.
      if (version !== null && version === wholesVersion) wholes.set(key, { from, until, data });
      return data;
    });
}
