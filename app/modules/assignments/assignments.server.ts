import { writeAudit } from "#app/utils/audit-log.server.ts";
import { prisma, stmt } from "#app/utils/db.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { dueAtFor } from "./schemas.ts";
import { dropAssignmentPairs, populateAssignmentPairs } from "./pairs.server.ts";

type Actor = Pick<SessionUser, "id" | "username" | "role" | "orgUnitPath">;

/** The subtree a manager (or an admin, "/") works in. */
export function scopeOf(actor: Pick<SessionUser, "role" | "orgUnitPath">): string {
  return actor.role === "ADMIN" ? "/" : (actor.orgUnitPath ?? "/nowhere/");
}

const fieldError = (field: string, message: string) => ({
  ok: false as const,
  fieldErrors: { [field]: message } as Record<string, string>,
  formError: undefined,
});

const inScope = (path: string, scope: string) => scope === "/" || path.startsWith(scope);

type CreateInput = {
  title: string;
  note: string;
  dueDate: string;
  courseId: number[];
  unitCodes: string[];
  includeSubunits?: "on" | false;
  usernames: string[];
};

/**
 * Creates an assignment. Every unit and person must lie in the creator's subtree,
 * every course must exist and be meant for staff; otherwise nothing is written.
 */
export async function createAssignment(
  actor: Actor,
  ip: string | null,
  input: CreateInput,
  now = new Date(),
) {
  const scope = scopeOf(actor);
  const courses = await prisma.course.findMany({
    where: { id: { in: input.courseId }, active: true, audience: { in: ["STAFF", "ALL"] } },
    select: { id: true },
  });
  if (courses.length !== input.courseId.length)
    return fieldError("courseId", "所选课程不存在或不面向工作人员");
  const units = await prisma.orgUnit.findMany({
    where: { code: { in: input.unitCodes } },
    select: { id: true, code: true, path: true },
  });
  const missing = input.unitCodes.filter((c) => !units.some((u) => u.code === c));
  if (missing.length)
    return fieldError("unitCodes", `找不到单位编码：${missing.slice(0, 5).join("、")}`);
  if (units.some((u) => !inScope(u.path, scope)))
    return fieldError("unitCodes", "只能向本单位及下级单位布置任务");
  const users = await prisma.user.findMany({
    where: { username: { in: input.usernames }, role: "STAFF" },
    select: { id: true, username: true, orgUnit: { select: { path: true } } },
  });
  const unknown = input.usernames.filter((n) => !users.some((u) => u.username === n));
  if (unknown.length)
    return fieldError("usernames", `找不到工作人员：${unknown.slice(0, 5).join("、")}`);
  if (users.some((u) => !u.orgUnit || !inScope(u.orgUnit.path, scope)))
    return fieldError("usernames", "只能向本单位及下级单位的人员布置任务");
  const dueAt = dueAtFor(input.dueDate);
  if (dueAt.getTime() < now.getTime()) return fieldError("dueDate", "截止日期不能早于今天");
  const kind = input.includeSubunits ? "SUBTREE" : "UNIT";
  const assignment = await prisma.$transaction(async (tx) => {
    const created = await tx.assignment.create({
      data: {
        title: input.title,
        note: input.note,
        dueAt,
        createdById: actor.id,
        scopePath: scope,
        createdAt: now,
        courses: { create: courses.map((c) => ({ courseId: c.id })) },
        targets: {
          create: [
            ...units.map((u) => ({ kind, orgUnitId: u.id })),
            ...users.map((u) => ({ kind: "USER", userId: u.id })),
          ],
        },
      },
      select: { id: true },
    });
    await populateAssignmentPairs(tx, [created.id]);
    await writeAudit(tx, {
      actor,
      action: "ASSIGNMENT_CREATE",
      objectType: "assignment",
      objectId: created.id,
      result: "SUCCESS",
      ip,
      detail: { courses: input.courseId, units: input.unitCodes.length, users: users.length, kind },
    });
    return created;
  });
  return { ok: true as const, id: assignment.id };
}

/**
 * Assignments a manager may see: created in his subtree, or targeting a unit or
 * person in it, or a SUBTREE target above his unit. Admins see all.
 */
export function visibleAssignmentIds(actor: Pick<SessionUser, "role" | "orgUnitPath">): number[] {
  const scope = scopeOf(actor);
  if (scope === "/")
    return (stmt("SELECT id FROM Assignment ORDER BY id DESC").all() as { id: number }[]).map(
      (r) => r.id,
    );
  const hi = subtreeUpperBound(scope);
  return (
    stmt(
      `SELECT a.id FROM Assignment a WHERE (a.scopePath >= @lo AND a.scopePath < @hi)
           OR EXISTS (SELECT 1 FROM AssignmentTarget t JOIN OrgUnit tu ON tu.id = t.orgUnitId WHERE t.assignmentId = a.id
                AND ((tu.path >= @lo AND tu.path < @hi) OR (t.kind = 'SUBTREE' AND @lo >= tu.path AND @lo < substr(tu.path, 1, length(tu.path) - 1) || '0')))
           OR EXISTS (SELECT 1 FROM AssignmentTarget t JOIN User u ON u.id = t.userId JOIN OrgUnit o ON o.id = u.orgUnitId WHERE t.assignmentId = a.id AND o.path >= @lo AND o.path < @hi)
         ORDER BY a.id DESC`,
    ).all({ lo: scope, hi }) as { id: number }[]
  ).map((r) => r.id);
}

export function listAssignments(ids: number[]) {
  return prisma.assignment.findMany({
    where: { id: { in: ids } },
    orderBy: { id: "desc" },
    select: {
      id: true,
      title: true,
      dueAt: true,
      withdrawnAt: true,
      scopePath: true,
      createdAt: true,
      courses: { select: { course: { select: { title: true } } } },
    },
  });
}

/** One assignment, only if the actor may see it. */
export type AssignmentDetail = {
  id: number;
  title: string;
  note: string;
  dueAt: Date;
  withdrawnAt: Date | null;
  scopePath: string;
  createdAt: Date;
  courses: { course: { id: number; title: string; slug: string } }[];
  targets: {
    kind: string;
    orgUnit: { name: string; code: string } | null;
    user: { name: string; username: string } | null;
  }[];
};

/** The assignment with its courses and targets, when the actor may see it; three raw reads (every audit page asks). */
export async function getVisibleAssignment(
  actor: Pick<SessionUser, "role" | "orgUnitPath">,
  id: number,
): Promise<AssignmentDetail | null> {
  if (!visibleAssignmentIds(actor).includes(id)) return null;
  const row = stmt(
    "SELECT id, title, note, dueAt, withdrawnAt, scopePath, createdAt FROM Assignment WHERE id = ?",
  ).get(id) as
    | {
        id: number;
        title: string;
        note: string;
        dueAt: number;
        withdrawnAt: number | null;
        scopePath: string;
        createdAt: number;
      }
    | undefined;
  if (!row) return null;
  const courses = stmt(
    "SELECT c.id, c.title, c.slug FROM AssignmentCourse ac JOIN Course c ON c.id = ac.courseId WHERE ac.assignmentId = ? ORDER BY ac.rowid",
  ).all(id) as { id: number; title: string; slug: string }[];
  // Only the targets in the viewer's subtree (or a whole subtree above it, which covers his
  // people): an assignment can name units and people of several subtrees.
  const scope = scopeOf(actor);
  const targets = stmt(
    `SELECT t.kind, o.name AS unitName, o.code AS unitCode, u.name AS userName, u.username
       FROM AssignmentTarget t LEFT JOIN OrgUnit o ON o.id = t.orgUnitId LEFT JOIN User u ON u.id = t.userId
       LEFT JOIN OrgUnit uo ON uo.id = u.orgUnitId
      WHERE t.assignmentId = @id AND (@lo = '/'
         OR (o.path >= @lo AND o.path < @hi)
         OR (t.kind = 'SUBTREE' AND @lo >= o.path AND @lo < substr(o.path, 1, length(o.path) - 1) || '0')
         OR (uo.path >= @lo AND uo.path < @hi))
      ORDER BY t.rowid`,
  ).all({ id, lo: scope, hi: scope === "/" ? "/" : subtreeUpperBound(scope) }) as {
    kind: string;
    unitName: string | null;
    unitCode: string | null;
    userName: string | null;
    username: string | null;
  }[];
  return {
    ...row,
    dueAt: new Date(row.dueAt),
    withdrawnAt: row.withdrawnAt === null ? null : new Date(row.withdrawnAt),
    createdAt: new Date(row.createdAt),
    courses: courses.map((course) => ({ course })),
    targets: targets.map((t) => ({
      kind: t.kind,
      orgUnit:
        t.unitName !== null && t.unitCode !== null ? { name: t.unitName, code: t.unitCode } : null,
      user:
        t.userName !== null && t.username !== null
          ? { name: t.userName, username: t.username }
          : null,
    })),
  };
}

/** Only the creator's scope (or an admin) may change an assignment. */
export function canEdit(
  actor: Pick<SessionUser, "role" | "orgUnitPath">,
  assignment: { scopePath: string },
): boolean {
  return inScope(assignment.scopePath, scopeOf(actor));
}

export async function extendAssignment(
  actor: Actor,
  ip: string | null,
  id: number,
  dueDate: string,
) {
  const dueAt = dueAtFor(dueDate);
  const current = await prisma.assignment.findUniqueOrThrow({
    where: { id },
    select: { dueAt: true, withdrawnAt: true },
  });
  if (current.withdrawnAt)
    return {
      ok: false as const,
      formError: "任务已撤回，不能修改",
      fieldErrors: {} as Record<string, string>,
    };
  if (dueAt.getTime() <= current.dueAt.getTime())
    return fieldError("dueDate", "新的截止日期应晚于原截止日期");
  await prisma.$transaction(async (tx) => {
    await tx.assignment.update({ where: { id }, data: { dueAt }, select: { id: true } });
    await writeAudit(tx, {
      actor,
      action: "ASSIGNMENT_EXTEND",
      objectType: "assignment",
      objectId: id,
      result: "SUCCESS",
      ip,
      detail: { from: current.dueAt.toISOString(), to: dueAt.toISOString() },
    });
  });
  return { ok: true as const };
}

/** Withdrawn assignments are kept (and audited), but leave every count and the staff's list. */
export async function withdrawAssignment(
  actor: Actor,
  ip: string | null,
  id: number,
  now = new Date(),
) {
  const updated = await prisma.$transaction(async (tx) => {
    const r = await tx.assignment.updateMany({
      where: { id, withdrawnAt: null },
      data: { withdrawnAt: now, withdrawnById: actor.id },
    });
    if (r.count === 1) {
      await dropAssignmentPairs(tx, id);
      await writeAudit(tx, {
        actor,
        action: "ASSIGNMENT_WITHDRAW",
        objectType: "assignment",
        objectId: id,
        result: "SUCCESS",
        ip,
      });
    }
    return r.count;
  });
  return updated === 1 ? { ok: true as const } : { ok: false as const, formError: "任务已经撤回" };
}
