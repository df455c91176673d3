import { describe, expect, it } from "vitest";
import {
  afterFailedLogin,
  lockRemainingMs,
  LOCKOUT_MS,
  newSessionTimes,
  sessionStatus,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from "./session-policy.ts";

const t0 = new Date("2026-11-26T08:00:00+08:00");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("session expiry", () => {
  it("keeps a session used within the last 30 minutes", () => {
    expect(sessionStatus(newSessionTimes(t0), at(SESSION_IDLE_MS - 1))).toBe("active");
  });

  it("ends a session idle for 30 minutes", () => {
    expect(sessionStatus(newSessionTimes(t0), at(SESSION_IDLE_MS))).toBe("idle");
  });

  it("ends a session 12 hours after login however active it is", () => {
    const s = { ...newSessionTimes(t0), lastSeenAt: at(SESSION_ABSOLUTE_MS - 1000) };
    expect(sessionStatus(s, at(SESSION_ABSOLUTE_MS - 1))).toBe("active");
    expect(sessionStatus(s, at(SESSION_ABSOLUTE_MS))).toBe("expired");
  });
});

describe("login lockout timing", () => {
  it("does not lock after 4 failures", () => {
    let failures = 0;
    for (let i = 0; i < 4; i++) {
      const r = afterFailedLogin(failures, t0);
      expect(r.lockedUntil).toBeNull();
      failures = r.failures;
    }
    expect(failures).toBe(4);
  });

  it("locks for 15 minutes at the 5th failure", () => {
    const r = afterFailedLogin(4, t0);
    expect(r.lockedUntil?.getTime()).toBe(t0.getTime() + LOCKOUT_MS);
    expect(LOCKOUT_MS).toBe(15 * 60 * 1000);
    expect(r.failures).toBe(0);
  });

  it("is locked until the 15 minutes have passed, not a moment longer", () => {
    const until = at(LOCKOUT_MS);
    expect(lockRemainingMs(until, at(LOCKOUT_MS - 1))).toBe(1);
    expect(lockRemainingMs(until, at(LOCKOUT_MS))).toBe(0);
    expect(lockRemainingMs(null, t0)).toBe(0);
  });
});
