import { writeAudit } from "#app/utils/audit-log.server.ts";
import { isUniqueViolation, prisma } from "#app/utils/db.server.ts";
import { generateInitialPassword, hashPassword } from "#app/utils/password.server.ts";
import type { Role } from "#app/utils/roles.ts";
import type { SessionUser } from "#app/utils/session.server.ts";

type Actor = Pick<SessionUser, "id" | "username">;
type Fail = { ok: false; formError?: string; fieldErrors?: Record<string, string> };

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
  const unit = await resolveUnit(input.role, input.orgUnitCode);
  if (!unit.ok) return unit;
  const clash = await prisma.user.findFirst({
    where: {
      OR: [
        { username: input.username },
        ...(input.mobile ? [{ mobile: input.mobile }, { username: input.mobile }] : []),
        { mobile: input.username },
      ],
    },
    select: { username: true },
  });
  if (clash) {
    const field = clash.username === input.username ? "username" : "mobile";
    return {
      ok: false as const,
      fieldErrors: { [field]: field === "username" ? "该用户名已存在" : "该手机号已被使用" },
    };
  }
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
      if (isUniqueViolation(error)) return null;
      throw error;
    });
  if (!user) return { ok: false as const, fieldErrors: { username: "该用户名或手机号已存在" } };
  return { ok: true as const, id: user.id, password };
}

export async function updateUser(actor: Actor, ip: string | null, id: number, input: UserInput) {
  if (id === actor.id)
    return { ok: false as const, formError: "不能修改自己的角色和单位，请由另一位系统管理员操作" };
  const unit = await resolveUnit(input.role, input.orgUnitCode);
  if (!unit.ok) return unit;
  if (input.mobile) {
    const taken = await prisma.user.findFirst({
      where: { OR: [{ mobile: input.mobile }, { username: input.mobile }], id: { not: id } },
      select: { id: true },
    });
    if (taken) return { ok: false as const, fieldErrors: { mobile: "该手机号已被使用" } };
  }
  await prisma.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id },
      select: { role: true, orgUnitId: true },
    });
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
  });
  return { ok: true as const };
}

export async function setUserDisabled(
  actor: Actor,
  ip: string | null,
  id: number,
  disabled: boolean,
) {
  if (id === actor.id) return { ok: false as const, formError: "不能停用自己的账号" };
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id }, data: { disabled }, select: { id: true } });
    if (disabled) await tx.session.deleteMany({ where: { userId: id } });
    await writeAudit(tx, {
      actor,
      action: disabled ? "USER_DISABLE" : "USER_ENABLE",
      objectType: "user",
      objectId: id,
      result: "SUCCESS",
      ip,
    });
  });
  return { ok: true as const };
}

/** A new random password that must be changed at the next login; unlocks the account and ends its sessions. */
export async function resetUserPassword(actor: Actor, ip: string | null, id: number) {
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id },
      data: { passwordHash, mustChangePassword: true, failedLoginCount: 0, lockedUntil: null },
      select: { id: true },
    });
    await tx.session.deleteMany({ where: { userId: id } });
    await writeAudit(tx, {
      actor,
      action: "USER_PASSWORD_RESET",
      objectType: "user",
      objectId: id,
      result: "SUCCESS",
      ip,
    });
  });
  return { ok: true as const, password };
}
