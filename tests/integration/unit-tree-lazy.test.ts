// Decision 0019: the admin's unit tree (the whole city, ~2,200 units on the scale seed) is sent a
// level at a time: the top, its children, and the children of each unit opened by `open=` (and
// of its ancestors); a search by name answers matches anywhere with their ancestors, within the
// viewer's subtree only. Runs on SQLite and (TEST_DB=pg) on PostgreSQL.
import { describe, expect, it } from "vitest";
import { OpenUnitsParam, UnitSearchQuery } from "#app/modules/org/schemas.ts";
import { findInTree, unitTree } from "#app/modules/org/tree.server.ts";
import { makeUnit, makeUser, unique } from "./helpers.ts";

async function world() {
  const tag = unique("树");
  const top = await makeUnit(`${tag}市`, null, "CITY");
  const a = await makeUnit(`${tag}甲区`, top, "DISTRICT");
  const a1 = await makeUnit(`${tag}甲区一街道`, a, "TOWNSHIP");
  const a11 = await makeUnit(`${tag}甲区一街道党政办`, a1, "DEPARTMENT");
  const b = await makeUnit(`${tag}乙区`, top, "DISTRICT");
  const b1 = await makeUnit(`${tag}乙区二街道`, b, "TOWNSHIP");
  await makeUser({ orgUnitId: a11.id });
  await makeUser({ orgUnitId: b1.id });
  return { tag, top, a, a1, a11, b, b1 };
}
const ids = (units: { id: number }[]) => units.map((u) => u.id).sort((x, y) => x - y);
const sorted = (list: number[]) => [...list].sort((x, y) => x - y);

describe("the lazy unit tree (decision 0019)", () => {
  it("sends the top and its children only, each with how many units sit below it", async () => {
    const w = await world();
    const units = await unitTree(w.top.path, []);
    expect(ids(units)).toEqual(sorted([w.top.id, w.a.id, w.b.id]));
    const a = units.find((u) => u.id === w.a.id)!;
    // Counts stay those of the whole subtree, loaded or not.
    expect(a).toMatchObject({ children: 1, people: 0, total: 1 });
    expect(units.find((u) => u.id === w.top.id)).toMatchObject({ children: 2, total: 2 });
    // Whole (a manager's tree): everything, as before.
    expect(await unitTree(w.top.path)).toHaveLength(6);
  });

  it("open= a deep unit opens its ancestors too; ids outside the subtree open nothing", async () => {
    const w = await world();
    const deep = await unitTree(w.top.path, [w.a1.id]);
    expect(ids(deep)).toEqual(sorted([w.top.id, w.a.id, w.b.id, w.a1.id, w.a11.id]));
    const other = await world();
    const stray = await unitTree(w.a.path, [other.b.id, 2_000_000_000]);
    expect(ids(stray)).toEqual(sorted([w.a.id, w.a1.id]));
  });

  it("search by name finds units at any depth with their ancestors, in scope only", async () => {
    const w = await world();
    const found = await findInTree(w.top.path, "党政办");
    expect(found.matches).toBe(1);
    expect(ids(found.units)).toEqual(sorted([w.top.id, w.a.id, w.a1.id, w.a11.id]));
    // From 乙区's subtree the same text finds nothing.
    expect(await findInTree(w.b.path, "党政办")).toEqual({ units: [], matches: 0 });
    expect((await findInTree(w.top.path, `${w.tag}`)).matches).toBe(6);
  });

  it("refuses hostile open= and search input with Chinese messages", () => {
    expect(OpenUnitsParam.parse("3,4,3")).toEqual([3, 4]);
    expect(OpenUnitsParam.parse("")).toEqual([]);
    for (const bad of [
      "__proto__",
      "1,,2",
      "-1",
      "1e9",
      "99999999999",
      "0",
      "1;2",
      "9".repeat(3000),
    ]) {
      const r = OpenUnitsParam.safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/展开的单位/);
    }
    const many = Array.from({ length: 201 }, (_, i) => i + 1).join(",");
    expect(OpenUnitsParam.safeParse(many).success).toBe(false);
    expect(UnitSearchQuery.safeParse({ q: " " }).error?.issues[0]?.message).toBe("请输入单位名称");
    expect(UnitSearchQuery.safeParse({ q: "长".repeat(41) }).error?.issues[0]?.message).toMatch(
      /最多 40 个字/,
    );
    expect(UnitSearchQuery.safeParse({ q: "区", __proto__x: "1" }).success).toBe(false);
  });
});
