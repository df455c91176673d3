// The login lockout as atomic database steps (decision 0012). Correctness rests on SQLite's
// single writer only, never on an in-process lock, so it holds across processes that share
// the database file.
import { writeAuditRaw } from "#app/utils/audit-log.server.ts";
import { prepared, writeTx } from "#app/utils/db.server.ts";
import { afterFailedLogin, LOCKOUT_MS, MAX_FAILED_LOGINS } from "#app/utils/session-policy.ts";

/** A reservation older than this is treated as abandoned (its process died mid-check). */
export const STALE_CHECK_MS = 60_000;

export type Reservation =
  | { ok: true }
  | { ok: false; reason: "locked"; lockedUntil: number }
  | { ok: false; reason: "busy" };

type Actor = { id: number; username: string };

/**
 * Reserves one password check: a single conditional UPDATE that counts the check as pending
 * only while the account is not locked and failures plus pending checks stay under 5. The
 * Argon2 verification runs after this, outside any transaction; whatever the concurrency, at
 * most 5 wrong passwords are verified before the lock is set.
 */
export async function reserveCheck(userId: number, now: number): Promise<Reservation> {
  return writeTx((db) => {
    const changed = prepared(
      db,
      `UPDATE User SET
         loginChecksPending = CASE WHEN loginChecksAt IS NULL OR loginChecksAt < @stale
                                   THEN 1 ELSE loginChecksPending + 1 END,
         loginChecksAt = @now
       WHERE id = @id
         AND (lockedUntil IS NULL OR lockedUntil <= @now)
         AND failedLoginCount + CASE WHEN loginChecksAt IS NULL OR loginChecksAt < @stale
                                     THEN 0 ELSE loginChecksPending END < @max`,
    ).run({ id: userId, now, stale: now - STALE_CHECK_MS, max: MAX_FAILED_LOGINS }).changes;
    if (changed === 1) return { ok: true as const };
    const row = prepared(db, "SELECT lockedUntil FROM User WHERE id = ?").get(userId) as
      { lockedUntil: number | null } | undefined;
    if (row?.lockedUntil && row.lockedUntil > now)
      return { ok: false as const, reason: "locked" as const, lockedUntil: row.lockedUntil };
    return { ok: false as const, reason: "busy" as const };
  });
}

/** Gives a reserved check back without counting it (a right password for a disabled account, an error). */
export async function releaseCheck(userId: number): Promise<void> {
  await writeTx((db) =>
    prepared(
      db,
      "UPDATE User SET loginChecksPending = max(loginChecksPending - 1, 0) WHERE id = ?",
    ).run(userId),
  );
}

/**
 * Settles a reserved check as a wrong password, with its audit rows, in one transaction. The
 * 5th failure sets the lock; a failure never clears or shortens a lock.
 */
export async function settleFailure(
  user: Actor,
  ip: string | null,
  now: number,
): Promise<{ lockedUntil: number | null; newlyLocked: boolean }> {
  return writeTx((db) => {
    const current = prepared(db, "SELECT failedLoginCount, lockedUntil FROM User WHERE id = ?").get(
      user.id,
    ) as { failedLoginCount: number; lockedUntil: number | null };
    const next = afterFailedLogin(current.failedLoginCount, new Date(now));
    const newLock = next.lockedUntil?.getTime() ?? null;
    const lockedUntil =
      newLock !== null ? Math.max(newLock, current.lockedUntil ?? 0) : current.lockedUntil;
    prepared(
      db,
      `UPDATE User SET failedLoginCount = ?, lockedUntil = ?,
         loginChecksPending = max(loginChecksPending - 1, 0) WHERE id = ?`,
    ).run(next.failures, lockedUntil, user.id);
    const base = { actor: user, objectType: "user", objectId: user.id, ip };
    writeAuditRaw(db, {
      ...base,
      action: "LOGIN_FAILURE",
      result: "FAILURE",
      detail: { reason: "wrong password" },
    });
    if (newLock !== null)
      writeAuditRaw(db, {
        ...base,
        action: "ACCOUNT_LOCKED",
        result: "SUCCESS",
        detail: { minutes: LOCKOUT_MS / 60_000 },
      });
    return {
      lockedUntil: lockedUntil !== null && lockedUntil > now ? lockedUntil : null,
      newlyLocked: newLock !== null,
    };
  });
}

/** The success step's SQL: clears the counters only while the account is not locked. */
export const SETTLE_SUCCESS_SQL = `UPDATE User SET failedLoginCount = 0, lockedUntil = NULL, lastLoginAt = ?,
  loginChecksPending = max(loginChecksPending - 1, 0)
  WHERE id = ? AND (lockedUntil IS NULL OR lockedUntil <= ?)`;
