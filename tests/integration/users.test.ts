import { describe, expect, it } from "vitest";
import { login } from "#app/modules/auth/login.server.ts";
import {
  createUser,
  resetUserPassword,
  setUserDisabled,
  updateUser,
} from "#app/modules/users/users.server.ts";
import { write } from "#app/data/db.server.ts";
import { countRows, makeUnit, makeUser, unique } from "./helpers.ts";

const admin = { id: 999999, username: "admin-test" };

describe("user administration", () => {
  it("creates a user with a random initial password that must be changed at first login", async () => {
    const unit = await makeUnit("单位", null);
    const username = unique("new");
    const result = await createUser(admin, null, {
      username,
      name: "新人",
      role: "STAFF",
      orgUnitCode: unit.code,
      mobile: "",
    });
    if (!result.ok) throw new Error("not created");
    const outcome = await login({
      username,
      password: result.password,
      ip: null,
      previousToken: null,
    });
    expect(outcome.ok && outcome.mustChangePassword).toBe(true);
    expect(
      await countRows("AuditLog", (q) =>
        q.where("action", "=", "USER_CREATE").where("objectId", "=", String(result.id)),
      ),
    ).toBe(1);
  });

  it("refuses a duplicate username and an unknown unit, writing nothing", async () => {
    const existing = await makeUser();
    const before = await countRows("User");
    const dup = await createUser(admin, null, {
      username: existing.username,
      name: "x",
      role: "EXPERT",
      orgUnitCode: "",
      mobile: "",
    });
    expect(dup.ok).toBe(false);
    const noUnit = await createUser(admin, null, {
      username: unique("x"),
      name: "x",
      role: "STAFF",
      orgUnitCode: "NO-SUCH",
      mobile: "",
    });
    expect(!noUnit.ok && "fieldErrors" in noUnit && noUnit.fieldErrors?.orgUnitCode).toBe(
      "找不到该单位编码",
    );
    expect(await countRows("User")).toBe(before);
  });

  it("reset password unlocks, ends sessions and forces a change", async () => {
    const user = await makeUser();
    await write((tx) =>
      tx
        .updateTable("User")
        .set({ lockedUntil: new Date(Date.now() + 600_000) })
        .where("id", "=", user.id)
        .execute(),
    );
    const reset = await resetUserPassword(admin, null, user.id);
    if (!reset.ok) throw new Error("reset refused");
    const { password } = reset;
    const outcome = await login({
      username: user.username,
      password,
      ip: null,
      previousToken: null,
    });
    expect(outcome.ok && outcome.mustChangePassword).toBe(true);
  });

  it("disabling a user ends his sessions at once", async () => {
    const user = await makeUser();
    await login({ username: user.username, password: "Test@2026x", ip: null, previousToken: null });
    expect(await countRows("Session", (q) => q.where("userId", "=", user.id))).toBe(1);
    await setUserDisabled(admin, null, user.id, true);
    expect(await countRows("Session", (q) => q.where("userId", "=", user.id))).toBe(0);
  });

  it("an admin cannot disable himself or change his own role", async () => {
    const self = await makeUser({ role: "ADMIN" });
    const actor = { id: self.id, username: self.username };
    expect((await setUserDisabled(actor, null, self.id, true)).ok).toBe(false);
    expect(
      (
        await updateUser(actor, null, self.id, {
          name: "x",
          role: "STAFF",
          orgUnitCode: "",
          mobile: "",
        })
      ).ok,
    ).toBe(false);
  });
});
