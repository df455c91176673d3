import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { staffByIds, unitsByIds } from "#app/modules/org/tree.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { fieldError, inScope, scopeOf } from "./assignments.server.ts";
import { noticeNewlyCovered } from "./notice.server.ts";
import { populateAssignmentPairs } from "./pairs.server.ts";
import { dueAtFor } from "./schemas.ts";

type Actor = Pick<SessionUser, "id" | "username" | "role" | "orgUnitPath">;

type CreateInput = {
  title: string;
  note: string;
  dueDate: string;
  courseId: number[];
  unitCodes: string[];
  includeSubunits?: "on" | false;
  usernames: string[];
  /** The unit tree picker: units alone, and units with everything below them. */
  unitId?: number[];
  subtreeId?: number[];
  /** The people picker. */
  userId?: number[];
};

type Refusal = {
  ok: false;
  status: 400 | 403;
  fieldErrors: Record<string, string>;
  formError: string | undefined;
};
const refuse = (status: 400 | 403, field: string, message: string): Refusal => ({
  ...fieldError(field, message),
  status,
  formError: status === 403 ? message : undefined,
});

/** A choice outside the actor's subtree: 403, and a DENIED audit row naming what was asked. */
async function outOfScope(actor: Actor, ip: string | null, field: string, ids: number[]) {
  const message =
    field === "users" ? "只能向本单位及下级单位的人员布置任务" : "只能向本单位及下级单位布置任务";
  await write((tx) =>
    audit(tx, {
      actor,
      action: "PERMISSION_DENIED",
      objectType: "assignment",
      result: "DENIED",
      ip,
      detail: { reason: `${field} outside scope`, ids: ids.slice(0, 20) },
    }),
  );
  return refuse(403, field, message);
}

/**
 * Creates an assignment. Every unit and person must lie in the creator's subtree (403 and an
 * audit row otherwise), every course must exist and be meant for staff (400); otherwise
 * nothing is written. Everyone it covers gets an in-app notice in the same transaction.
 */
export async function createAssignment(
  actor: Actor,
  ip: string | null,
  input: CreateInput,
  now = new Date(),
): Promise<{ ok: true; id: number } | Refusal> {
  const scope = scopeOf(actor);
  const courses = await db()
    .selectFrom("Course")
    .select("id")
    .where("id", "in", input.courseId)
    .where("active", "=", true)
    .where("audience", "in", ["STAFF", "ALL"])
    .orderBy("id")
    .execute();
  if (courses.length !== input.courseId.length)
    return refuse(400, "courseId", "所选课程不存在或不面向工作人员");
  const units = input.unitCodes.length
    ? await db()
        .selectFrom("OrgUnit")
        .select(["id", "code", "path"])
        .where("code", "in", input.unitCodes)
        .orderBy("id")
        .execute()
    : [];
  const missing = input.unitCodes.filter((c) => !units.some((u) => u.code === c));
  if (missing.length)
    return refuse(400, "unitCodes", `找不到单位编码：${missing.slice(0, 5).join("、")}`);
  if (units.some((u) => !inScope(u.path, scope)))
    return refuse(400, "unitCodes", "只能向本单位及下级单位布置任务");
  // The pickers' ids: each must exist (a forged id is a 400) and lie in scope (403).
  const unitIds = input.unitId ?? [];
  const subtreeIds = (input.subtreeId ?? []).filter((id) => !unitIds.includes(id));
  const picked = await unitsByIds([...unitIds, ...subtreeIds]);
  if (picked.length !== unitIds.length + subtreeIds.length)
    return refuse(400, "units", "所选单位不存在，请刷新页面后重新选择");
  const outside = picked.filter((u) => !inScope(u.path, scope));
  if (outside.length)
    return outOfScope(
      actor,
      ip,
      "units",
      outside.map((u) => u.id),
    );
  const users = input.usernames.length
    ? await db()
        .selectFrom("User as u")
        .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
        .select(["u.id", "u.username", "o.path"])
        .where("u.username", "in", input.usernames)
        .where("u.role", "=", "STAFF")
        .orderBy("u.id")
        .execute()
    : [];
  const unknown = input.usernames.filter((n) => !users.some((u) => u.username === n));
  if (unknown.length)
    return refuse(400, "usernames", `找不到工作人员：${unknown.slice(0, 5).join("、")}`);
  if (users.some((u) => u.path === null || !inScope(u.path, scope)))
    return refuse(400, "usernames", "只能向本单位及下级单位的人员布置任务");
  const userIds = (input.userId ?? []).filter((id) => !users.some((u) => u.id === id));
  const people = await staffByIds(userIds);
  if (people.length !== userIds.length || people.some((p) => p.role !== "STAFF"))
    return refuse(400, "users", "所选人员不存在或不是工作人员，请重新选择");
  const strangers = people.filter((p) => p.path === null || !inScope(p.path, scope));
  if (strangers.length)
    return outOfScope(
      actor,
      ip,
      "users",
      strangers.map((p) => p.id),
    );
  const dueAt = dueAtFor(input.dueDate);
  if (dueAt.getTime() < now.getTime()) return refuse(400, "dueDate", "截止日期不能早于今天");
  const kind = input.includeSubunits ? "SUBTREE" : "UNIT";
  const targets = (assignmentId: number) => [
    ...units.map((u) => ({ assignmentId, kind, orgUnitId: u.id })),
    ...picked.map((u) => ({
      assignmentId,
      kind: unitIds.includes(u.id) ? "UNIT" : "SUBTREE",
      orgUnitId: u.id,
    })),
    ...users.map((u) => ({ assignmentId, kind: "USER", userId: u.id })),
    ...people.map((p) => ({ assignmentId, kind: "USER", userId: p.id })),
  ];
  const id = await write(async (tx) => {
    const created = await tx
      .insertInto("Assignment")
      .values({
        title: input.title,
        note: input.note,
        dueAt,
        createdById: actor.id,
        scopePath: scope,
        createdAt: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("AssignmentCourse")
      .values(courses.map((c) => ({ assignmentId: created.id, courseId: c.id })))
      .execute();
    await tx.insertInto("AssignmentTarget").values(targets(created.id)).execute();
    await populateAssignmentPairs(tx, [created.id]);
    // Everyone it covers gets the notice (and is recorded as told: decision 0019).
    await noticeNewlyCovered(tx, { assignmentId: created.id }, now);
    await audit(tx, {
      actor,
      action: "ASSIGNMENT_CREATE",
      objectType: "assignment",
      objectId: created.id,
      result: "SUCCESS",
      ip,
      detail: {
        courses: input.courseId,
        units: input.unitCodes.length + picked.length,
        users: users.length + people.length,
        kind,
      },
    });
    return created.id;
  });
  return { ok: true as const, id };
}
