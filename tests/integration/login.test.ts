import { describe, expect, it } from "vitest";
import { login, logout } from "#app/modules/auth/login.server.ts";
import { write } from "#app/data/db.server.ts";
import { loadSessionUser } from "#app/utils/session.server.ts";
import { SESSION_IDLE_MS } from "#app/utils/session-policy.ts";
import { countRows, makeUser, requestWithCookie, updateUser } from "./helpers.ts";
import { loginAs, sessionCookie, signedInUser } from "./session-helpers.ts";

const sessions = (userId: number) => countRows("Session", (q) => q.where("userId", "=", userId));
const audits = (action: string, actorId?: number) =>
  countRows("AuditLog", (q) => {
    const byAction = q.where("action", "=", action);
    return actorId ? byAction.where("actorId", "=", actorId) : byAction;
  });

describe("login", () => {
  it("writes no session for a failed login, only the audit row", async () => {
    const user = await makeUser();
    const outcome = await login({
      username: user.username,
      password: "Wrong@2026x",
      ip: "127.0.0.1",
      previousToken: null,
    });
    expect(outcome.ok).toBe(false);
    expect(await sessions(user.id)).toBe(0);
    expect(await audits("LOGIN_FAILURE", user.id)).toBe(1);
  });

  it("gives the same message for an unknown username as for a wrong password", async () => {
    const user = await makeUser();
    const wrong = await loginAs(user.username, "Wrong@2026x");
    const unknown = await loginAs("nobody-here", "Wrong@2026x");
    expect(wrong.ok || unknown.ok).toBe(false);
    expect(!wrong.ok && !unknown.ok && wrong.message === unknown.message).toBe(true);
  });

  it("locks the account after 5 wrong passwords, refusing even the right one with a message that says so", async () => {
    const user = await makeUser();
    for (let i = 0; i < 4; i++) {
      const r = await loginAs(user.username, "Wrong@2026x");
      expect(r.ok === false && r.locked).toBeFalsy();
    }
    const fifth = await loginAs(user.username, "Wrong@2026x");
    expect(fifth.ok === false && fifth.locked).toBe(true);
    expect(fifth.ok === false && fifth.message).toMatch(/账号已锁定.*15 分钟/);
    expect(await audits("ACCOUNT_LOCKED", user.id)).toBe(1);
    const right = await loginAs(user.username);
    expect(right.ok).toBe(false);
    expect(right.ok === false && right.locked).toBe(true);
    expect(await sessions(user.id)).toBe(0);
  });

  it("unlocks after the 15 minutes have passed", async () => {
    const user = await makeUser();
    await updateUser(user.id, { lockedUntil: new Date(Date.now() - 1000) });
    const r = await loginAs(user.username);
    expect(r.ok).toBe(true);
  });

  it("refuses a disabled user even with the right password", async () => {
    const user = await makeUser({ disabled: true });
    const r = await loginAs(user.username);
    expect(r.ok).toBe(false);
    expect(await sessions(user.id)).toBe(0);
  });

  it("issues a new session id at every login and drops the previous one", async () => {
    const user = await makeUser();
    const first = await loginAs(user.username);
    if (!first.ok) throw new Error("login failed");
    const second = await loginAs(user.username, "Test@2026x", first.token);
    if (!second.ok) throw new Error("login failed");
    expect(second.token).not.toBe(first.token);
    expect(await loadSessionUser(requestWithCookie(await sessionCookie(first.token)))).toBeNull();
    expect((await loadSessionUser(requestWithCookie(await sessionCookie(second.token))))?.id).toBe(
      user.id,
    );
  });

  it("logout invalidates the session on the server: replaying the old cookie fails", async () => {
    const { user, token, cookie } = await signedInUser();
    await logout({ token, user, ip: null });
    expect(await loadSessionUser(requestWithCookie(cookie))).toBeNull();
    expect(await audits("LOGOUT", user.id)).toBe(1);
  });

  it("rejects a disabled user on his next request", async () => {
    const { user, cookie } = await signedInUser();
    await updateUser(user.id, { disabled: true });
    expect(await loadSessionUser(requestWithCookie(cookie))).toBeNull();
  });

  it("ends a session idle for 30 minutes", async () => {
    const { user, cookie } = await signedInUser();
    await write((tx) =>
      tx
        .updateTable("Session")
        .set({ lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 1000) })
        .where("userId", "=", user.id)
        .execute(),
    );
    expect(await loadSessionUser(requestWithCookie(cookie))).toBeNull();
    expect(await sessions(user.id)).toBe(0);
  });

  it("logs in with the mobile number as username", async () => {
    const user = await makeUser();
    await updateUser(user.id, { mobile: "13912345678" });
    const r = await loginAs("13912345678");
    expect(r.ok).toBe(true);
  });
});
