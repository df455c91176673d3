import { db } from "#app/data/db.server.ts";
import { containsText } from "#app/data/portable.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";

/**
 * One unit of a tree sent to the browser: only what the pickers and the tree page need
 * (the scale seed has ~750 units with departments below them; a row is a few dozen bytes).
 * `people`: enabled staff of the unit itself; `total`: of its whole subtree.
 */
export type TreeUnit = {
  id: number;
  parentId: number | null;
  name: string;
  people: number;
  total: number;
  /** Units directly below, loaded or not (a lazy tree shows "展开" for the rest). */
  children: number;
};

/** At most this many units opened by `open=` (a URL can name a path down a deep tree). */
export const MAX_OPEN_UNITS = 200;
/** A unit search answers at most this many matches (with their ancestors). */
export const UNIT_MATCHES = 50;

/**
 * The units of the subtree at `rootPath` ("/" for the whole tree) in the admin's order, parents
 * before children, with staff counts: two indexed reads (units by path range, staff grouped by
 * unit), the subtree totals added up here.
 */
async function wholeTree(rootPath: string): Promise<TreeUnit[]> {
  const hi = rootPath === "/" ? null : subtreeUpperBound(rootPath);
  let units = db()
    .selectFrom("OrgUnit")
    .select(["id", "parentId", "name", "path", "depth", "sortOrder"]);
  let counts = db()
    .selectFrom("User as u")
    .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select((eb) => ["u.orgUnitId", eb.fn.countAll<number>().as("n")])
    .where("u.role", "=", "STAFF")
    .where("u.disabled", "=", false)
    .groupBy("u.orgUnitId");
  if (hi) {
    units = units.where("path", ">=", rootPath).where("path", "<", hi);
    counts = counts.where("o.path", ">=", rootPath).where("o.path", "<", hi);
  }
  const [rows, staff] = await Promise.all([
    units.orderBy("depth").orderBy("sortOrder").orderBy("id").execute(),
    counts.execute(),
  ]);
  const own = new Map(staff.map((s) => [s.orgUnitId, s.n]));
  const total = new Map<number, number>();
  // Deepest first: each unit adds its total to its parent's.
  for (let i = rows.length - 1; i >= 0; i--) {
    const u = rows[i]!;
    const sum = (total.get(u.id) ?? 0) + (own.get(u.id) ?? 0);
    total.set(u.id, sum);
    if (u.parentId !== null) total.set(u.parentId, (total.get(u.parentId) ?? 0) + sum);
  }
  const inTree = new Set(rows.map((u) => u.id));
  const children = new Map<number, number>();
  for (const u of rows)
    if (u.parentId !== null) children.set(u.parentId, (children.get(u.parentId) ?? 0) + 1);
  return rows.map((u) => ({
    id: u.id,
    // The subtree's top has no parent inside the tree.
    parentId: u.parentId !== null && inTree.has(u.parentId) ? u.parentId : null,
    name: u.name,
    people: own.get(u.id) ?? 0,
    total: total.get(u.id) ?? 0,
    children: children.get(u.id) ?? 0,
  }));
}

/**
 * The units of the subtree at `rootPath` ("/" for the whole tree), parents before children,
 * with staff counts. Whole (a manager's few dozen units), or, given `open` (the admin's city,
 * ~2,200 units on the scale seed: decision 0019), only the top, its children and the children
 * of each opened unit and of its ancestors; ids outside the subtree open nothing.
 */
export async function unitTree(rootPath: string, open?: readonly number[]): Promise<TreeUnit[]> {
  const all = await wholeTree(rootPath);
  if (!open) return all;
  const byId = new Map(all.map((u) => [u.id, u]));
  const opened = new Set<number>();
  for (const u of all) if (u.parentId === null) opened.add(u.id);
  for (const id of open)
    for (let u = byId.get(id); u && !opened.has(u.id); u = byId.get(u.parentId ?? -1))
      opened.add(u.id);
  return all.filter((u) => u.parentId === null || opened.has(u.parentId));
}

/**
 * Units of the subtree whose name contains `q` (the first 50 in tree order) with every
 * ancestor, so the lazy tree can show where each sits; `matches` counts all of them.
 */
export async function findInTree(
  rootPath: string,
  q: string,
): Promise<{ units: TreeUnit[]; matches: number }> {
  const all = await wholeTree(rootPath);
  const byId = new Map(all.map((u) => [u.id, u]));
  const hits = all.filter((u) => u.name.includes(q));
  const keep = new Set<number>();
  for (const hit of hits.slice(0, UNIT_MATCHES))
    for (let u: TreeUnit | undefined = hit; u && !keep.has(u.id); u = byId.get(u.parentId ?? -1))
      keep.add(u.id);
  return { units: all.filter((u) => keep.has(u.id)), matches: hits.length };
}

/** Units by id with their paths (the assignment's server-side scope check). */
export function unitsByIds(ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db()
    .selectFrom("OrgUnit")
    .select(["id", "name", "path"])
    .where("id", "in", ids)
    .orderBy("id")
    .execute();
}

export const PEOPLE_PAGE = 20;
export const PEOPLE_MIN_QUERY = 2;

export type PersonHit = { id: number; name: string; username: string; unit: string };

/**
 * Enabled staff in the subtree at `scope` whose name, 工号 or mobile contains `q`; 20 a page (one more is read to tell whether there is a next page).
 */
export async function searchPeople(
  scope: string,
  q: string,
  page: number,
): Promise<{ people: PersonHit[]; more: boolean }> {
  let query = db()
    .selectFrom("User as u")
    .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select(["u.id", "u.name", "u.username", "o.name as unit"])
    .where("u.role", "=", "STAFF")
    .where("u.disabled", "=", false)
    .where((eb) =>
      eb.or([
        containsText("u.name", q),
        containsText("u.username", q),
        containsText("u.mobile", q),
      ]),
    );
  if (scope !== "/")
    query = query.where("o.path", ">=", scope).where("o.path", "<", subtreeUpperBound(scope));
  const rows = await query
    .orderBy("u.name")
    .orderBy("u.id")
    .limit(PEOPLE_PAGE + 1)
    .offset((page - 1) * PEOPLE_PAGE)
    .execute();
  return { people: rows.slice(0, PEOPLE_PAGE), more: rows.length > PEOPLE_PAGE };
}

/** Staff by id with their unit paths (the assignment's server-side scope check). */
export function staffByIds(ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db()
    .selectFrom("User as u")
    .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select(["u.id", "u.role", "o.path"])
    .where("u.id", "in", ids)
    .orderBy("u.id")
    .execute();
}
