import { describe, expect, it } from "vitest";
import { getProfile } from "#app/modules/users/account.server.ts";
import { adminCounts } from "#app/modules/users/home.server.ts";
import { createUser, getUserForAdmin, listUsers } from "#app/modules/users/users.server.ts";
import { countRows, makeUnit, makeUser, unique } from "./helpers.ts";

const admin = { id: 999998, username: "admin-read" };

describe("user pages read through the data layer", () => {
  it("the user search matches % and _ literally, not as wildcards", async () => {
    const stem = unique("lit");
    for (const name of [`${stem}%x`, `${stem}_y`, `${stem}zz`]) {
      const r = await createUser(admin, null, {
        username: unique("s"),
        name,
        role: "EXPERT",
        orgUnitCode: "",
        mobile: "",
      });
      expect(r.ok).toBe(true);
    }
    const names = async (q: string) =>
      (await listUsers({ q, role: "", page: 1 })).rows.map((r) => r.name);
    expect(await names(`${stem}%`)).toEqual([`${stem}%x`]);
    expect(await names(`${stem}_`)).toEqual([`${stem}_y`]);
    expect((await names(stem)).length).toBe(3);
    const page = await listUsers({ q: stem, role: "EXPERT", page: 1 });
    expect(page.total).toBe(3);
    expect(page.pages).toBe(1);
    expect(page.rows[0]!.disabled).toBe(false);
    expect(page.rows[0]!.orgUnit).toBeNull();
    expect((await listUsers({ q: stem, role: "STAFF", page: 1 })).total).toBe(0);
  });

  it("the admin detail and the profile give Dates, booleans and the unit as one object", async () => {
    const unit = await makeUnit("读单位", null);
    const user = await makeUser({ orgUnitId: unit.id, mustChangePassword: true });
    const detail = await getUserForAdmin(user.id);
    expect(detail?.createdAt).toBeInstanceOf(Date);
    expect(detail?.mustChangePassword).toBe(true);
    expect(detail?.orgUnit).toEqual({ id: unit.id, code: unit.code, name: "读单位" });
    expect(await getUserForAdmin(-1)).toBeNull();
    const profile = await getProfile(user.id);
    expect(profile.orgUnit?.name).toBe("读单位");
    expect(profile.lastLoginAt).toBeNull();
  });

  it("the admin home counts users per role, disabled ones apart", async () => {
    const before = await adminCounts();
    await makeUser({ role: "EXPERT", disabled: true });
    await makeUser({ role: "EXPERT" });
    const after = await adminCounts();
    const expert = (c: typeof after) => c.usersByRole.find((r) => r.role === "EXPERT");
    expect(expert(after)!.count - (expert(before)?.count ?? 0)).toBe(2);
    expect(expert(after)!.disabled - (expert(before)?.disabled ?? 0)).toBe(1);
    expect(after.unitsByTier.every((t) => typeof t.count === "number")).toBe(true);
    expect(
      await countRows("User", (q) => q.where("role", "=", "EXPERT").where("disabled", "=", true)),
    ).toBe(expert(after)!.disabled);
  });
});
