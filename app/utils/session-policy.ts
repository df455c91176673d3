// Session policy (docs/decisions/0002-sessions-and-lockout.md): 30 minutes idle,
// 12 hours absolute, last-seen written at most once a minute.
export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_TOUCH_MS = 60 * 1000;

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; expiresAt: Date };
export type SessionStatus = "active" | "idle" | "expired";

export function sessionStatus(s: SessionTimes, now: Date): SessionStatus {
  if (now.getTime() >= s.expiresAt.getTime()) return "expired";
  if (now.getTime() - s.lastSeenAt.getTime() >= SESSION_IDLE_MS) return "idle";
  return "active";
}

export function newSessionTimes(now: Date): SessionTimes {
  return {
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
  };
}

export function needsTouch(s: SessionTimes, now: Date): boolean {
  return now.getTime() - s.lastSeenAt.getTime() >= SESSION_TOUCH_MS;
}

// Lockout (等保 2.0 登录失败处理): 5 failures in a row lock the account for 15 minutes.
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

export function lockRemainingMs(lockedUntil: Date | null, now: Date): number {
  if (!lockedUntil) return 0;
  return Math.max(0, lockedUntil.getTime() - now.getTime());
}

/** After a failed password: the new counter, and a lock when it reaches the limit. */
export function afterFailedLogin(
  previousFailures: number,
  now: Date,
): { failures: number; lockedUntil: Date | null } {
  const failures = previousFailures + 1;
  if (failures >= MAX_FAILED_LOGINS)
    return { failures: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) };
  return { failures, lockedUntil: null };
}

export function minutesLeft(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60000));
}
