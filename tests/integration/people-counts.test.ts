import { describe, expect, it } from "vitest";
import { subtreeStats } from "#app/modules/org/org.server.ts";
import { peopleVersion } from "#app/modules/org/people-version.server.ts";
import { adminCounts } from "#app/modules/users/home.server.ts";
import { makeUnit, makeUser, updateUser } from "./helpers.ts";

// Decision 0014: the home pages' people counts are kept under RollupVersion 3; whatever is
// returned must equal a fresh count at that moment.

const staffOf = async () =>
  (await adminCounts()).usersByRole.find((r) => r.role === "STAFF") ?? { count: 0, disabled: 0 };

describe("home people counts", () => {
  it("are kept until a user's role, status or unit or the org tree changes, and then counted again", async () => {
    const city = await makeUnit("市", null, "CITY");
    const district = await makeUnit("甲区", city, "DISTRICT");
    await makeUser({ orgUnitId: district.id });
    const before = (await staffOf()).count;
    expect(await subtreeStats(city.path)).toEqual({ units: 2, staff: 1, managers: 0 });
    const v = (await peopleVersion())!;
    // Unchanged people: the same version, and a login (lastLoginAt) does not bump it.
    const user = await makeUser({ orgUnitId: district.id });
    const v2 = (await peopleVersion())!;
    expect(v2).toBeGreaterThan(v);
    await updateUser(user.id, { lastLoginAt: new Date() });
    expect(await peopleVersion()).toBe(v2);
    expect((await staffOf()).count).toBe(before + 1);
    expect(await subtreeStats(city.path)).toEqual({ units: 2, staff: 2, managers: 0 });
    // A role change, a disabled account, a move and a new unit are each seen at once.
    await updateUser(user.id, { role: "MANAGER" });
    expect(await subtreeStats(city.path)).toEqual({ units: 2, staff: 1, managers: 1 });
    await updateUser(user.id, { disabled: true });
    expect(
      (await adminCounts()).usersByRole.find((r) => r.role === "MANAGER")!.disabled,
    ).toBeGreaterThan(0);
    const other = await makeUnit("乙区", null, "CITY");
    expect((await subtreeStats(city.path)).units).toBe(2);
    await updateUser(user.id, { orgUnitId: other.id });
    expect(await subtreeStats(city.path)).toEqual({ units: 2, staff: 1, managers: 0 });
    await makeUnit("甲区一街道", district, "TOWNSHIP");
    expect((await subtreeStats(city.path)).units).toBe(3);
  });
});
