import { describe, expect, it } from "vitest";
import { login, logout } from "#app/modules/auth/login.server.ts";
import { write } from "#app/data/db.server.ts";
import { commitSessionCookie, loadSessionUser } from "#app/utils/session.server.ts";
import { SESSION_IDLE_MS } from "#app/utils/session-policy.ts";
import { countRows, makeUser, requestWithCookie, updateUser } from "./helpers.ts";

// The real cookie encoding, so a test cannot pass on a cookie the app would never read.
const cookieFor = async (token: string) =>
  (await commitSessionCookie(new Request("http://localhost/"), token)).split(";")[0]!;
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
    const wrong = await login({
      username: user.username,
      password: "Wrong@2026x",
      ip: null,
      previousToken: null,
    });
    const unknown = await login({
      username: "nobody-here",
      password: "Wrong@2026x",
      ip: null,
      previousToken: null,
    });
    expect(wrong.ok || unknown.ok).toBe(false);
    expect(!wrong.ok && !unknown.ok && wrong.message === unknown.message).toBe(true);
  });

  it("locks the account after 5 wrong passwords, refusing even the right one with a message that says so", async () => {
    const user = await makeUser();
    for (let i = 0; i < 4; i++) {
      const r = await login({
        username: user.username,
        password: "Wrong@2026x",
        ip: null,
        previousToken: null,
      });
      expect(r.ok === false && r.locked).toBeFalsy();
    }
    const fifth = await login({
      username: user.username,
      password: "Wrong@2026x",
      ip: null,
      previousToken: null,
    });
    expect(fifth.ok === false && fifth.locked).toBe(true);
    expect(fifth.ok === false && fifth.message).toMatch(/账号已锁定.*15 分钟/);
    expect(await audits("ACCOUNT_LOCKED", user.id)).toBe(1);
    const right = await login({
      username: user.username,
      password: "Test@2026x",
      ip: null,
      previousToken: null,
    });
    expect(right.ok).toBe(false);
    expect(right.ok === false && right.locked).toBe(true);
    expect(await sessions(user.id)).toBe(0);
  });

  it("unlocks after the 15 minutes have passed", async () => {
    const user = await makeUser();
    await updateUser(user.id, { lockedUntil: new Date(Date.now() - 1000) });
    const r = await login({
      username: user.username,
      password: "Test@2026x",
      ip: null,
      previousToken: null,
    });
    expect(r.ok).toBe(true);
  });

  it("refuses a disabled user even with the right password", async () => {
    const user = await makeUser({ disabled: true });
    const r = await login({
      username: user.username,
      password: "Test@2026x",
      ip: null,
      previousToken: null,
    });
    expect(r.ok).toBe(false);
    expect(await sessions(user.id)).toBe(0);
  });

  it("issues a new session id at every login and drops the previous one", async () => {
    const user = await makeUser();
    const first = await login({
      username: user.username,
      password: "Test@2026x",
      ip: null,
      previousToken: null,
    });
    if (!first.ok) throw new Error("login failed");
    const second = await login({
      username: user.username,
      password: "Test@2026x",
      ip: null,
      previousToken: first.token,
    });
    if (!second.ok) throw new Error("login failed");
    expect(second.token).not.toBe(first.token);
    expect(await loadSessionUser(requestWithCookie(await cookieFor(first.token)))).toBeNull();
    expect((await loadSessionUser(requestWithCookie(await cookieFor(second.token))))?.id).toBe(
      user.id,
    );
  });

  it("logout invalidates the session on the server: replaying the old cookie fails", async () => {
    const user = await makeUser();
    const r = await login({
      username: user.username,
      password: "Test@2026x",
      ip: null,
      previousToken: null,
    });
    if (!r.ok) throw new Error("login failed");
    await logout({ token: r.token, user, ip: null });
    expect(await loadSessionUser(requestWithCookie(await cookieFor(r.token)))).toBeNull();
    expect(await audits("LOGOUT", user.id)).toBe(1);
  });

  it("rejects a disabled user on his next request", async () => {
    const user = await makeUser();
    const r = await login({
      username: user.username,
      password: "Test@2026x",
      ip: null,
      previousToken: null,
    });
    if (!r.ok) throw new Error("login failed");
    await updateUser(user.id, { disabled: true });
    expect(await loadSessionUser(requestWithCookie(await cookieFor(r.token)))).toBeNull();
  });

  it("ends a session idle for 30 minutes", async () => {
    const user = await makeUser();
    const r = await login({
      username: user.username,
      password: "Test@2026x",
      ip: null,
      previousToken: null,
    });
    if (!r.ok) throw new Error("login failed");
    await write((tx) =>
      tx
        .updateTable("Session")
        .set({ lastSeenAt: new Date(Date.now() - SESSION_IDLE_MS - 1000) })
        .where("userId", "=", user.id)
        .execute(),
    );
    expect(await loadSessionUser(requestWithCookie(await cookieFor(r.token)))).toBeNull();
    expect(await sessions(user.id)).toBe(0);
  });

  it("logs in with the mobile number as username", async () => {
    const user = await makeUser();
    await updateUser(user.id, { mobile: "13912345678" });
    const r = await login({
      username: "13912345678",
      password: "Test@2026x",
      ip: null,
      previousToken: null,
    });
    expect(r.ok).toBe(true);
  });
});
