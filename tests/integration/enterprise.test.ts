import { describe, expect, it } from "vitest";
import { approveEnterprise, registerEnterprise } from "#app/modules/booking/enterprise.server.ts";
import { CONSULT_DEFAULTS, saveConsultSettings } from "#app/modules/booking/settings.server.ts";
import { login } from "#app/modules/auth/login.server.ts";
import { db, faults } from "#app/data/db.server.ts";
import { countRows } from "./helpers.ts";

const admin = { id: 1, username: "admin" };
const input = (uscc: string, mobile: string) => ({
  companyName: "鞍山测试有限公司",
  uscc,
  contactName: "王经理",
  mobile,
  password: "Company@2026x",
});

describe("enterprise registration", () => {
  it("is usable at once by default: an ACTIVE enterprise, signed in, who logs in with the code or the mobile", async () => {
    const r = await registerEnterprise(input("91440300708461136T", "13811110001"), null);
    expect(r).toMatchObject({ ok: true, pending: false, token: expect.any(String) });
    expect(
      await db()
        .selectFrom("Enterprise")
        .where("uscc", "=", "91440300708461136T")
        .select("status")
        .executeTakeFirst(),
    ).toEqual({ status: "ACTIVE" });
    for (const username of ["91440300708461136T", "13811110001"]) {
      expect(
        await login({ username, password: "Company@2026x", ip: null, previousToken: null }),
      ).toMatchObject({ ok: true });
    }
  });

  it("refuses a second registration with the same code", async () => {
    await registerEnterprise(input("91350100M000100Y43", "13811110002"), null);
    expect(await registerEnterprise(input("91350100M000100Y43", "13811110003"), null)).toEqual({
      ok: false,
      fieldErrors: { uscc: "该统一社会信用代码已注册，请直接登录" },
    });
    expect(await countRows("Enterprise", (q) => q.where("uscc", "=", "91350100M000100Y43"))).toBe(
      1,
    );
  });

  it("with the approval setting on, waits for ADMIN approval before the login works", async () => {
    await saveConsultSettings(admin, null, { ...CONSULT_DEFAULTS, approvalRequired: true });
    const r = await registerEnterprise(input("91210300MA0Y8B2D2H", "13811110004"), null);
    expect(r).toMatchObject({ ok: true, pending: true, token: null });
    expect(
      await login({
        username: "13811110004",
        password: "Company@2026x",
        ip: null,
        previousToken: null,
      }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/等待系统管理员审核/) });
    const e = await db()
      .selectFrom("Enterprise")
      .where("uscc", "=", "91210300MA0Y8B2D2H")
      .select("id")
      .executeTakeFirstOrThrow();
    expect(await approveEnterprise(admin, null, e.id)).toBe(true);
    expect(
      await login({
        username: "13811110004",
        password: "Company@2026x",
        ip: null,
        previousToken: null,
      }),
    ).toMatchObject({ ok: true });
    await saveConsultSettings(admin, null, CONSULT_DEFAULTS);
  });

  it("commits the user, the enterprise, its audit row and the session together or none of them", async () => {
    const uscc = "91110000MA01ABCD9X";
    const rows = async () => ({
      users: await countRows("User", (q) => q.where("username", "=", uscc)),
      enterprises: await countRows("Enterprise", (q) => q.where("uscc", "=", uscc)),
      audits: await countRows("AuditLog", (q) => q.where("action", "=", "ENTERPRISE_REGISTER")),
      sessions: await countRows("Session"),
    });
    const before = await rows();
    faults.beforeCommit = () => {
      faults.beforeCommit = undefined;
      throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" });
    };
    await expect(registerEnterprise(input(uscc, "13811110009"), null)).rejects.toThrow(/I\/O/);
    expect(await rows()).toEqual(before);
    // And the next registration goes through whole.
    expect(await registerEnterprise(input(uscc, "13811110009"), null)).toMatchObject({ ok: true });
    expect(await rows()).toEqual({
      users: 1,
      enterprises: 1,
      audits: before.audits + 1,
      sessions: before.sessions + 1,
    });
  });
});
