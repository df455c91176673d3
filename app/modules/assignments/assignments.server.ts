import { sql, type SqlBool } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { dueAtFor } from "./schemas.ts";
import { dropAssignmentPairs } from "./pairs.server.ts";

// Creating one lives in its own module (the pickers' checks, the notices); its callers import it here.
export { createAssignment } from "./create.server.ts";

type Actor = Pick<SessionUser, "id" | "username" | "role" | "orgUnitPath">;

/** The subtree a manager (or an admin, "/") works in. */
export function scopeOf(actor: Pick<SessionUser, "role" | "orgUnitPath">): string {
  return actor.role === "ADMIN" ? "/" : (actor.orgUnitPath ?? "/nowhere/");
}

export const fieldError = (field: string, message: string) => ({
  ok: false as const,
  fieldErrors: { [field]: message } as Record<string, string>,
  formError: undefined,
});

export const inScope = (path: string, scope: string) => scope === "/" || path.startsWith(scope);

/** The courses an assignment may hold: active and meant for staff, in catalogue order. */
export function staffCourses() {
  return db()
    .selectFrom("Course")
    .select(["id", "title", "creditHours"])
    .where("active", "=", true)
    .where("audience", "in", ["STAFF", "ALL"])
    .orderBy("sortOrder")
    .orderBy("id")
    .execute();
}

/**
 * Assignments a manager may see: created in his subtree, or targeting a unit or
 * person in it, or a SUBTREE target above his unit. Admins see all. Newest first.
 */
export async function visibleAssignmentIds(
  actor: Pick<SessionUser, "role" | "orgUnitPath">,
): Promise<number[]> {
  const scope = scopeOf(actor);
  const rows =
    scope === "/"
      ? await allAssignments.rows(db())
      : await assignmentsInScope.rows(db(), scope, subtreeUpperBound(scope));
  return rows.map((r) => r.id);
}

// Every manager page asks (decision 0010 item 4): built and compiled once.
const allAssignments = compiled(0, (q) =>
  q.selectFrom("Assignment").select("id").orderBy("id", "desc"),
);
const assignmentsInScope = compiled(2, (q, scope: string, hi: string) =>
  q
    .selectFrom("Assignment as a")
    .select("a.id")
    .where((eb) =>
      eb.or([
        eb.and([eb("a.scopePath", ">=", scope), eb("a.scopePath", "<", hi)]),
        eb.exists(
          eb
            .selectFrom("AssignmentTarget as t")
            .innerJoin("OrgUnit as tu", "tu.id", "t.orgUnitId")
            .select(sql.lit(1).as("one"))
            .whereRef("t.assignmentId", "=", "a.id")
            .where((w) =>
              w.or([
                w.and([w("tu.path", ">=", scope), w("tu.path", "<", hi)]),
                w.and([w("t.kind", "=", "SUBTREE"), aboveScope(scope, "tu.path")]),
              ]),
            ),
        ),
        eb.exists(
          eb
            .selectFrom("AssignmentTarget as t")
            .innerJoin("User as u", "u.id", "t.userId")
            .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
            .select(sql.lit(1).as("one"))
            .whereRef("t.assignmentId", "=", "a.id")
            .where("o.path", ">=", scope)
            .where("o.path", "<", hi),
        ),
      ]),
    )
    .orderBy("a.id", "desc"),
);

/** The unit path `column` is the scope's own unit or one above it (its subtree holds the scope). */
const aboveScope = (scope: string, column: "tu.path" | "o.path") =>
  sql<SqlBool>`(${scope} >= ${sql.ref(column)} AND ${scope} < substr(${sql.ref(column)}, 1, length(${sql.ref(column)}) - 1) || '0')`;

export async function listAssignments(ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db()
    .selectFrom("Assignment")
    .select(["id", "title", "dueAt", "withdrawnAt", "scopePath", "createdAt"])
    .where("id", "in", ids)
    .orderBy("id", "desc")
    .execute();
  const titles = await db()
    .selectFrom("AssignmentCourse as ac")
    .innerJoin("Course as c", "c.id", "ac.courseId")
    .select(["ac.assignmentId", "c.title"])
    .where("ac.assignmentId", "in", ids)
    .orderBy("ac.assignmentId")
    .orderBy("ac.courseId")
    .execute();
  return rows.map((a) => ({
    ...a,
    courses: titles
      .filter((t) => t.assignmentId === a.id)
      .map((t) => ({ course: { title: t.title } })),
  }));
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

/** The assignment with its courses and targets, when the actor may see it (every audit page asks). */
export async function getVisibleAssignment(
  actor: Pick<SessionUser, "role" | "orgUnitPath">,
  id: number,
): Promise<AssignmentDetail | null> {
  if (!(await visibleAssignmentIds(actor)).includes(id)) return null;
  const row = await db()
    .selectFrom("Assignment")
    .select(["id", "title", "note", "dueAt", "withdrawnAt", "scopePath", "createdAt"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  // In the order they were added (the courses in id order, as createAssignment adds them).
  const courses = await db()
    .selectFrom("AssignmentCourse as ac")
    .innerJoin("Course as c", "c.id", "ac.courseId")
    .select(["c.id", "c.title", "c.slug"])
    .where("ac.assignmentId", "=", id)
    .orderBy("c.id")
    .execute();
  // Only the targets in the viewer's subtree (or a whole subtree above it, which covers his
  // people): an assignment can name units and people of several subtrees.
  const scope = scopeOf(actor);
  const hi = scope === "/" ? "/" : subtreeUpperBound(scope);
  let targets = db()
    .selectFrom("AssignmentTarget as t")
    .leftJoin("OrgUnit as o", "o.id", "t.orgUnitId")
    .leftJoin("User as u", "u.id", "t.userId")
    .leftJoin("OrgUnit as uo", "uo.id", "u.orgUnitId")
    .select([
      "t.kind",
      "o.name as unitName",
      "o.code as unitCode",
      "u.name as userName",
      "u.username",
    ])
    .where("t.assignmentId", "=", id)
    .orderBy("t.id");
  if (scope !== "/")
    targets = targets.where((eb) =>
      eb.or([
        eb.and([eb("o.path", ">=", scope), eb("o.path", "<", hi)]),
        eb.and([eb("t.kind", "=", "SUBTREE"), aboveScope(scope, "o.path")]),
        eb.and([eb("uo.path", ">=", scope), eb("uo.path", "<", hi)]),
      ]),
    );
  return {
    ...row,
    courses: courses.map((course) => ({ course })),
    targets: (await targets.execute()).map((t) => ({
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
  return write(async (tx) => {
    const current = await tx
      .selectFrom("Assignment")
      .select(["dueAt", "withdrawnAt"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    if (current.withdrawnAt)
      return {
        ok: false as const,
        formError: "任务已撤回，不能修改",
        fieldErrors: {} as Record<string, string>,
      };
    if (dueAt.getTime() <= current.dueAt.getTime())
      return fieldError("dueDate", "新的截止日期应晚于原截止日期");
    await tx.updateTable("Assignment").set({ dueAt }).where("id", "=", id).execute();
    await audit(tx, {
      actor,
      action: "ASSIGNMENT_EXTEND",
      objectType: "assignment",
      objectId: id,
      result: "SUCCESS",
      ip,
      detail: { from: current.dueAt.toISOString(), to: dueAt.toISOString() },
    });
    return { ok: true as const };
  });
}

/** Withdrawn assignments are kept (and audited), but leave every count and the staff's list. */
export async function withdrawAssignment(
  actor: Actor,
  ip: string | null,
  id: number,
  now = new Date(),
) {
  const withdrawn = await write(async (tx) => {
    const r = await tx
      .updateTable("Assignment")
      .set({ withdrawnAt: now, withdrawnById: actor.id })
      .where("id", "=", id)
      .where("withdrawnAt", "is", null)
      .executeTakeFirst();
    if (r.numUpdatedRows !== 1n) return false;
    await dropAssignmentPairs(tx, id);
    await audit(tx, {
      actor,
      action: "ASSIGNMENT_WITHDRAW",
      objectType: "assignment",
      objectId: id,
      result: "SUCCESS",
      ip,
    });
    return true;
  });
  return withdrawn ? { ok: true as const } : { ok: false as const, formError: "任务已经撤回" };
}
