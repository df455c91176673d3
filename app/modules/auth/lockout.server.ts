// The login lockout as atomic database steps (decision 0012). Correctness rests on the
// database's single writer only, never on an in-process lock, so it holds across processes
// that share the database file.
import type { ExpressionBuilder, Kysely } from "kysely";
import { write, type DB } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { afterFailedLogin, LOCKOUT_MS, MAX_FAILED_LOGINS } from "#app/utils/session-policy.ts";

/** A reservation older than this is treated as abandoned (its process died mid-check). */
export const STALE_CHECK_MS = 60_000;

export type Reservation =
  { ok: true } | { ok: false; reason: "locked"; lockedUntil: Date } | { ok: false; reason: "busy" };

type Actor = { id: number; username: string };
type UserEb = ExpressionBuilder<DB, "User">;

/** The account is not locked at `now`. */
const notLocked = (now: Date) => (eb: UserEb) =>
  eb.or([eb("lockedUntil", "is", null), eb("lockedUntil", "<=", now)]);

/** One pending check given back: `loginChecksPending - 1`, never below 0 (portable SQL). */
const onePendingLess = (eb: UserEb) =>
  eb
    .case()
    .when("loginChecksPending", ">", 0)
    .then(eb("loginChecksPending", "-", 1))
    .else(0)
    .end();

/**
 * Reserves one password check: a single conditional UPDATE that counts the check as pending
 * only while the account is not locked and failures plus pending checks stay under 5. The
 * Argon2 verification runs after this, outside any transaction; whatever the concurrency, at
 * most 5 wrong passwords are verified before the lock is set.
 */
export async function reserveCheck(userId: number, now: Date): Promise<Reservation> {
  const stale = new Date(now.getTime() - STALE_CHECK_MS);
  const isStale = (eb: UserEb) =>
    eb.or([eb("loginChecksAt", "is", null), eb("loginChecksAt", "<", stale)]);
  return write(async (tx): Promise<Reservation> => {
    const changed = await tx
      .updateTable("User")
      .set((eb) => ({
        loginChecksPending: eb
          .case()
          .when(isStale(eb))
          .then(1)
          .else(eb("loginChecksPending", "+", 1))
          .end(),
        loginChecksAt: now,
      }))
      .where("id", "=", userId)
      .where(notLocked(now))
      .where((eb) =>
        eb(
          eb(
            "failedLoginCount",
            "+",
            eb.case().when(isStale(eb)).then(0).else(eb.ref("loginChecksPending")).end(),
          ),
          "<",
          MAX_FAILED_LOGINS,
        ),
      )
      .executeTakeFirst();
    if (changed.numUpdatedRows === 1n) return { ok: true };
    const row = await tx
      .selectFrom("User")
      .select("lockedUntil")
      .where("id", "=", userId)
      .executeTakeFirst();
    if (row?.lockedUntil && row.lockedUntil > now)
      return { ok: false, reason: "locked", lockedUntil: row.lockedUntil };
    return { ok: false, reason: "busy" };
  });
}

/** Gives a reserved check back without counting it (a right password for a disabled account, an error). */
export async function releaseCheck(userId: number): Promise<void> {
  await write((tx) =>
    tx
      .updateTable("User")
      .set((eb) => ({ loginChecksPending: onePendingLess(eb) }))
      .where("id", "=", userId)
      .execute(),
  );
}

/**
 * Settles a reserved check as a wrong password, with its audit rows, in one transaction. The
 * 5th failure sets the lock; a failure never clears or shortens a lock.
 */
export async function settleFailure(
  user: Actor,
  ip: string | null,
  now: Date,
): Promise<{ lockedUntil: Date | null; newlyLocked: boolean }> {
  return write(async (tx) => {
    const current = await tx
      .selectFrom("User")
      .select(["failedLoginCount", "lockedUntil"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    const next = afterFailedLogin(current.failedLoginCount, now);
    const newLock = next.lockedUntil;
    const lockedUntil =
      newLock !== null && (current.lockedUntil === null || newLock > current.lockedUntil)
        ? newLock
        : current.lockedUntil;
    await tx
      .updateTable("User")
      .set((eb) => ({
        failedLoginCount: next.failures,
        lockedUntil,
        loginChecksPending: onePendingLess(eb),
      }))
      .where("id", "=", user.id)
      .execute();
    const base = { actor: user, objectType: "user", objectId: user.id, ip };
    await audit(tx, {
      ...base,
      action: "LOGIN_FAILURE",
      result: "FAILURE",
      detail: { reason: "wrong password" },
    });
    if (newLock !== null)
      await audit(tx, {
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

/**
 * The success step, inside the login's `write()`: clears the counters only while the account
 * is not locked. False when a lock was set while this check ran.
 */
export async function settleSuccess(tx: Kysely<DB>, userId: number, now: Date): Promise<boolean> {
  const r = await tx
    .updateTable("User")
    .set((eb) => ({
      failedLoginCount: 0,
      lockedUntil: null,
      lastLoginAt: now,
      loginChecksPending: onePendingLess(eb),
    }))
    .where("id", "=", userId)
    .where(notLocked(now))
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}
