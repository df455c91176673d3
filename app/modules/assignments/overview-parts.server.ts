import { type Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import { compiled } from "#app/data/compiled.server.ts";
import type { DB } from "#app/data/db.server.ts";
import { joinedText } from "#app/data/portable.server.ts";

// Each assignment's part of a kept overview (decision 0010), from two things kept apart:
//
//  - its counters: AssignmentUnitStat (one row per unit people sit in) and its weeks in the
//    viewed unit (AssignmentTreeWeek). Every counter row of an assignment is written only by
//    the triggers on that assignment's pairs, which bump its AssignmentVersion in the same
//    transaction, so they are kept on that version alone, whatever the org tree does;
//  - the org tree (id and path of every unit), kept on RollupVersion 2, which every change of
//    a unit bumps. From it each viewed unit gets a map: unit id -> the child unit (or the unit
//    itself) whose subtree holds it, or none.
//
// A part sums an assignment's unit counters by that map: the subtree total, each child's
// subtree, the units inside. These equal the tree counters (AssignmentTreeStat): the triggers
// keep a pair's stored path equal to its unit's path, and a tree counter is the sum of the
// unit counters below it (`npm run db:pairs` checks both). A part is kept on the assignment's
// version and RollupVersion 2. A unit edit thus recomputes every part from the tree (one
// statement) and the kept counters; a completion reads the counters of the assignments holding
// the course again.

type Q = Kysely<DB>;
type Unit = { id: number; path: string; parentId: number | null };
/** Counters as stored: assigned, completed, in progress. */
export type C3 = [number, number, number];
/**
 * One assignment's counters in one unit's subtree. `units` is flat: (unit id, assigned,
 * completed, in progress) for each unit people sit in; `maxUnitId` sizes the sums.
 */
export type Part = {
  total: C3;
  children: Map<number, C3>;
  units: Int32Array;
  maxUnitId: number;
  weeks: [string, number][];
};
/** An assignment with its current version (AssignmentVersion, 0 before its first pair). */
export type Versioned = { id: number; version: number };

const bytes = (units: Int32Array) => units.byteLength + 64;
// Bounded by memory, not count: a city-wide assignment has counters for thousands of units.
const counters = new LRUCache<
  number,
  { version: number; units: Int32Array; weeks: Map<number, [string, number][]> }
>({
  maxSize: 16 * 1024 * 1024,
  sizeCalculation: (e) => bytes(e.units) + 256 * e.weeks.size,
});
const parts = new LRUCache<string, { version: number; tree: number; part: Part }>({
  maxSize: 32 * 1024 * 1024,
  sizeCalculation: (e) =>
    bytes(e.part.units) + 64 * (e.part.children.size + e.part.weeks.length) + 256,
});
/** The org tree under its RollupVersion 2, and each viewed unit's map (see above). */
let kept: { tree: number; ids: number[]; paths: string[]; maps: Map<string, Int32Array> } | null =
  null;
export const partStats = { partsComputed: 0, countersRead: 0, treesRead: 0 };

// Compiled once (decision 0011), one text per number of stale assignments.
const STMT = {
  /** Every unit counter of the assignments, in (assignment, unit) order (the primary key). */
  units: compiled((q, ...ids: number[]) =>
    q
      .selectFrom("AssignmentUnitStat")
      .select(["assignmentId", "orgUnitId", "assigned", "completed", "inProgress"])
      .where("assignmentId", "in", ids)
      .where("assigned", ">", 0)
      .orderBy("assignmentId")
      .orderBy("orgUnitId"),
  ),
  weeks: compiled((q, unitId: number, ...ids: number[]) =>
    q
      .selectFrom("AssignmentTreeWeek")
      .select(["assignmentId", "week", "completed"])
      .where("assignmentId", "in", ids)
      .where("orgUnitId", "=", unitId)
      .where("completed", ">", 0),
  ),
  /** Every unit's path ("/1/12/40/": its last id is the unit's), joined by commas. */
  tree: compiled((q) => q.selectFrom("OrgUnit").select(joinedText("path", ",").as("paths"))),
};

/** The unit counters of each assignment (kept on its version), read for the stale ones at once. */
async function unitCounters(q: Q, live: Versioned[]): Promise<Map<number, Int32Array>> {
  const out = new Map<number, Int32Array>();
  const stale: Versioned[] = [];
  for (const a of live) {
    const hit = counters.get(a.id);
    if (hit && hit.version === a.version) out.set(a.id, hit.units);
    else stale.push(a);
  }
  if (stale.length === 0) return out;
  partStats.countersRead += stale.length;
  const rows = await STMT.units.rows(q, ...stale.map((a) => a.id));
  let i = 0;
  for (const a of stale) {
    const first = i;
    while (i < rows.length && rows[i]!.assignmentId === a.id) i++;
    const units = new Int32Array((i - first) * 4);
    for (let r = first, k = 0; r < i; r++) {
      const row = rows[r]!;
      units[k++] = row.orgUnitId;
      units[k++] = row.assigned;
      units[k++] = row.completed;
      units[k++] = row.inProgress;
    }
    counters.set(a.id, { version: a.version, units, weeks: new Map() });
    out.set(a.id, units);
  }
  return out;
}

/** Each assignment's weeks in the unit @unitId (kept with its counters, on its version). */
async function unitWeeks(q: Q, live: Versioned[], unitId: number) {
  const out = new Map<number, [string, number][]>();
  const stale: number[] = [];
  for (const a of live) {
    const hit = counters.get(a.id);
    const weeks = hit?.version === a.version ? hit.weeks.get(unitId) : undefined;
    if (weeks) out.set(a.id, weeks);
    else {
      out.set(a.id, []);
      stale.push(a.id);
    }
  }
  if (stale.length === 0) return out;
  for (const w of await STMT.weeks.rows(q, unitId, ...stale))
    out.get(w.assignmentId)!.push([w.week, w.completed]);
  for (const a of live) {
    const hit = counters.get(a.id);
    if (hit?.version === a.version && stale.includes(a.id)) hit.weeks.set(unitId, out.get(a.id)!);
  }
  return out;
}

/**
 * For the unit at @path: unit id -> the id of the child unit whose subtree holds it, the unit's
 * own id for the unit itself, -1 outside the subtree (or no such unit). From the tree kept on
 * @tree (RollupVersion 2; null: read and keep nothing).
 */
async function subtreeMap(q: Q, unit: Unit, tree: number | null): Promise<Int32Array> {
  if (!kept || tree === null || kept.tree !== tree) {
    partStats.treesRead += 1;
    const [row] = await STMT.tree.rows(q);
    const paths = row?.paths ? row.paths.split(",") : [];
    const fresh = { tree: tree ?? -1, ids: paths.map(unitIdOf), paths, maps: new Map() };
    if (tree === null) return mapOf(fresh, unit);
    kept = fresh;
  }
  let map = kept.maps.get(unit.path);
  if (!map) kept.maps.set(unit.path, (map = mapOf(kept, unit)));
  return map;
}

/** The unit a path names: its last id ("/1/12/40/" -> 40). */
export const unitIdOf = (path: string) =>
  Number(path.slice(path.lastIndexOf("/", path.length - 2) + 1, -1));

function mapOf(t: { ids: number[]; paths: string[] }, unit: Unit): Int32Array {
  const map = new Int32Array(Math.max(0, ...t.ids) + 1).fill(-1);
  const start = unit.path.length;
  for (let i = 0; i < t.ids.length; i++) {
    const path = t.paths[i]!;
    if (!path.startsWith(unit.path)) continue;
    // "/1/7/42/" under "/1/": the child is the first id after the unit's own path.
    map[t.ids[i]!] =
      path.length === start ? unit.id : Number(path.slice(start, path.indexOf("/", start)));
  }
  return map;
}

/** One assignment's part: its unit counters summed by the viewed unit's map. */
function partOf(
  units: Int32Array,
  map: Int32Array,
  unitId: number,
  weeks: [string, number][],
): Part {
  const total: C3 = [0, 0, 0];
  const children = new Map<number, C3>();
  const inside = new Int32Array(units.length);
  let k = 0;
  let maxUnitId = 0;
  for (let i = 0; i < units.length; i += 4) {
    const id = units[i]!;
    const slot = id < map.length ? map[id]! : -1;
    if (slot < 0) continue;
    const assigned = units[i + 1]!;
    const completed = units[i + 2]!;
    const inProgress = units[i + 3]!;
    total[0] += assigned;
    total[1] += completed;
    total[2] += inProgress;
    if (slot !== unitId) {
      let c = children.get(slot);
      if (!c) children.set(slot, (c = [0, 0, 0]));
      c[0] += assigned;
      c[1] += completed;
      c[2] += inProgress;
    }
    inside[k++] = id;
    inside[k++] = assigned;
    inside[k++] = completed;
    inside[k++] = inProgress;
    if (id > maxUnitId) maxUnitId = id;
  }
  // Every counter inside (the root's subtree): the part shares the kept array.
  return {
    total,
    children,
    units: k === units.length ? units : inside.slice(0, k),
    maxUnitId,
    weeks,
  };
}

/**
 * The parts of the live assignments in @unit's subtree, in their order: kept while the
 * assignment's version and @tree (RollupVersion 2; null: keep nothing) stand, the stale ones
 * computed together. Runs in the caller's read transaction @q, so every figure comes from the
 * snapshot its versions were read in.
 */
export async function partsOf(
  q: Q,
  live: Versioned[],
  unit: Unit,
  tree: number | null,
): Promise<Part[]> {
  const out = new Map<number, Part>();
  const stale: Versioned[] = [];
  const keyOf = (id: number) => `${id}|${unit.id}|${unit.path}`;
  for (const a of live) {
    const hit = tree === null ? undefined : parts.get(keyOf(a.id));
    if (hit && hit.version === a.version && hit.tree === tree) out.set(a.id, hit.part);
    else stale.push(a);
  }
  if (stale.length > 0) {
    partStats.partsComputed += stale.length;
    const units = await unitCounters(q, stale);
    const weeks = await unitWeeks(q, stale, unit.id);
    const map = await subtreeMap(q, unit, tree);
    for (const a of stale) {
      const part = partOf(units.get(a.id)!, map, unit.id, weeks.get(a.id)!);
      out.set(a.id, part);
      if (tree !== null) parts.set(keyOf(a.id), { version: a.version, tree, part });
    }
  }
  return live.map((a) => out.get(a.id)!);
}
