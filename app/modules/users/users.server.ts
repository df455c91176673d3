import { isLoginNameClash, loginNameTakenMessage, takenLoginNames } from "./login-names.server.ts";
import { sql, type Expression, type SqlBool } from "kysely";
import { db, isUniqueViolation, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { noticeNewlyCovered } from "#app/modules/assignments/notice.server.ts";
import { generateInitialPassword, hashPassword } from "#app/utils/password.server.ts";
import type { Role } from "#app/utils/roles.ts";
import type { SessionUser } from "#app/utils/session.server.ts";

type Actor = Pick<SessionUser, "id" | "username">;
type Fail = { ok: false; formError?: string; fieldErrors?: Record<string, string> };

/** 三员分立 (decision 0012): no web role creates, edits, resets, disables or grants an AUDITOR. */
export const AUDITOR_OFF_LIMITS =
  "审计管理员账号不能由系统管理员创建、修改、重置密码、停用或授予，只能由服务器运维人员在服务器上用命令行管理（三员分立）";

/** Refuses, with an audit row, when the target account is or would become an AUDITOR. */
async function auditorGuard(
  actor: Actor,
  ip: string | null,
  target: { id?: number; role: string | undefined; newRole?: string },
): Promise<Fail | null> {
  if (target.role !== "AUDITOR" && target.newRole !== "AUDITOR") return null;
  await write((tx) =>
    audit(tx, {
      actor,
      action: "PERMISSION_DENIED",
      objectType: "user",
      objectId: target.id,
      result: "DENIED",
      ip,
      detail: { reason: "auditor accounts are managed by command only" },
    }),
  );
  return { ok: false, formError: AUDITOR_OFF_LIMITS };
}

async function roleOf(id: number): Promise<string | undefined> {
  const u = await db().selectFrom("User").select("role").where("id", "=", id).executeTakeFirst();
  return u?.role;
}

export const PAGE_SIZE = 20;

/** `column` contains `text` literally (LIKE with %, _ and the backslash escaped; portable SQL). */
function contains(column: Expression<string | null>, text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`${column} LIKE ${pattern} ESCAPE '\\'`;
}

export async function listUsers(input: { q: string; role: string; page: number }) {
  let where = db().selectFrom("User as u");
  if (input.role) where = where.where("u.role", "=", input.role);
  if (input.q)
    where = where.where((eb) =>
      eb.or([
        contains(eb.ref("u.username"), input.q),
        contains(eb.ref("u.name"), input.q),
        contains(eb.ref("u.mobile"), input.q),
      ]),
    );
  const [count, rows] = await Promise.all([
    where.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
    where
      .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
      .select([
        "u.id",
        "u.username",
        "u.name",
        "u.role",
        "u.disabled",
        "u.lockedUntil",
        "o.name as unitName",
      ])
      .orderBy("u.id")
      .limit(PAGE_SIZE)
      .offset((input.page - 1) * PAGE_SIZE)
      .execute(),
  ]);
  const total = count.total;
  return {
    total,
    rows: rows.map(({ unitName, ...u }) => ({
      ...u,
      orgUnit: unitName === null ? null : { name: unitName },
    })),
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

export async function getUserForAdmin(id: number) {
  const row = await db()
    .selectFrom("User as u")
    .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select([
      "u.id",
      "u.username",
      "u.name",
      "u.mobile",
      "u.role",
      "u.disabled",
      "u.mustChangePassword",
      "u.lockedUntil",
      "u.lastLoginAt",
      "u.createdAt",
      "o.id as unitId",
      "o.code as unitCode",
      "o.name as unitName",
    ])
    .where("u.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const { unitId, unitCode, unitName, ...user } = row;
  return {
    ...user,
    orgUnit:
      unitId !== null && unitCode !== null && unitName !== null
        ? { id: unitId, code: unitCode, name: unitName }
        : null,
  };
}

async function resolveUnit(
  role: Role,
  code: string,
): Promise<{ ok: true; unitId: number | null } | Fail> {
  if (role !== "STAFF" && role !== "MANAGER") return { ok: true, unitId: null };
  const unit = await db()
    .selectFrom("OrgUnit")
    .select("id")
    .where("code", "=", code)
    .executeTakeFirst();
  if (!unit) return { ok: false, fieldErrors: { orgUnitCode: "找不到该单位编码" } };
  return { ok: true, unitId: unit.id };
}

type UserInput = { name: string; role: Role; orgUnitCode: string; mobile: string };

/** Creates an account with a random initial password, returned once and never stored in clear. */
export async function createUser(
  actor: Actor,
  ip: string | null,
  input: UserInput & { username: string },
) {
  const refused = await auditorGuard(actor, ip, { role: undefined, newRole: input.role });
  if (refused) return { ...refused, fieldErrors: { role: AUDITOR_OFF_LIMITS } };
  const unit = await resolveUnit(input.role, input.orgUnitCode);
  if (!unit.ok) return unit;
  // One login namespace: username and mobile may be no other user's username or mobile.
  const taken = await takenLoginNames([input.username, input.mobile]);
  if (taken.has(input.username))
    return { ok: false as const, fieldErrors: { username: loginNameTakenMessage("用户名") } };
  if (input.mobile && taken.has(input.mobile))
    return { ok: false as const, fieldErrors: { mobile: loginNameTakenMessage("手机号") } };
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password);
  const now = new Date();
  const user = await write(async (tx) => {
    const created = await tx
      .insertInto("User")
      .values({
        username: input.username,
        name: input.name,
        role: input.role,
        mobile: input.mobile || null,
        orgUnitId: unit.unitId,
        passwordHash,
        mustChangePassword: true,
        createdAt: now,
        updatedAt: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Created in a covered unit: the notice of each live assignment (decision 0019).
    await noticeNewlyCovered(tx, { userIds: [created.id] }, now);
    await audit(tx, {
      actor,
      action: "USER_CREATE",
      objectType: "user",
      objectId: created.id,
      result: "SUCCESS",
      ip,
      detail: { username: input.username, role: input.role, orgUnitId: unit.unitId },
    });
    return created;
  }).catch((error: unknown) => {
    if (isUniqueViolation(error) || isLoginNameClash(error)) return null;
    throw error;
  });
  if (!user) return { ok: false as const, fieldErrors: { username: "该用户名或手机号已存在" } };
  return { ok: true as const, id: user.id, password };
}

export async function updateUser(actor: Actor, ip: string | null, id: number, input: UserInput) {
  if (id === actor.id)
    return { ok: false as const, formError: "不能修改自己的角色和单位，请由另一位系统管理员操作" };
  const refused = await auditorGuard(actor, ip, {
    id,
    role: await roleOf(id),
    newRole: input.role,
  });
  if (refused) return refused;
  const unit = await resolveUnit(input.role, input.orgUnitCode);
  if (!unit.ok) return unit;
  if (input.mobile && (await takenLoginNames([input.mobile], id)).size > 0)
    return { ok: false as const, fieldErrors: { mobile: loginNameTakenMessage("手机号") } };
  const done = await write(async (tx) => {
    const before = await tx
      .selectFrom("User")
      .select(["role", "orgUnitId"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    // Checked again inside the write: the role may have changed since the check above.
    if (before.role === "AUDITOR") return false;
    await tx
      .updateTable("User")
      .set({
        name: input.name,
        role: input.role,
        orgUnitId: unit.unitId,
        mobile: input.mobile || null,
        updatedAt: new Date(),
      })
      .where("id", "=", id)
      .execute();
    // A new role or unit takes effect at once: the user signs in again.
    if (before.role !== input.role || before.orgUnitId !== unit.unitId) {
      await tx.deleteFrom("Session").where("userId", "=", id).execute();
      // Moved into a covered unit (or made staff): the notice, once (decision 0019).
      await noticeNewlyCovered(tx, { userIds: [id] });
    }
    await audit(tx, {
      actor,
      action: "USER_UPDATE",
      objectType: "user",
      objectId: id,
      result: "SUCCESS",
      ip,
      detail: { role: [before.role, input.role], orgUnitId: [before.orgUnitId, unit.unitId] },
    });
    return true;
  }).catch((error: unknown) => {
    if (isLoginNameClash(error)) return "taken" as const;
    throw error;
  });
  if (done === "taken")
    return { ok: false as const, fieldErrors: { mobile: loginNameTakenMessage("手机号") } };
  if (!done) return { ok: false as const, formError: AUDITOR_OFF_LIMITS };
  return { ok: true as const };
}

export async function setUserDisabled(
  actor: Actor,
  ip: string | null,
  id: number,
  disabled: boolean,
) {
  if (id === actor.id) return { ok: false as const, formError: "不能停用自己的账号" };
  const refused = await auditorGuard(actor, ip, { id, role: await roleOf(id) });
  if (refused) return refused;
  const done = await write(async (tx) => {
    // The role condition makes the write itself refuse an AUDITOR, whatever changed meanwhile.
    const changed = await tx
      .updateTable("User")
      .set({ disabled, updatedAt: new Date() })
      .where("id", "=", id)
      .where("role", "!=", "AUDITOR")
      .executeTakeFirst();
    if (changed.numUpdatedRows !== 1n) return false;
    if (disabled) await tx.deleteFrom("Session").where("userId", "=", id).execute();
    else await noticeNewlyCovered(tx, { userIds: [id] });
    await audit(tx, {
      actor,
      action: disabled ? "USER_DISABLE" : "USER_ENABLE",
      objectType: "user",
      objectId: id,
      result: "SUCCESS",
      ip,
    });
    return true;
  });
  if (!done) return { ok: false as const, formError: AUDITOR_OFF_LIMITS };
  return { ok: true as const };
}

/** A new random password that must be changed at the next login; unlocks the account and ends its sessions. */
export async function resetUserPassword(
  actor: Actor,
  ip: string | null,
  id: number,
): Promise<{ ok: true; password: string } | Fail> {
  const refused = await auditorGuard(actor, ip, { id, role: await roleOf(id) });
  if (refused) return refused;
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password);
  const done = await write(async (tx) => {
    const changed = await tx
      .updateTable("User")
      .set({
        passwordHash,
        mustChangePassword: true,
        failedLoginCount: 0,
        lockedUntil: null,
        loginChecksPending: 0,
        updatedAt: new Date(),
      })
      .where("id", "=", id)
      .where("role", "!=", "AUDITOR")
      .executeTakeFirst();
    if (changed.numUpdatedRows !== 1n) return false;
    await tx.deleteFrom("Session").where("userId", "=", id).execute();
    await audit(tx, {
      actor,
      action: "USER_PASSWORD_RESET",
      objectType: "user",
      objectId: id,
      result: "SUCCESS",
      ip,
    });
    return true;
  });
  if (!done) return { ok: false, formError: AUDITOR_OFF_LIMITS };
  return { ok: true, password };
}
