// Issue 11 item 1: parallel guesses must not beat the lockout (decision 0012).
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { login } from "#app/modules/auth/login.server.ts";
import { db } from "#app/data/db.server.ts";
import { countRows, makeUser, updateUser } from "./helpers.ts";

const run = promisify(execFile);
const RIGHT = "Test@2026x";
const guess = (username: string, password: string) =>
  login({ username, password, ip: "203.0.113.9", previousToken: null });
const verifiedWrong = (userId: number) =>
  countRows("AuditLog", (q) =>
    q
      .where("actorId", "=", userId)
      .where("action", "=", "LOGIN_FAILURE")
      .where("detail", "like", "%wrong password%"),
  );
const locks = (userId: number) =>
  countRows("AuditLog", (q) =>
    q.where("actorId", "=", userId).where("action", "=", "ACCOUNT_LOCKED"),
  );

describe("login lockout under concurrency", () => {
  it("verifies at most 5 wrong passwords per lock window for 50 parallel guesses, and the right password after the burst is refused while locked", async () => {
    const user = await makeUser();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => guess(user.username, `Wrong@2026-${i}`)),
    );
    expect(outcomes.every((o) => !o.ok)).toBe(true);
    expect(await verifiedWrong(user.id)).toBe(5);
    expect(await locks(user.id)).toBe(1);
    const row = await db()
      .selectFrom("User")
      .where("id", "=", user.id)
      .select(["lockedUntil", "loginChecksPending"])
      .executeTakeFirstOrThrow();
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(row.loginChecksPending).toBe(0);

    const right = await guess(user.username, RIGHT);
    expect(right.ok).toBe(false);
    expect(!right.ok && right.locked).toBe(true);
    expect(!right.ok && right.message).toMatch(/账号已锁定/);
    expect(await countRows("Session", (q) => q.where("userId", "=", user.id))).toBe(0);
  });

  it("a failure never clears a lock: three bursts of 12 verify 5 passwords and leave the account locked", async () => {
    const user = await makeUser();
    for (let burst = 0; burst < 3; burst++)
      await Promise.all(Array.from({ length: 12 }, () => guess(user.username, "Wrong@2026x")));
    expect(await verifiedWrong(user.id)).toBe(5);
    const row = await db()
      .selectFrom("User")
      .where("id", "=", user.id)
      .select(["lockedUntil"])
      .executeTakeFirstOrThrow();
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect((await guess(user.username, RIGHT)).ok).toBe(false);
  });

  it("the right password among parallel wrong ones never logs in once the account is locked", async () => {
    const user = await makeUser();
    const outcomes = await Promise.all([
      ...Array.from({ length: 20 }, () => guess(user.username, "Wrong@2026x")),
      guess(user.username, RIGHT),
    ]);
    const locked = await db()
      .selectFrom("User")
      .where("id", "=", user.id)
      .select(["lockedUntil"])
      .executeTakeFirstOrThrow();
    // Either the right one got one of the 5 checks (then at most 4 wrong ones ran first and
    // the account is not locked), or the account was locked and it was refused.
    if (outcomes.at(-1)!.ok) expect(locked.lockedUntil).toBeNull();
    expect(await verifiedWrong(user.id)).toBeLessThanOrEqual(5);
  });

  it("a check abandoned by a crashed process does not block the account after a minute", async () => {
    const user = await makeUser();
    await updateUser(user.id, {
      loginChecksPending: 5,
      loginChecksAt: new Date(Date.now() - 61_000),
    });
    expect((await guess(user.username, RIGHT)).ok).toBe(true);
  });

  it("holds across several processes sharing the database: 3 processes × 17 parallel guesses verify 5", async () => {
    const user = await makeUser();
    const child = path.resolve("tests/integration/login-burst.child.ts");
    const tsx = path.resolve("node_modules/.bin/tsx");
    await Promise.all(
      [0, 1, 2].map(() =>
        run(tsx, [child, user.username, "17"], {
          env: { ...process.env, LOG_LEVEL: "silent" },
          timeout: 60_000,
        }),
      ),
    );
    expect(await verifiedWrong(user.id)).toBe(5);
    expect(await locks(user.id)).toBe(1);
    expect((await guess(user.username, RIGHT)).ok).toBe(false);
  }, 90_000);
});
