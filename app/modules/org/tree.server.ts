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
};

/**
 * The units of the subtree at `rootPath` ("/" for the whole tree) in the admin's order, parents
 * before children, with staff counts: two indexed reads (units by path range, staff grouped by
 * unit), the subtree totals added up here.
 */
export async function unitTree(rootPath: string): Promise<TreeUnit[]> {
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
  return rows.map((u) => ({
    id: u.id,
    // The subtree's top has no parent inside the tree.
    parentId: u.parentId !== null && inTree.has(u.parentId) ? u.parentId : null,
    name: u.name,
    people: own.get(u.id) ?? 0,
    total: total.get(u.id) ?? 0,
  }));
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
