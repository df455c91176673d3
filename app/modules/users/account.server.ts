import { isLoginNameClash, loginNameTakenMessage, takenLoginNames } from "./login-names.server.ts";
import { writeAudit } from "#app/utils/audit-log.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { hashPassword, verifyPassword } from "#app/utils/password.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";

type Actor = Pick<SessionUser, "id" | "username" | "sessionId">;

/**
 * Changes the password after checking the current one; clears the first-login
 * flag and ends the user's other sessions.
 */
export async function changePassword(
  actor: Actor,
  ip: string | null,
  input: { currentPassword: string; newPassword: string },
) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { passwordHash: true },
  });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await writeAudit(prisma, {
      actor,
      action: "PASSWORD_CHANGE",
      objectType: "user",
      objectId: actor.id,
      result: "FAILURE",
      ip,
      detail: { reason: "wrong current password" },
    });
    return { ok: false as const, fieldErrors: { currentPassword: "当前密码不正确" } };
  }
  const passwordHash = await hashPassword(input.newPassword);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: actor.id },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
      select: { id: true },
    });
    await tx.session.deleteMany({ where: { userId: actor.id, id: { not: actor.sessionId } } });
    await writeAudit(tx, {
      actor,
      action: "PASSWORD_CHANGE",
      objectType: "user",
      objectId: actor.id,
      result: "SUCCESS",
      ip,
    });
  });
  return { ok: true as const };
}

export function getProfile(userId: number) {
  return prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      username: true,
      name: true,
      mobile: true,
      email: true,
      role: true,
      orgUnit: { select: { name: true, path: true } },
      lastLoginAt: true,
      passwordChangedAt: true,
    },
  });
}

export async function updateProfile(
  actor: Actor,
  ip: string | null,
  input: { name: string; mobile: string; email: string },
) {
  const mobile = input.mobile || null;
  // One login namespace: not another user's mobile, username or 工号 (decision 0012).
  if (mobile && (await takenLoginNames([mobile], actor.id)).size > 0)
    return { ok: false as const, fieldErrors: { mobile: loginNameTakenMessage("手机号") } };
  const saved = await prisma
    .$transaction(async (tx) => {
      await tx.user.update({
        where: { id: actor.id },
        data: { name: input.name, mobile, email: input.email || null },
        select: { id: true },
      });
      await writeAudit(tx, {
        actor,
        action: "PROFILE_UPDATE",
        objectType: "user",
        objectId: actor.id,
        result: "SUCCESS",
        ip,
        detail: { fields: ["name", "mobile", "email"] },
      });
    })
    .then(
      () => true,
      (error: unknown) => {
        // Another user took the value between the check and the write.
        if (isLoginNameClash(error)) return false;
        throw error;
      },
    );
  if (!saved)
    return { ok: false as const, fieldErrors: { mobile: loginNameTakenMessage("手机号") } };
  return { ok: true as const };
}
