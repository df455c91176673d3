import { describe, expect, it } from "vitest";
import { changePassword } from "#app/modules/users/account.server.ts";
import { writeAudit } from "#app/utils/audit-log.server.ts";
import { prisma, sqlite } from "#app/utils/db.server.ts";
import { makeUser } from "./helpers.ts";

describe("audit log", () => {
  it("refuses UPDATE of an audit row (trigger), for every client including raw SQL", async () => {
    await writeAudit(prisma, { action: "LOGIN_SUCCESS", result: "SUCCESS" });
    const row = await prisma.auditLog.findFirstOrThrow({ select: { id: true } });
    // The adapter reports the trigger's RAISE(ABORT) as a constraint error; the row must be unchanged.
    await expect(
      prisma.auditLog.update({ where: { id: row.id }, data: { result: "FAILURE" } }),
    ).rejects.toThrow();
    expect(
      (await prisma.auditLog.findUniqueOrThrow({ where: { id: row.id }, select: { result: true } }))
        .result,
    ).toBe("SUCCESS");
    expect(() =>
      sqlite().prepare("UPDATE AuditLog SET action = 'X' WHERE id = ?").run(row.id),
    ).toThrow(/append-only/);
  });

  it("refuses DELETE of audit rows (trigger)", async () => {
    await writeAudit(prisma, { action: "LOGOUT", result: "SUCCESS" });
    const before = await prisma.auditLog.count();
    await expect(prisma.auditLog.deleteMany({})).rejects.toThrow();
    expect(() => sqlite().prepare("DELETE FROM AuditLog").run()).toThrow(/append-only/);
    expect(await prisma.auditLog.count()).toBe(before);
  });

  it("rolls the audit row back with the change it records (same transaction)", async () => {
    const user = await makeUser();
    const before = await prisma.auditLog.count();
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { name: "改名" } });
        await writeAudit(tx, { actor: user, action: "PROFILE_UPDATE", result: "SUCCESS" });
        throw new Error("the change fails after its audit row");
      }),
    ).rejects.toThrow();
    expect(await prisma.auditLog.count()).toBe(before);
    expect(
      (await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { name: true } }))
        .name,
    ).toBe("测试用户");
  });

  it("records a password change with the change, and never the password itself", async () => {
    const user = await makeUser({ password: "Old@2026xx" });
    const session = { ...user, sessionId: "none" };
    const result = await changePassword(session, "10.0.0.1", {
      currentPassword: "Old@2026xx",
      newPassword: "New@2026xx",
    });
    expect(result.ok).toBe(true);
    const row = await prisma.auditLog.findFirstOrThrow({
      where: { actorId: user.id, action: "PASSWORD_CHANGE" },
      select: { result: true, ip: true, detail: true },
    });
    expect(row).toMatchObject({ result: "SUCCESS", ip: "10.0.0.1" });
    const all = JSON.stringify(await prisma.auditLog.findMany({}));
    expect(all).not.toContain("New@2026xx");
    expect(all).not.toContain("Old@2026xx");
  });

  it("drops secret-looking keys from the detail", async () => {
    await writeAudit(prisma, {
      action: "USER_CREATE",
      result: "SUCCESS",
      detail: { password: "p", token: "t", passwordHash: "h", role: "STAFF" },
    });
    const row = await prisma.auditLog.findFirstOrThrow({
      where: { action: "USER_CREATE" },
      orderBy: { id: "desc" },
      select: { detail: true },
    });
    expect(JSON.parse(row.detail!)).toEqual({ role: "STAFF" });
  });
});
