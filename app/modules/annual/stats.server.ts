import { sql, type Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import { compiled } from "#app/data/compiled.server.ts";
import { db, type DB } from "#app/data/db.server.ts";
import { ROLLUP, rollupVersion } from "#app/data/rollup-version.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import { childUnits } from "#app/modules/org/children.server.ts";
import { rankRows, rates, type AnnualSort, type Figures } from "./rates.ts";

export { ANNUAL_SORTS, rankRows, rates, type AnnualSort, type Figures } from "./rates.ts";

// 年度学法统计 per unit (issue 17): for a Beijing year, the active staff of a unit's subtree, how
// many reached the annual 学时 requirement (CreditLedger, decision 0018), sat the annual exam
// (a submitted attempt) and passed it. Live: three grouped statements per request, each over a
// covering index (migration annual_stats_indexes), give the figures per unit people sit in;
// they are then summed up the tree to the viewed unit's children, as the completion overview
// shows them (drill-down by child unit, a row for the unit's own staff). The sums are kept
// until a write that can change them bumps their versions (below; as decision 0010 does for
// the overview), so a repeated request costs one indexed read.

type Q = Kysely<DB>;

export type AnnualUnitRow = Figures & {
  unitId: number;
  name: string;
  code: string;
  own: boolean;
  hasChildren: boolean;
};

const zero = (): Figures => ({ staff: 0, met: 0, sat: 0, passed: 0 });

// A float sum of 学时 (0.5 steps) compared with the requirement: allow rounding noise.
const EPS = 1e-6;

/** The ids of the units at and below a path ([lo, hi): the path and subtreeUpperBound of it). */
export const inSubtree = (q: Q, lo: string, hi: string) =>
  q.selectFrom("OrgUnit").select("id").where("path", ">=", lo).where("path", "<", hi);

const STAFF = compiled((q, lo: string, hi: string) =>
  q
    .selectFrom("User as u")
    .select(["u.orgUnitId", sql<number>`COUNT(*)`.as("n")])
    .where("u.role", "=", "STAFF")
    .where("u.disabled", "=", false)
    .where("u.orgUnitId", "in", inSubtree(q, lo, hi))
    .groupBy("u.orgUnitId"),
);

/** People whose 学时 of the year reach the requirement (the sum is over CreditLedger only). */
const metIds = (q: Q, year: number, required: number) =>
  q
    .selectFrom("CreditLedger")
    .select("userId")
    .where("year", "=", year)
    .groupBy("userId")
    .having(sql<number>`SUM(${sql.ref("creditHours")})`, ">=", required);

const MET = compiled((q, year: number, required: number, lo: string, hi: string) =>
  q
    .selectFrom(metIds(q, year, required).as("h"))
    .innerJoin("User as u", "u.id", "h.userId")
    .select(["u.orgUnitId", sql<number>`COUNT(*)`.as("n")])
    .where("u.role", "=", "STAFF")
    .where("u.disabled", "=", false)
    .where("u.orgUnitId", "in", inSubtree(q, lo, hi))
    .groupBy("u.orgUnitId"),
);

/** One row per person who submitted an attempt of the year's exam: passed 1 if any passed. */
export const examPerPerson = (q: Q, year: number) =>
  q
    .selectFrom("ExamAttempt")
    .select([
      "userId",
      sql<number>`MAX(CASE WHEN ${sql.ref("passed")} THEN 1 ELSE 0 END)`.as("passed"),
    ])
    .where("year", "=", year)
    .where("submittedAt", "is not", null)
    .groupBy("userId");

const EXAM = compiled((q, year: number, lo: string, hi: string) =>
  q
    .selectFrom(examPerPerson(q, year).as("e"))
    .innerJoin("User as u", "u.id", "e.userId")
    .select([
      "u.orgUnitId",
      sql<number>`COUNT(*)`.as("sat"),
      sql<number>`SUM(${sql.ref("e.passed")})`.as("passed"),
    ])
    .where("u.role", "=", "STAFF")
    .where("u.disabled", "=", false)
    .where("u.orgUnitId", "in", inSubtree(q, lo, hi))
    .groupBy("u.orgUnitId"),
);

const UNITS = compiled((q, lo: string, hi: string) =>
  q.selectFrom("OrgUnit").select(["id", "path"]).where("path", ">=", lo).where("path", "<", hi),
);

const CHILD_IDS = compiled((q, unitId: number) =>
  q.selectFrom("OrgUnit").select("id").where("parentId", "=", unitId),
);

/** The figures of each unit people sit in, within the subtree of the unit at @path. */
export async function figuresByUnit(
  path: string,
  year: number,
  required: number,
  q: Q = db(),
): Promise<Map<number, Figures>> {
  const hi = subtreeUpperBound(path);
  const [staff, met, exam] = await Promise.all([
    STAFF.rows(q, path, hi),
    MET.rows(q, year, required - EPS, path, hi),
    EXAM.rows(q, year, path, hi),
  ]);
  const by = new Map<number, Figures>();
  const at = (id: number | null) => {
    let f = by.get(id ?? 0);
    if (!f) by.set(id ?? 0, (f = zero()));
    return f;
  };
  for (const r of staff) at(r.orgUnitId).staff = r.n;
  for (const r of met) at(r.orgUnitId).met = r.n;
  for (const r of exam) {
    const f = at(r.orgUnitId);
    f.sat = r.sat;
    f.passed = r.passed;
  }
  return by;
}

const add = (into: Figures, f: Figures) => {
  into.staff += f.staff;
  into.met += f.met;
  into.sat += f.sat;
  into.passed += f.passed;
};

const VERSIONS = compiled((q, people: number, annual: number) =>
  q.selectFrom("RollupVersion").select(["id", "version"]).where("id", "in", [people, annual]),
);

/**
 * RollupVersion 3 and 4 as one string ("3's/4's"), or null before both are seeded: figures
 * read after it may be kept under it (the manager home's exam figures are too).
 */
export async function annualVersions(q: Q = db()): Promise<string | null> {
  const rows = await VERSIONS.rows(q, ROLLUP.people, ROLLUP.annual);
  if (rows.length < 2) return null;
  return rows
    .sort((a, b) => a.id - b.id)
    .map((v) => v.version)
    .join("/");
}

type Summed = { total: Figures; own: Figures; byChild: Map<number, Figures> };
/**
 * Kept sums per (unit, path, year, requirement), valid while RollupVersion 3 (people and the
 * org tree) and 4 (every source of 学时 and the exam, migration annual_version) are unchanged:
 * a request that finds them unchanged reads one row and the child units' names.
 */
const kept = new LRUCache<string, { versions: string; summed: Summed }>({ max: 500 });
export const annualCacheStats = { hits: 0, misses: 0 };

async function summed(
  q: Q,
  unit: { id: number; path: string },
  year: number,
  required: number,
): Promise<Summed> {
  const versions = await annualVersions(q);
  const key = `${unit.id}|${unit.path}|${year}|${required}`;
  const hit = kept.get(key);
  if (hit && hit.versions === versions) {
    annualCacheStats.hits += 1;
    return hit.summed;
  }
  annualCacheStats.misses += 1;
  // Figures read after the versions: a write in between bumps a version, so the next request
  // recomputes; what is kept is never older than its versions.
  const [byUnit, units, children] = await Promise.all([
    figuresByUnit(unit.path, year, required, q),
    UNITS.rows(q, unit.path, subtreeUpperBound(unit.path)),
    CHILD_IDS.rows(q, unit.id),
  ]);
  const total = zero();
  const own = zero();
  const byChild = new Map<number, Figures>(children.map((c) => [c.id, zero()]));
  const start = unit.path.length;
  for (const u of units) {
    const f = byUnit.get(u.id);
    if (!f) continue;
    add(total, f);
    if (u.id === unit.id) add(own, f);
    else {
      // "/1/7/42/" under "/1/": the child is the first id after the unit's own path.
      const childId = Number(u.path.slice(start, u.path.indexOf("/", start)));
      const c = byChild.get(childId);
      if (c) add(c, f);
    }
  }
  const result = { total, own, byChild };
  if (versions !== null) kept.set(key, { versions, summed: result });
  return result;
}

/**
 * The child units' rows (names, codes, order), kept per unit on RollupVersion 2 with the rows
 * ranked in each order (with their rates) for the sums they were built from: a repeated request
 * reads the versions alone, no child unit and no sort.
 */
type Ranked = AnnualUnitRow & ReturnType<typeof rates>;
const rowsKept = new LRUCache<
  string,
  { tree: number; summed: Summed; rows: AnnualUnitRow[]; ranked: Map<AnnualSort, Ranked[]> }
>({ max: 500 });

async function keptRows(unit: { id: number; path: string }, year: number, required: number) {
  const q = db();
  // The tree's version before the children are read: a change in between bumps it again.
  const [tree, sums] = await Promise.all([
    rollupVersion(ROLLUP.tree, q),
    summed(q, unit, year, required),
  ]);
  const key = `${unit.id}|${unit.path}|${year}|${required}`;
  const hit = rowsKept.get(key);
  if (hit && tree !== null && hit.tree === tree && hit.summed === sums) return hit;
  const { own, byChild } = sums;
  const children = await childUnits(q, unit.id);
  const rows: AnnualUnitRow[] = children.map((c) => ({
    ...c,
    ...(byChild.get(c.unitId) ?? zero()),
  }));
  if (own.staff > 0)
    rows.unshift({
      unitId: unit.id,
      name: "本单位人员",
      code: "",
      own: true,
      hasChildren: false,
      ...own,
    });
  const entry = { tree: tree ?? -1, summed: sums, rows, ranked: new Map() };
  if (tree !== null) rowsKept.set(key, entry);
  return entry;
}

/**
 * The viewed unit's subtree total and one row per child unit (its subtree summed), first a row
 * for the unit's own staff when it has any: the completion overview's shape.
 */
export async function annualRollup(
  unit: { id: number; path: string },
  year: number,
  required: number,
): Promise<{ total: Figures; rows: AnnualUnitRow[] }> {
  const { summed, rows } = await keptRows(unit, year, required);
  return { total: summed.total, rows };
}

/** The same rows ranked by @sort, each with its rates (kept with the rows; do not change them). */
export async function rankedRollup(
  unit: { id: number; path: string },
  year: number,
  required: number,
  sort: AnnualSort,
): Promise<{ total: Figures; rows: readonly Ranked[] }> {
  const entry = await keptRows(unit, year, required);
  let ranked = entry.ranked.get(sort);
  if (!ranked) {
    ranked = rankRows(entry.rows, sort).map((r) => ({ ...r, ...rates(r) }));
    entry.ranked.set(sort, ranked);
  }
  return { total: entry.summed.total, rows: ranked };
}
