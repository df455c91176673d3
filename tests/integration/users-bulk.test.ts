// Issue 17: bulk disable, enable, password reset and move on /admin/users: one transaction,
// one audit row per user, refusals as a whole (oneself, the last ADMIN, an AUDITOR, a move of
// someone without a unit).
import { beforeAll, describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import { login } from "#app/modules/auth/login.server.ts";
import { applyBulk, planBulk } from "#app/modules/users/bulk.server.ts";
import {
  keepCredentials,
  takeCredentials,
  viewCredentials,
} from "#app/modules/users/bulk-credentials.server.ts";
import { describeRows } from "#app/modules/audit/describe.server.ts";
import { securitySummary } from "#app/modules/audit/security.server.ts";
import { beijingDay } from "#app/modules/home/time.ts";
import { countRows, makeUnit, makeUser, updateUser } from "./helpers.ts";

const admin = { id: 999999, username: "admin-bulk" };
const audits = (action: string, ids: number[]) =>
  countRows("AuditLog", (q) =>
    q.where("action", "=", action).where("objectId", "in", ids.map(String)),
  );
const user = (id: number) =>
  db()
    .selectFrom("User")
    .select(["disabled", "orgUnitId", "mustChangePassword"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
async function session(userId: number) {
  const now = new Date();
  await write((tx) =>
    tx
      .insertInto("Session")
      .values({
        id: `s${userId}-${Math.random()}`,
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 3600_000),
      })
      .execute(),
  );
}

let unitId: number;
beforeAll(async () => {
  unitId = (await makeUnit("批量单位", null)).id;
});

describe("bulk user actions", () => {
  it("disables two users in one go: both disabled, signed out, one audit row each", async () => {
    const a = await makeUser({ orgUnitId: unitId });
    const b = await makeUser({ orgUnitId: unitId });
    await session(a.id);
    await session(b.id);
    const plan = await planBulk(admin, null, "disable", [a.id, b.id], "");
    expect(plan.ok && plan.users.map((u) => u.username)).toEqual([a.username, b.username]);
    const r = await applyBulk(admin, null, "disable", [a.id, b.id, a.id], "");
    expect(r).toMatchObject({ ok: true, count: 2, credentials: null });
    expect((await user(a.id)).disabled).toBe(true);
    expect((await user(b.id)).disabled).toBe(true);
    expect(await countRows("Session", (q) => q.where("userId", "in", [a.id, b.id]))).toBe(0);
    expect(await audits("USER_DISABLE", [a.id, b.id])).toBe(2);
    // And enables them again.
    expect(await applyBulk(admin, null, "enable", [a.id, b.id], "")).toMatchObject({ count: 2 });
    expect((await user(a.id)).disabled).toBe(false);
    expect(await audits("USER_ENABLE", [a.id, b.id])).toBe(2);
  });

  it("refuses to disable oneself, and changes nobody else", async () => {
    const me = await makeUser({ role: "ADMIN" });
    const other = await makeUser({ orgUnitId: unitId });
    const r = await applyBulk(me, null, "disable", [me.id, other.id], "");
    expect(r).toEqual({ ok: false, formError: expect.stringMatching(/不能停用自己/) });
    expect((await user(other.id)).disabled).toBe(false);
    expect(await audits("USER_DISABLE", [me.id, other.id])).toBe(0);
  });

  it("refuses to disable the last enabled ADMIN", async () => {
    const admins = await db()
      .selectFrom("User")
      .select("id")
      .where("role", "=", "ADMIN")
      .where("disabled", "=", false)
      .execute();
    const extra = await makeUser({ role: "ADMIN" });
    const all = [...admins.map((a) => a.id), extra.id];
    const r = await applyBulk(admin, null, "disable", all, "");
    expect(r).toEqual({ ok: false, formError: expect.stringMatching(/最后一位系统管理员/) });
    expect((await user(extra.id)).disabled).toBe(false);
    // Leaving one enabled is allowed.
    expect(await applyBulk(admin, null, "disable", [extra.id], "")).toMatchObject({ ok: true });
  });

  it("two admins disabling each other at once: one wins, one ADMIN stays enabled (race)", async () => {
    await write((tx) =>
      tx.updateTable("User").set({ disabled: true }).where("role", "=", "ADMIN").execute(),
    );
    const a = await makeUser({ role: "ADMIN" });
    const b = await makeUser({ role: "ADMIN" });
    const [ra, rb] = await Promise.all([
      applyBulk(a, null, "disable", [b.id], ""),
      applyBulk(b, null, "disable", [a.id], ""),
    ]);
    expect([ra.ok, rb.ok].filter(Boolean)).toHaveLength(1);
    expect(
      await countRows("User", (q) =>
        q.where("role", "=", "ADMIN").where("disabled", "=", false).where("id", "in", [a.id, b.id]),
      ),
    ).toBe(1);
  });

  it("refuses an AUDITOR among the users (三员分立)", async () => {
    const auditor = await makeUser({ role: "AUDITOR" });
    const staff = await makeUser({ orgUnitId: unitId });
    for (const action of ["disable", "enable", "reset-password"] as const) {
      const r = await applyBulk(admin, null, action, [staff.id, auditor.id], "");
      expect(r).toEqual({ ok: false, formError: expect.stringMatching(/审计管理员/) });
    }
    expect(await audits("USER_PASSWORD_RESET", [staff.id])).toBe(0);
  });

  it("resets passwords: new readable initial passwords that work once changed, one audit row each; refuses oneself", async () => {
    const a = await makeUser({ orgUnitId: unitId });
    const b = await makeUser({ orgUnitId: unitId });
    await updateUser(a.id, { failedLoginCount: 4 });
    const r = await applyBulk(admin, null, "reset-password", [a.id, b.id], "");
    if (!r.ok || !r.credentials) throw new Error("not reset");
    expect(r.credentials.map((c) => c.username)).toEqual([a.username, b.username]);
    for (const c of r.credentials) {
      expect(c.password).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{12}$/);
      const outcome = await login({
        username: c.username,
        password: c.password,
        ip: null,
        previousToken: null,
      });
      expect(outcome.ok && outcome.mustChangePassword).toBe(true);
    }
    expect(await audits("USER_PASSWORD_RESET", [a.id, b.id])).toBe(2);
    const me = await makeUser({ role: "ADMIN" });
    expect(await applyBulk(me, null, "reset-password", [me.id], "")).toMatchObject({ ok: false });
  });

  it("keeps a reset's passwords for one view and one download, for their owner only", () => {
    const creds = [{ username: "u1", name: "甲", unit: "", password: "Abcdefgh2345" }];
    const id = keepCredentials(7, creds);
    expect(viewCredentials(id, 8).credentials).toBeNull();
    expect(viewCredentials(id, 7).credentials).toEqual(creds);
    expect(viewCredentials(id, 7)).toMatchObject({ credentials: null, downloadable: true });
    expect(takeCredentials(id, 8)).toBeNull();
    expect(takeCredentials(id, 7)).toEqual(creds);
    expect(takeCredentials(id, 7)).toBeNull();
  });

  it("moves staff to another unit (signed out, USER_UPDATE per user); refuses unknown units and users without a unit", async () => {
    const target = await makeUnit("目标单位", null);
    const a = await makeUser({ orgUnitId: unitId });
    const b = await makeUser({ role: "MANAGER", orgUnitId: unitId });
    await session(a.id);
    const r = await applyBulk(admin, null, "move", [a.id, b.id], target.code);
    expect(r).toMatchObject({ ok: true, count: 2 });
    expect((await user(a.id)).orgUnitId).toBe(target.id);
    expect((await user(b.id)).orgUnitId).toBe(target.id);
    expect(await countRows("Session", (q) => q.where("userId", "=", a.id))).toBe(0);
    expect(await audits("USER_UPDATE", [a.id, b.id])).toBe(2);

    expect(await applyBulk(admin, null, "move", [a.id], "NO-SUCH-UNIT")).toEqual({
      ok: false,
      formError: expect.stringMatching(/找不到单位编码/),
    });
    expect(await applyBulk(admin, null, "move", [a.id], "")).toMatchObject({ ok: false });
    const expert = await makeUser({ role: "EXPERT" });
    expect(await applyBulk(admin, null, "move", [a.id, expert.id], target.code)).toEqual({
      ok: false,
      formError: expect.stringMatching(/不能移动/),
    });
    expect((await user(expert.id)).orgUnitId).toBeNull();
  });

  it("refuses no users, unknown users and more than 100 at once", async () => {
    expect(await planBulk(admin, null, "enable", [], "")).toMatchObject({ ok: false });
    expect(await planBulk(admin, null, "enable", [2_000_000_000], "")).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/不存在/),
    });
    const many = Array.from({ length: 101 }, (_, i) => i + 1);
    expect(await planBulk(admin, null, "enable", many, "")).toMatchObject({
      ok: false,
      formError: expect.stringMatching(/最多/),
    });
  });
});

describe("refused bulk actions are audited as denials (issue 17 follow-up)", () => {
  let next = 990_000;
  /** An actor of its own per test, so its rows are easy to count. */
  const actor = () => ({ id: ++next, username: `admin-denied-${next}` });
  const denials = (actorId: number) =>
    db()
      .selectFrom("AuditLog")
      .selectAll()
      .where("actorId", "=", actorId)
      .where("action", "=", "PERMISSION_DENIED")
      .orderBy("id")
      .execute();
  const today = () => beijingDay(new Date());
  const deniedToday = async () => (await securitySummary(today(), today())).totals.denials;

  it("an AUDITOR among the users: one PERMISSION_DENIED row naming the action and the auditor, at the preview or the apply", async () => {
    const me = actor();
    const auditor = await makeUser({ role: "AUDITOR" });
    const staff = await makeUser({ orgUnitId: unitId });
    const before = await deniedToday();
    expect(
      await planBulk(me, "10.0.0.9", "reset-password", [staff.id, auditor.id], ""),
    ).toMatchObject({ ok: false });
    const rows = await denials(me.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ result: "DENIED", objectType: "user", ip: "10.0.0.9" });
    expect(rows[0]!.objectId).toBe(String(auditor.id));
    expect(JSON.parse(rows[0]!.detail!)).toEqual({
      reason: "auditor accounts are managed by command only",
      action: "USER_PASSWORD_RESET",
      userIds: [auditor.id],
      count: 2,
    });
    // The auditor reads it in Chinese.
    const [shown] = await describeRows(rows);
    expect(JSON.stringify(shown)).toMatch(/审计管理员账号只能在服务器上用命令管理/);
    // A forged apply (no preview) is refused and audited once, not twice.
    await applyBulk(me, null, "disable", [auditor.id], "");
    expect(await denials(me.id)).toHaveLength(2);
    // The security summary counts them.
    expect(await deniedToday()).toBe(before + 2);
  });

  it("oneself, the last ADMIN and a move of people without a unit are denials too; bad input is not", async () => {
    const me = await makeUser({ role: "ADMIN" });
    const expert = await makeUser({ role: "EXPERT" });
    const target = await makeUnit("拒绝目标", null);
    await applyBulk(me, null, "disable", [me.id], "");
    await applyBulk(me, null, "move", [expert.id], target.code);
    const all = await db()
      .selectFrom("User")
      .select("id")
      .where("role", "=", "ADMIN")
      .where("disabled", "=", false)
      .execute();
    const other = actor();
    await applyBulk(
      other,
      null,
      "disable",
      all.map((a) => a.id),
      "",
    );
    const reasons = [...(await denials(me.id)), ...(await denials(other.id))].map(
      (r) => JSON.parse(r.detail!).reason,
    );
    expect(reasons).toEqual(["own account", "role has no unit", "last enabled admin"]);
    // Nothing ticked, an unknown user, an unknown unit: input errors, not denials.
    const third = actor();
    await planBulk(third, null, "enable", [], "");
    await planBulk(third, null, "enable", [2_000_000_000], "");
    await planBulk(third, null, "move", [expert.id], "NO-SUCH-UNIT");
    expect(await denials(third.id)).toHaveLength(0);
  });
});
