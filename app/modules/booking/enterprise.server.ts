import { isLoginNameClash } from "#app/modules/users/login-names.server.ts";
import { writeAudit } from "#app/utils/audit-log.server.ts";
import { ensureDbReady, isUniqueViolation, prisma, stmt } from "#app/utils/db.server.ts";
import { hashPassword } from "#app/utils/password.server.ts";
import { createSession } from "#app/utils/session.server.ts";
import { consultSettings } from "./settings.server.ts";

type Fail = { ok: false; fieldErrors: Record<string, string> };
type Registered = { ok: true; pending: boolean; token: string | null };

export type RegisterInput = {
  companyName: string;
  uscc: string;
  contactName: string;
  mobile: string;
  password: string;
};

/**
 * Self-registration of an enterprise. The 统一社会信用代码 is its login name, so a
 * second registration with the same code is refused (also by the unique indexes when two race).
 * Active at once unless the approval setting is on; an active account is signed in.
 */
export async function registerEnterprise(
  input: RegisterInput,
  ip: string | null,
): Promise<Registered | Fail> {
  await ensureDbReady();
  const taken = stmt(
    "SELECT (SELECT COUNT(*) FROM Enterprise WHERE uscc = ?) + (SELECT COUNT(*) FROM User WHERE username = ?) AS n",
  ).get(input.uscc, input.uscc) as { n: number };
  if (taken.n > 0)
    return { ok: false, fieldErrors: { uscc: "该统一社会信用代码已注册，请直接登录" } };
  const mobileTaken = stmt("SELECT COUNT(*) AS n FROM User WHERE mobile = ? OR username = ?").get(
    input.mobile,
    input.mobile,
  ) as { n: number };
  if (mobileTaken.n > 0) return { ok: false, fieldErrors: { mobile: "该手机号已被使用" } };
  const pending = (await consultSettings()).approvalRequired;
  const passwordHash = await hashPassword(input.password);
  const now = new Date();
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          username: input.uscc,
          name: input.contactName,
          mobile: input.mobile,
          role: "ENTERPRISE",
          passwordHash,
          mustChangePassword: false,
          disabled: pending,
          passwordChangedAt: now,
        },
        select: { id: true, username: true },
      });
      const enterprise = await tx.enterprise.create({
        data: {
          userId: user.id,
          name: input.companyName,
          uscc: input.uscc,
          contactName: input.contactName,
          contactMobile: input.mobile,
          status: pending ? "PENDING" : "ACTIVE",
          createdAt: now,
          approvedAt: pending ? null : now,
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        actor: user,
        action: "ENTERPRISE_REGISTER",
        objectType: "enterprise",
        objectId: enterprise.id,
        result: "SUCCESS",
        ip,
        detail: { uscc: input.uscc, pending },
      });
      const token = pending ? null : await createSession(tx, user.id, ip);
      return { ok: true as const, pending, token };
    });
  } catch (error) {
    if (isUniqueViolation(error) || isLoginNameClash(error))
      return { ok: false, fieldErrors: { uscc: "该统一社会信用代码或手机号已注册" } };
    throw error;
  }
}

/** The enterprise of an ENTERPRISE user, or null (a user with no registration record). */
export function enterpriseOf(userId: number): { id: number; name: string; status: string } | null {
  return (
    (stmt("SELECT id, name, status FROM Enterprise WHERE userId = ?").get(userId) as
      { id: number; name: string; status: string } | undefined) ?? null
  );
}

export function isPendingEnterprise(userId: number): boolean {
  return enterpriseOf(userId)?.status === "PENDING";
}

export function listEnterprises(status: "PENDING" | "ACTIVE" | "") {
  return prisma.enterprise.findMany({
    where: status ? { status } : {},
    orderBy: { id: "desc" },
    take: 200,
    select: {
      id: true,
      name: true,
      uscc: true,
      contactName: true,
      contactMobile: true,
      status: true,
      createdAt: true,
      approvedAt: true,
    },
  });
}

export async function approveEnterprise(
  actor: { id: number; username: string },
  ip: string | null,
  id: number,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const e = await tx.enterprise.findUnique({
      where: { id },
      select: { id: true, userId: true, status: true },
    });
    if (!e || e.status !== "PENDING") return false;
    await tx.enterprise.update({
      where: { id },
      data: { status: "ACTIVE", approvedAt: new Date() },
      select: { id: true },
    });
    await tx.user.update({
      where: { id: e.userId },
      data: { disabled: false },
      select: { id: true },
    });
    await writeAudit(tx, {
      actor,
      action: "ENTERPRISE_APPROVE",
      objectType: "enterprise",
      objectId: id,
      result: "SUCCESS",
      ip,
    });
    return true;
  });
}
