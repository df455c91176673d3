import { writeAudit } from "#app/utils/audit-log.server.ts";
import { keptForPeople } from "./people-version.server.ts";
import { isUniqueViolation, prisma, stmt } from "#app/utils/db.server.ts";
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

// Every manager and admin page looks its unit up on each request: raw reads on the reader
// connection (decision 0003), not Prisma queries.
const UNIT_COLUMNS = "id, code, name, kind, tier, depth, path, parentId";

export function getUnit(id: number): Unit | null {
  return (
    (stmt(`SELECT ${UNIT_COLUMNS} FROM OrgUnit WHERE id = ?`).get(id) as Unit | undefined) ?? null
  );
}

export function getRootUnit(): Unit | null {
  return (
    (stmt(
      `SELECT ${UNIT_COLUMNS} FROM OrgUnit WHERE parentId IS NULL ORDER BY id LIMIT 1`,
    ).get() as Unit | undefined) ?? null
  );
}

/** Ancestors from the root down to (and including) the unit: one query on the ids in its path. */
export function getBreadcrumbs(path: string): { id: number; name: string }[] {
  const ids = pathIds(path);
  const units = stmt(
    "SELECT o.id, o.name FROM json_each(?) j JOIN OrgUnit o ON o.id = j.value",
  ).all(JSON.stringify(ids)) as { id: number; name: string }[];
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
export function listChildren(parentId: number): ChildRow[] {
  return stmt(
    `SELECT c.id, c.code, c.name, c.kind, c.tier,
         (SELECT COUNT(*) FROM OrgUnit g WHERE g.parentId = c.id) AS childCount,
         (SELECT COUNT(*) FROM User u WHERE u.orgUnitId = c.id) AS userCount,
         (SELECT COUNT(*) FROM User u JOIN OrgUnit s ON s.id = u.orgUnitId
            WHERE s.path >= c.path AND s.path < substr(c.path, 1, length(c.path) - 1) || '0') AS subtreeUserCount
       FROM OrgUnit c WHERE c.parentId = ? ORDER BY c.sortOrder, c.id`,
  ).all(parentId) as ChildRow[];
}

/** Every unit id in the subtree of `path` (the unit itself included): one range scan on the path index. */
export function subtreeUnitIds(path: string): number[] {
  return (
    stmt("SELECT id FROM OrgUnit WHERE path >= ? AND path < ?").all(
      path,
      subtreeUpperBound(path),
    ) as { id: number }[]
  ).map((r) => r.id);
}

export async function createUnit(
  actor: Actor,
  ip: string | null,
  parentId: number,
  input: { name: string; code: string; kind: UnitKind },
) {
  const parent = await prisma.orgUnit.findUnique({
    where: { id: parentId },
    select: { id: true, path: true, depth: true, tier: true },
  });
  if (!parent) return { ok: false as const, formError: "上级单位不存在" };
  try {
    const unit = await prisma.$transaction(async (tx) => {
      const created = await tx.orgUnit.create({
        data: {
          ...input,
          tier: tierFor(input.kind, parent.tier),
          depth: parent.depth + 1,
          parentId: parent.id,
          path: `pending:${input.code}`,
        },
        select: { id: true },
      });
      await tx.orgUnit.update({
        where: { id: created.id },
        data: { path: childPath(parent.path, created.id) },
        select: { id: true },
      });
      await writeAudit(tx, {
        actor,
        action: "ORG_CREATE",
        objectType: "orgUnit",
        objectId: created.id,
        result: "SUCCESS",
        ip,
        detail: { code: input.code, parentId },
      });
      return created;
    });
    return { ok: true as const, id: unit.id };
  } catch (error) {
    if (isUniqueViolation(error))
      return { ok: false as const, fieldErrors: { code: "该单位编码已存在" } };
    throw error;
  }
}

export async function renameUnit(actor: Actor, ip: string | null, id: number, name: string) {
  await prisma.$transaction(async (tx) => {
    const before = await tx.orgUnit.findUniqueOrThrow({ where: { id }, select: { name: true } });
    await tx.orgUnit.update({ where: { id }, data: { name }, select: { id: true } });
    await writeAudit(tx, {
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
  const unit = await prisma.orgUnit.findUnique({
    where: { id },
    select: { id: true, path: true, depth: true, parentId: true, kind: true },
  });
  const parent = await prisma.orgUnit.findUnique({
    where: { code: parentCode },
    select: { id: true, path: true, depth: true, tier: true },
  });
  if (!unit) return { ok: false as const, formError: "单位不存在" };
  if (!unit.parentId) return { ok: false as const, formError: "根单位不能移动" };
  if (!parent) return { ok: false as const, fieldErrors: { parentCode: "找不到该上级单位编码" } };
  if (parent.path.startsWith(unit.path))
    return { ok: false as const, fieldErrors: { parentCode: "不能移动到自身或其下级单位之下" } };
  if (parent.id === unit.parentId)
    return { ok: false as const, fieldErrors: { parentCode: "该单位已在此上级单位之下" } };
  const newPath = childPath(parent.path, unit.id);
  const depthDelta = parent.depth + 1 - unit.depth;
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`UPDATE OrgUnit SET path = ${newPath} || substr(path, ${unit.path.length + 1}), depth = depth + ${depthDelta}
      WHERE path >= ${unit.path} AND path < ${subtreeUpperBound(unit.path)}`;
    await tx.orgUnit.update({
      where: { id: unit.id },
      data: { parentId: parent.id },
      select: { id: true },
    });
    if (unit.kind === "DEPARTMENT") {
      // Departments take the tier of the unit they sit in.
      await tx.$executeRaw`UPDATE OrgUnit SET tier = ${parent.tier} WHERE kind = 'DEPARTMENT' AND path >= ${newPath} AND path < ${subtreeUpperBound(newPath)}`;
    }
    await writeAudit(tx, {
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
  const unit = await prisma.orgUnit.findUnique({
    where: { id },
    select: {
      id: true,
      parentId: true,
      code: true,
      _count: { select: { children: true, users: true } },
    },
  });
  if (!unit) return { ok: false as const, formError: "单位不存在" };
  if (!unit.parentId) return { ok: false as const, formError: "根单位不能删除" };
  if (unit._count.children > 0 || unit._count.users > 0) {
    return {
      ok: false as const,
      formError: `该单位下还有 ${unit._count.children} 个下级单位和 ${unit._count.users} 名人员，清空后才能删除`,
    };
  }
  await prisma.$transaction(async (tx) => {
    await tx.orgUnit.delete({ where: { id } });
    await writeAudit(tx, {
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

/** Units and people in a subtree, for a manager's home: one SQL statement on the path index. */
/** Units, staff and managers in a unit's subtree (a manager's home): kept until people or units change. */
export function subtreeStats(
  path: string,
): Promise<{ units: number; staff: number; managers: number }> {
  return keptForPeople(`subtree:${path}`, () => countSubtree(path));
}

function countSubtree(path: string): { units: number; staff: number; managers: number } {
  return stmt(
    `SELECT (SELECT COUNT(*) FROM OrgUnit WHERE path >= @lo AND path < @hi) AS units,
              COUNT(CASE WHEN u.role = 'STAFF' THEN 1 END) AS staff,
              COUNT(CASE WHEN u.role = 'MANAGER' THEN 1 END) AS managers
       FROM User u JOIN OrgUnit o ON o.id = u.orgUnitId WHERE o.path >= @lo AND o.path < @hi`,
  ).get({ lo: path, hi: subtreeUpperBound(path) }) as {
    units: number;
    staff: number;
    managers: number;
  };
}

/** Units whose name or code contains the text, for the admin's search box. */
export function searchUnits(q: string) {
  return prisma.orgUnit.findMany({
    where: { OR: [{ name: { contains: q } }, { code: { contains: q } }] },
    orderBy: { path: "asc" },
    take: 50,
    select: { id: true, code: true, name: true, kind: true },
  });
}
