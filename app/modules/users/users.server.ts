import { isLoginNameClash, loginNameTakenMessage, takenLoginNames } from "./login-names.server.ts";
import { writeAudit } from "#app/utils/audit-log.server.ts";
import { isUniqueViolation, prisma, type Db } from "#app/utils/db.server.ts";
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
  db: Db,
  actor: Actor,
  ip: string | null,
  target: { id?: number; role: string | undefined; newRole?: string },
): Promise<Fail | null> {
  if (target.role !== "AUDITOR" && target.newRole !== "AUDITOR") return null;
  await writeAudit(db, {
    actor,
    action: "PERMISSION_DENIED",
    objectType: "user",
    objectId: target.id,
    result: "DENIED",
    ip,
    detail: { reason: "auditor accounts are managed by command only" },
  });
  return { ok: false, formError: AUDITOR_OFF_LIMITS };
}

function roleOf(id: number): Promise<string | undefined> {
  return prisma.user.findUnique({ where: { id }, select: { role: true } }).then((u) => u?.role);
}

export const PAGE_SIZE = 20;

export async function listUsers(input: { q: string; role: string; page: number }) {
  const where = {
    ...(input.role ? { role: input.role } : {}),
    ...(input.q
      ? {
          OR: [
            { username: { contains: input.q } },
            { name: { contains: input.q } },
            { mobile: { contains: input.q } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      orderBy: { id: "asc" },
      skip: (input.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        username: true,
        name: true,
        role: true,
        disabled: true,
        lockedUntil: true,
        orgUnit: { select: { name: true } },
      },
    }),
  ]);
  return { total, rows, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export function getUserForAdmin(id: number) {
  return prisma.user.findUnique({
    where: { id },
    select: {
      id: true,
      username: true,
      name: true,
      mobile: true,
      role: true,
      disabled: true,
      mustChangePassword: true,
      lockedUntil: true,
      lastLoginAt: true,
      createdAt: true,
      orgUnit: { select: { id: true, code: true, name: true } },
    },
  });
}

async function resolveUnit(
  role: Role,
  code: string,
): Promise<{ ok: true; unitId: number | null } | Fail> {
  if (role !== "STAFF" && role !== "MANAGER") return { ok: true, unitId: null };
  const unit = await prisma.orgUnit.findUnique({ where: { code }, select: { id: true } });
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
  const refused = await auditorGuard(prisma, actor, ip, { role: undefined, newRole: input.role });
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
  const user = await prisma
    .$transaction(async (tx) => {
      const created = await tx.user.create({
        data: {
          username: input.username,
          name: input.name,
          role: input.role,
          mobile: input.mobile || null,
          orgUnitId: unit.unitId,
          passwordHash,
          mustChangePassword: true,
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        actor,
        action: "USER_CREATE",
        objectType: "user",
        objectId: created.id,
        result: "SUCCESS",
        ip,
        detail: { username: input.username, role: input.role, orgUnitId: unit.unitId },
      });
      return created;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error) || isLoginNameClash(error)) return null;
      throw error;
    });
  if (!user) return { ok: false as const, fieldErrors: { username: "该用户名或手机号已存在" } };
  return { ok: true as const, id: user.id, password };
}

export async function updateUser(actor: Actor, ip: string | null, id: number, input: UserInput) {
  if (id === actor.id)
    return { ok: false as const, formError: "不能修改自己的角色和单位，请由另一位系统管理员操作" };
  const refused = await auditorGuard(prisma, actor, ip, {
    id,
    role: await roleOf(id),
    newRole: input.role,
  });
  if (refused) return refused;
  const unit = await resolveUnit(input.role, input.orgUnitCode);
  if (!unit.ok) return unit;
  if (input.mobile && (await takenLoginNames([input.mobile], id)).size > 0)
    return { ok: false as const, fieldErrors: { mobile: loginNameTakenMessage("手机号") } };
  const done = await prisma
    .$transaction(async (tx) => {
      const before = await tx.user.findUniqueOrThrow({
        where: { id },
        select: { role: true, orgUnitId: true },
      });
      // Checked again inside the write: the role may have changed since the check above.
      if (before.role === "AUDITOR") return false;
      await tx.user.update({
        where: { id },
        data: {
          name: input.name,
          role: input.role,
          orgUnitId: unit.unitId,
          mobile: input.mobile || null,
        },
        select: { id: true },
      });
      // A new role or unit takes effect at once: the user signs in again.
      if (before.role !== input.role || before.orgUnitId !== unit.unitId)
        await tx.session.deleteMany({ where: { userId: id } });
      await writeAudit(tx, {
        actor,
        action: "USER_UPDATE",
        objectType: "user",
        objectId: id,
        result: "SUCCESS",
        ip,
        detail: { role: [before.role, input.role], orgUnitId: [before.orgUnitId, unit.unitId] },
      });
      return true;
    })
    .catch((error: unknown) => {
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
  const refused = await auditorGuard(prisma, actor, ip, { id, role: await roleOf(id) });
  if (refused) return refused;
  const done = await prisma.$transaction(async (tx) => {
    // The role condition makes the write itself refuse an AUDITOR, whatever changed meanwhile.
    const changed = await tx.user.updateMany({
      where: { id, role: { not: "AUDITOR" } },
      data: { disabled },
    });
    if (changed.count !== 1) return false;
    if (disabled) await tx.session.deleteMany({ where: { userId: id } });
    await writeAudit(tx, {
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
  const refused = await auditorGuard(prisma, actor, ip, { id, role: await roleOf(id) });
  if (refused) return refused;
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password);
  const done = await prisma.$transaction(async (tx) => {
    const changed = await tx.user.updateMany({
      where: { id, role: { not: "AUDITOR" } },
      data: {
        passwordHash,
        mustChangePassword: true,
        failedLoginCount: 0,
        lockedUntil: null,
        loginChecksPending: 0,
      },
    });
    if (changed.count !== 1) return false;
    await tx.session.deleteMany({ where: { userId: id } });
    await writeAudit(tx, {
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
