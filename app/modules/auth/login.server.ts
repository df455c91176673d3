import { writeAudit } from "#app/utils/audit-log.server.ts";
import { ensureDbReady, prisma, stmt } from "#app/utils/db.server.ts";
import { verifyAgainstDummy, verifyPassword } from "#app/utils/password.server.ts";
import { createSession, deleteSessionByToken } from "#app/utils/session.server.ts";
import {
  afterFailedLogin,
  lockRemainingMs,
  minutesLeft,
  MAX_FAILED_LOGINS,
} from "#app/utils/session-policy.ts";

export type LoginOutcome =
  | { ok: true; token: string; mustChangePassword: boolean }
  | { ok: false; message: string; locked?: boolean };

// The same words whether or not the username exists, so the form does not reveal accounts.
const WRONG = `用户名或密码错误（连续 ${MAX_FAILED_LOGINS} 次错误将锁定账号 15 分钟）`;

function lockedMessage(ms: number): string {
  return `密码连续错误 ${MAX_FAILED_LOGINS} 次，账号已锁定，请 ${minutesLeft(ms)} 分钟后再试`;
}

/**
 * Checks a password with the per-account lockout. A success writes a new
 * session (a new id at every login) and its audit row in one transaction; a
 * failure writes only the counter and the audit rows, never a session.
 */
export async function login(input: {
  username: string;
  password: string;
  ip: string | null;
  previousToken: string | null;
}): Promise<LoginOutcome> {
  await ensureDbReady();
  const now = new Date();
  const user = await prisma.user.findFirst({
    where: { OR: [{ username: input.username }, { mobile: input.username }] },
    select: {
      id: true,
      username: true,
      passwordHash: true,
      disabled: true,
      failedLoginCount: true,
      lockedUntil: true,
      mustChangePassword: true,
    },
  });
  if (!user) {
    await verifyAgainstDummy(input.password);
    await writeAudit(prisma, {
      actorName: input.username,
      action: "LOGIN_FAILURE",
      objectType: "user",
      result: "FAILURE",
      ip: input.ip,
      detail: { reason: "unknown user" },
    });
    return { ok: false, message: WRONG };
  }
  const locked = lockRemainingMs(user.lockedUntil, now);
  if (locked > 0) {
    await writeAudit(prisma, {
      actor: user,
      action: "LOGIN_FAILURE",
      objectType: "user",
      objectId: user.id,
      result: "FAILURE",
      ip: input.ip,
      detail: { reason: "locked" },
    });
    return { ok: false, message: lockedMessage(locked), locked: true };
  }
  const valid = await verifyPassword(user.passwordHash, input.password);
  // Imported initial passwords use cheaper Argon2 parameters (decision 0006): spend the
  // difference so timing does not tell a never-used imported account from a missing one.
  if (!user.passwordHash.includes("m=19456")) await verifyAgainstDummy(input.password);
  if (!valid) return recordFailure(user, input.ip, now);
  if (user.disabled) {
    await writeAudit(prisma, {
      actor: user,
      action: "LOGIN_FAILURE",
      objectType: "user",
      objectId: user.id,
      result: "FAILURE",
      ip: input.ip,
      detail: { reason: "disabled" },
    });
    const pending = stmt("SELECT status FROM Enterprise WHERE userId = ?").get(user.id) as
      { status: string } | undefined;
    return {
      ok: false,
      message:
        pending?.status === "PENDING"
          ? "企业账号正在等待系统管理员审核，审核通过后即可登录"
          : "账号已停用，请联系系统管理员",
    };
  }
  const token = await prisma.$transaction(async (tx) => {
    if (input.previousToken) await deleteSessionByToken(tx, input.previousToken);
    await tx.user.update({
      where: { id: user.id },
      data: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now },
      select: { id: true },
    });
    const t = await createSession(tx, user.id, input.ip);
    await writeAudit(tx, {
      actor: user,
      action: "LOGIN_SUCCESS",
      objectType: "user",
      objectId: user.id,
      result: "SUCCESS",
      ip: input.ip,
    });
    return t;
  });
  return { ok: true, token, mustChangePassword: user.mustChangePassword };
}

async function recordFailure(
  user: { id: number; username: string; failedLoginCount: number },
  ip: string | null,
  now: Date,
): Promise<LoginOutcome> {
  return prisma.$transaction(async (tx) => {
    // Re-read inside the transaction so two wrong passwords at once both count.
    const current = await tx.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { failedLoginCount: true },
    });
    const next = afterFailedLogin(current.failedLoginCount, now);
    await tx.user.update({
      where: { id: user.id },
      data: { failedLoginCount: next.failures, lockedUntil: next.lockedUntil },
      select: { id: true },
    });
    await writeAudit(tx, {
      actor: user,
      action: "LOGIN_FAILURE",
      objectType: "user",
      objectId: user.id,
      result: "FAILURE",
      ip,
      detail: { reason: "wrong password" },
    });
    if (next.lockedUntil) {
      await writeAudit(tx, {
        actor: user,
        action: "ACCOUNT_LOCKED",
        objectType: "user",
        objectId: user.id,
        result: "SUCCESS",
        ip,
        detail: { minutes: 15 },
      });
      return {
        ok: false as const,
        message: lockedMessage(next.lockedUntil.getTime() - now.getTime()),
        locked: true,
      };
    }
    return { ok: false as const, message: WRONG };
  });
}

export async function logout(input: {
  token: string | null;
  user: { id: number; username: string } | null;
  ip: string | null;
}): Promise<void> {
  await prisma.$transaction(async (tx) => {
    if (input.token) await deleteSessionByToken(tx, input.token);
    if (input.user)
      await writeAudit(tx, {
        actor: input.user,
        action: "LOGOUT",
        objectType: "user",
        objectId: input.user.id,
        result: "SUCCESS",
        ip: input.ip,
      });
  });
}
