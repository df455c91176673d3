import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { audit } from "#app/data/audit.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { changePassword } from "#app/modules/users/account.server.ts";
import { makeUser } from "./helpers.ts";

const count = async () =>
  (
    await db()
      .selectFrom("AuditLog")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow()
  ).n;

describe("audit log", () => {
  it("refuses UPDATE of an audit row (trigger), through the layer and raw SQL alike", async () => {
    await write((tx) => audit(tx, { action: "LOGIN_SUCCESS", result: "SUCCESS" }));
    const row = await db()
      .selectFrom("AuditLog")
      .select("id")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    await expect(
      write((tx) =>
        tx.updateTable("AuditLog").set({ result: "FAILURE" }).where("id", "=", row.id).execute(),
      ),
    ).rejects.toThrow(/append-only/);
    expect(
      (
        await db()
          .selectFrom("AuditLog")
          .select("result")
          .where("id", "=", row.id)
          .executeTakeFirstOrThrow()
      ).result,
    ).toBe("SUCCESS");
    await expect(
      write((tx) => sql`UPDATE "AuditLog" SET action = 'X' WHERE id = ${row.id}`.execute(tx)),
    ).rejects.toThrow(/append-only/);
  });

  it("refuses DELETE of audit rows (trigger)", async () => {
    await write((tx) => audit(tx, { action: "LOGOUT", result: "SUCCESS" }));
    const before = await count();
    await expect(write((tx) => tx.deleteFrom("AuditLog").execute())).rejects.toThrow(/append-only/);
    await expect(write((tx) => sql`DELETE FROM "AuditLog"`.execute(tx))).rejects.toThrow(
      /append-only/,
    );
    expect(await count()).toBe(before);
  });

  it("rolls the audit row back with the change it records (same transaction)", async () => {
    const user = await makeUser();
    const before = await count();
    await expect(
      write(async (tx) => {
        await tx.updateTable("User").set({ name: "改名" }).where("id", "=", user.id).execute();
        await audit(tx, { actor: user, action: "PROFILE_UPDATE", result: "SUCCESS" });
        throw new Error("the change fails after its audit row");
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(before);
    expect(
      (
        await db()
          .selectFrom("User")
          .select("name")
          .where("id", "=", user.id)
          .executeTakeFirstOrThrow()
      ).name,
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
    const row = await db()
      .selectFrom("AuditLog")
      .select(["result", "ip", "detail", "at"])
      .where("actorId", "=", user.id)
      .where("action", "=", "PASSWORD_CHANGE")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ result: "SUCCESS", ip: "10.0.0.1" });
    expect(row.at).toBeInstanceOf(Date);
    const all = JSON.stringify(await db().selectFrom("AuditLog").selectAll().execute());
    expect(all).not.toContain("New@2026xx");
    expect(all).not.toContain("Old@2026xx");
  });

  it("drops secret-looking keys from the detail", async () => {
    await write((tx) =>
      audit(tx, {
        action: "USER_CREATE",
        result: "SUCCESS",
        detail: { password: "p", token: "t", passwordHash: "h", role: "STAFF" },
      }),
    );
    const row = await db()
      .selectFrom("AuditLog")
      .select("detail")
      .where("action", "=", "USER_CREATE")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.detail!)).toEqual({ role: "STAFF" });
  });
});
