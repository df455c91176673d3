import { db, write } from "#app/data/db.server.ts";
import { audit, type AuditEntry } from "#app/data/audit.server.ts";
import { verifyAgainstDummy, verifyPassword } from "#app/utils/password.server.ts";
import { createSession, deleteSessionByToken } from "#app/utils/session.server.ts";
import {
  LOCKOUT_MS,
  lockRemainingMs,
  minutesLeft,
  MAX_FAILED_LOGINS,
} from "#app/utils/session-policy.ts";
import { releaseCheck, reserveCheck, settleFailure, settleSuccess } from "./lockout.server.ts";

export type LoginOutcome =
  | { ok: true; token: string; mustChangePassword: boolean }
  | { ok: false; message: string; locked?: boolean };

// The same words whether or not the username exists, so the form does not reveal accounts.
const WRONG = `用户名或密码错误（连续 ${MAX_FAILED_LOGINS} 次错误将锁定账号 15 分钟）`;

// Every check this account may run now is already under way (parallel guesses).
const BUSY = "该账号正在进行多次登录尝试，请稍后再试";

/** An audit row on its own (a refused login): one short write transaction. */
function auditAlone(entry: AuditEntry): Promise<void> {
  return write((tx) => audit(tx, entry));
}

function lockedMessage(ms: number): string {
  return `密码连续错误 ${MAX_FAILED_LOGINS} 次，账号已锁定，请 ${minutesLeft(ms)} 分钟后再试`;
}

/**
 * Checks a password with the per-account lockout (decision 0012): reserve a check
 * atomically, verify outside any transaction, then settle it. A success writes a
 * new session (a new id at every login) and its audit row in one transaction; a
 * failure writes only the counter and the audit rows, never a session.
 */
export async function login(input: {
  username: string;
  password: string;
  ip: string | null;
  previousToken: string | null;
}): Promise<LoginOutcome> {
  const now = new Date();
  const user = await db()
    .selectFrom("User")
    .select(["id", "username", "passwordHash", "disabled", "mustChangePassword"])
    .where((eb) => eb.or([eb("username", "=", input.username), eb("mobile", "=", input.username)]))
    .limit(1)
    .executeTakeFirst();
  if (!user) {
    await verifyAgainstDummy(input.password);
    await auditAlone({
      actorName: input.username,
      action: "LOGIN_FAILURE",
      objectType: "user",
      result: "FAILURE",
      ip: input.ip,
      detail: { reason: "unknown user" },
    });
    return { ok: false, message: WRONG };
  }
  const reservation = await reserveCheck(user.id, now);
  if (!reservation.ok) {
    await auditAlone({
      actor: user,
      action: "LOGIN_FAILURE",
      objectType: "user",
      objectId: user.id,
      result: "FAILURE",
      ip: input.ip,
      detail: { reason: reservation.reason === "locked" ? "locked" : "checks in progress" },
    });
    if (reservation.reason === "busy") return { ok: false, message: BUSY, locked: true };
    return {
      ok: false,
      message: lockedMessage(lockRemainingMs(reservation.lockedUntil, now)),
      locked: true,
    };
  }
  let settled = false;
  try {
    const valid = await verifyPassword(user.passwordHash, input.password);
    // Imported initial passwords use cheaper Argon2 parameters (decision 0006): spend the
    // difference so timing does not tell a never-used imported account from a missing one.
    if (!user.passwordHash.includes("m=19456")) await verifyAgainstDummy(input.password);
    if (!valid) {
      settled = true;
      const failure = await settleFailure(user, input.ip, now);
      if (failure.lockedUntil === null) return { ok: false, message: WRONG };
      return {
        ok: false,
        message: lockedMessage(lockRemainingMs(failure.lockedUntil, now)),
        locked: true,
      };
    }
    if (user.disabled) return await refuseDisabled(user, input.ip);
    const token = await write(async (tx) => {
      // Locked while this check ran: the right password gets the locked answer.
      if (!(await settleSuccess(tx, user.id, now))) return null;
      if (input.previousToken) await deleteSessionByToken(tx, input.previousToken);
      const t = await createSession(tx, user.id, input.ip);
      await audit(tx, {
        actor: user,
        action: "LOGIN_SUCCESS",
        objectType: "user",
        objectId: user.id,
        result: "SUCCESS",
        ip: input.ip,
      });
      return t;
    });
    // Set after the commit: `fn` may run again after a busy failure, and a rolled-back
    // success must still give its reservation back.
    if (token !== null) settled = true;
    if (token === null) return { ok: false, message: lockedMessage(LOCKOUT_MS), locked: true };
    return { ok: true, token, mustChangePassword: user.mustChangePassword };
  } finally {
    if (!settled) await releaseCheck(user.id);
  }
}

async function refuseDisabled(
  user: { id: number; username: string },
  ip: string | null,
): Promise<LoginOutcome> {
  await auditAlone({
    actor: user,
    action: "LOGIN_FAILURE",
    objectType: "user",
    objectId: user.id,
    result: "FAILURE",
    ip,
    detail: { reason: "disabled" },
  });
  const pending = await db()
    .selectFrom("Enterprise")
    .select("status")
    .where("userId", "=", user.id)
    .executeTakeFirst();
  return {
    ok: false,
    message:
      pending?.status === "PENDING"
        ? "企业账号正在等待系统管理员审核，审核通过后即可登录"
        : "账号已停用，请联系系统管理员",
  };
}

export async function logout(input: {
  token: string | null;
  user: { id: number; username: string } | null;
  ip: string | null;
}): Promise<void> {
  await write(async (tx) => {
    if (input.token) await deleteSessionByToken(tx, input.token);
    if (input.user)
      await audit(tx, {
        actor: input.user,
        action: "LOGOUT",
        objectType: "user",
        objectId: input.user.id,
        result: "SUCCESS",
        ip: input.ip,
      });
  });
}
