import { sql } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { db, isUniqueViolation, write } from "#app/data/db.server.ts";
import { containsText } from "#app/data/portable.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { noticeNewlyCovered } from "#app/modules/assignments/notice.server.ts";
import { keptForPeople } from "./people-version.server.ts";
import { childPath, pathIds, subtreeUpperBound } from "#app/utils/org-path.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { tierFor, type UnitKind } from "./schemas.ts";

type Actor = Pick<SessionUser, "id" | "username">;

export type Unit = {
  id: number;
  code: string;
  name: string;
  kind: string;
  tier: number;
  depth: number;
  path: string;
  parentId: number | null;
};

// Every manager and admin page looks its unit up on each request: one indexed select each.
const UNIT_COLUMNS = ["id", "code", "name", "kind", "tier", "depth", "path", "parentId"] as const;

// Compiled once (decision 0011): the builder cost most of these small statements' time.
const UNIT_BY_ID = compiled((q, id: number) =>
  q.selectFrom("OrgUnit").select(UNIT_COLUMNS).where("id", "=", id),
);
const ROOT_UNIT = compiled((q) =>
  q.selectFrom("OrgUnit").select(UNIT_COLUMNS).where("parentId", "is", null).orderBy("id").limit(1),
);

export async function getUnit(id: number): Promise<Unit | null> {
  return (await UNIT_BY_ID.first(db(), id)) ?? null;
}

export async function getRootUnit(): Promise<Unit | null> {
  return (await ROOT_UNIT.first(db())) ?? null;
}

/** Ancestors from the root down to (and including) the unit: one query on the ids in its path. */
export async function getBreadcrumbs(path: string): Promise<{ id: number; name: string }[]> {
  const ids = pathIds(path);
  if (ids.length === 0) return [];
  const units = await db()
    .selectFrom("OrgUnit")
    .select(["id", "name"])
    .where("id", "in", ids)
    .execute();
  return ids
    .map((id) => units.find((u) => u.id === id))
    .filter((u): u is { id: number; name: string } => Boolean(u));
}

export type ChildRow = {
  id: number;
  code: string;
  name: string;
  kind: string;
  tier: number;
  childCount: number;
  userCount: number;
  subtreeUserCount: number;
};

/** Children of a unit with their direct child count, own staff and subtree staff, in one SQL statement. */
export function listChildren(parentId: number): Promise<ChildRow[]> {
  return db()
    .selectFrom("OrgUnit as c")
    .select(["c.id", "c.code", "c.name", "c.kind", "c.tier"])
    .select((eb) => [
      eb
        .selectFrom("OrgUnit as g")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("g.parentId", "=", "c.id")
        .$asScalar()
        .as("childCount"),
      eb
        .selectFrom("User as u")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("u.orgUnitId", "=", "c.id")
        .$asScalar()
        .as("userCount"),
      eb
        .selectFrom("User as u")
        .innerJoin("OrgUnit as s", "s.id", "u.orgUnitId")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("s.path", ">=", "c.path")
        // The subtree's upper bound: c.path with its last "/" made "0" (subtreeUpperBound).
        .where(
          "s.path",
          "<",
          sql<string>`substr(${sql.ref("c.path")}, 1, length(${sql.ref("c.path")}) - 1) || '0'`,
        )
        .$asScalar()
        .as("subtreeUserCount"),
    ])
    .where("c.parentId", "=", parentId)
    .orderBy("c.sortOrder")
    .orderBy("c.id")
    .execute();
}

/** Children of a unit, id and name, in the admin's order (the manager's exam page lists them). */
export function listChildNames(parentId: number): Promise<{ id: number; name: string }[]> {
  return db()
    .selectFrom("OrgUnit")
    .select(["id", "name"])
    .where("parentId", "=", parentId)
    .orderBy("sortOrder")
    .orderBy("id")
    .execute();
}

/** Every unit id in the subtree of `path` (the unit itself included): one range scan on the path index. */
export async function subtreeUnitIds(path: string): Promise<number[]> {
  const rows = await db()
    .selectFrom("OrgUnit")
    .select("id")
    .where("path", ">=", path)
    .where("path", "<", subtreeUpperBound(path))
    .execute();
  return rows.map((r) => r.id);
}

export async function createUnit(
  actor: Actor,
  ip: string | null,
  parentId: number,
  input: { name: string; code: string; kind: UnitKind },
) {
  const parent = await db()
    .selectFrom("OrgUnit")
    .select(["id", "path", "depth", "tier"])
    .where("id", "=", parentId)
    .executeTakeFirst();
  if (!parent) return { ok: false as const, formError: "上级单位不存在" };
  try {
    const id = await write(async (tx) => {
      const now = new Date();
      const created = await tx
        .insertInto("OrgUnit")
        .values({
          ...input,
          tier: tierFor(input.kind, parent.tier),
          depth: parent.depth + 1,
          parentId: parent.id,
          path: `pending:${input.code}`,
          updatedAt: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx
        .updateTable("OrgUnit")
        .set({ path: childPath(parent.path, created.id) })
        .where("id", "=", created.id)
        .execute();
      await audit(tx, {
        actor,
        action: "ORG_CREATE",
        objectType: "orgUnit",
        objectId: created.id,
        result: "SUCCESS",
        ip,
        detail: { code: input.code, parentId },
      });
      return created.id;
    });
    return { ok: true as const, id };
  } catch (error) {
    if (isUniqueViolation(error))
      return { ok: false as const, fieldErrors: { code: "该单位编码已存在" } };
    throw error;
  }
}

export async function renameUnit(actor: Actor, ip: string | null, id: number, name: string) {
  await write(async (tx) => {
    const before = await tx
      .selectFrom("OrgUnit")
      .select("name")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable("OrgUnit")
      .set({ name, updatedAt: new Date() })
      .where("id", "=", id)
      .execute();
    await audit(tx, {
      actor,
      action: "ORG_RENAME",
      objectType: "orgUnit",
      objectId: id,
      result: "SUCCESS",
      ip,
      detail: { from: before.name, to: name },
    });
  });
  return { ok: true as const };
}

/** Moves a unit and its whole subtree under another unit: the paths are rewritten in one statement. */
export async function moveUnit(actor: Actor, ip: string | null, id: number, parentCode: string) {
  const unit = await db()
    .selectFrom("OrgUnit")
    .select(["id", "path", "depth", "parentId", "kind"])
    .where("id", "=", id)
    .executeTakeFirst();
  const parent = await db()
    .selectFrom("OrgUnit")
    .select(["id", "path", "depth", "tier"])
    .where("code", "=", parentCode)
    .executeTakeFirst();
  if (!unit) return { ok: false as const, formError: "单位不存在" };
  if (!unit.parentId) return { ok: false as const, formError: "根单位不能移动" };
  if (!parent) return { ok: false as const, fieldErrors: { parentCode: "找不到该上级单位编码" } };
  if (parent.path.startsWith(unit.path))
    return { ok: false as const, fieldErrors: { parentCode: "不能移动到自身或其下级单位之下" } };
  if (parent.id === unit.parentId)
    return { ok: false as const, fieldErrors: { parentCode: "该单位已在此上级单位之下" } };
  const newPath = childPath(parent.path, unit.id);
  const depthDelta = parent.depth + 1 - unit.depth;
  await write(async (tx) => {
    await tx
      .updateTable("OrgUnit")
      .set((eb) => ({
        path: sql<string>`${newPath} || substr(${eb.ref("path")}, ${unit.path.length + 1})`,
        depth: eb("depth", "+", depthDelta),
      }))
      .where("path", ">=", unit.path)
      .where("path", "<", subtreeUpperBound(unit.path))
      .execute();
    await tx
      .updateTable("OrgUnit")
      .set({ parentId: parent.id, updatedAt: new Date() })
      .where("id", "=", unit.id)
      .execute();
    if (unit.kind === "DEPARTMENT") {
      // Departments take the tier of the unit they sit in.
      await tx
        .updateTable("OrgUnit")
        .set({ tier: parent.tier })
        .where("kind", "=", "DEPARTMENT")
        .where("path", ">=", newPath)
        .where("path", "<", subtreeUpperBound(newPath))
        .execute();
    }
    // Its people now sit under new ancestors: the notice of any assignment that covers them
    // there and has not reached them before (decision 0019).
    await noticeNewlyCovered(tx, { unitPath: newPath });
    await audit(tx, {
      actor,
      action: "ORG_MOVE",
      objectType: "orgUnit",
      objectId: unit.id,
      result: "SUCCESS",
      ip,
      detail: { fromParentId: unit.parentId, toParentId: parent.id },
    });
  });
  return { ok: true as const };
}

/** Deletes a unit only when it has no sub-units and no users. */
export async function deleteUnit(actor: Actor, ip: string | null, id: number) {
  const unit = await db()
    .selectFrom("OrgUnit as o")
    .select(["o.id", "o.parentId", "o.code"])
    .select((eb) => [
      eb
        .selectFrom("OrgUnit as g")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("g.parentId", "=", "o.id")
        .$asScalar()
        .as("children"),
      eb
        .selectFrom("User as u")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("u.orgUnitId", "=", "o.id")
        .$asScalar()
        .as("users"),
    ])
    .where("o.id", "=", id)
    .executeTakeFirst();
  if (!unit) return { ok: false as const, formError: "单位不存在" };
  if (!unit.parentId) return { ok: false as const, formError: "根单位不能删除" };
  if (unit.children > 0 || unit.users > 0) {
    return {
      ok: false as const,
      formError: `该单位下还有 ${unit.children} 个下级单位和 ${unit.users} 名人员，清空后才能删除`,
    };
  }
  await write(async (tx) => {
    await tx.deleteFrom("OrgUnit").where("id", "=", id).execute();
    await audit(tx, {
      actor,
      action: "ORG_DELETE",
      objectType: "orgUnit",
      objectId: id,
      result: "SUCCESS",
      ip,
      detail: { code: unit.code },
    });
  });
  return { ok: true as const, parentId: unit.parentId };
}

/** Units, staff and managers in a unit's subtree (a manager's home): kept until people or units change. */
export function subtreeStats(
  path: string,
): Promise<{ units: number; staff: number; managers: number }> {
  return keptForPeople(`subtree:${path}`, () => countSubtree(path));
}

function countSubtree(path: string): Promise<{ units: number; staff: number; managers: number }> {
  const hi = subtreeUpperBound(path);
  return db()
    .selectFrom("User as u")
    .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select((eb) => [
      eb
        .selectFrom("OrgUnit")
        .select((e) => e.fn.countAll<number>().as("n"))
        .where("path", ">=", path)
        .where("path", "<", hi)
        .$asScalar()
        .as("units"),
      eb.fn.count<number>(eb.case().when("u.role", "=", "STAFF").then(1).end()).as("staff"),
      eb.fn.count<number>(eb.case().when("u.role", "=", "MANAGER").then(1).end()).as("managers"),
    ])
    .where("o.path", ">=", path)
    .where("o.path", "<", hi)
    .executeTakeFirstOrThrow();
}

/** Units whose name or code contains the text, for the admin's search box. */
export function searchUnits(q: string) {
  return db()
    .selectFrom("OrgUnit")
    .select(["id", "code", "name", "kind"])
    .where((eb) => eb.or([containsText("name", q), containsText("code", q)]))
    .orderBy("path")
    .limit(50)
    .execute();
}
