import { describe, expect, it } from "vitest";
import {
  createUnit,
  deleteUnit,
  listChildren,
  moveUnit,
  renameUnit,
  searchUnits,
  subtreeStats,
  subtreeUnitIds,
} from "#app/modules/org/org.server.ts";
import { requireOrgScope } from "#app/utils/auth.server.ts";
import { sql } from "kysely";
import { db, dialectName, write } from "#app/data/db.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { countRows, makeUnit, makeUser } from "./helpers.ts";

const admin = { id: 0, username: "tester" };

async function tree() {
  const city = await makeUnit("市", null, "CITY");
  const a = await makeUnit("甲区", city, "DISTRICT");
  const a1 = await makeUnit("甲区一街道", a, "TOWNSHIP");
  const a1x = await makeUnit("科室", a1, "DEPARTMENT");
  const b = await makeUnit("乙区", city, "DISTRICT");
  return { city, a, a1, a1x, b };
}

describe("org tree", () => {
  it("returns a subtree with one indexed range query", async () => {
    const t = await tree();
    expect(new Set(await subtreeUnitIds(t.a.path))).toEqual(new Set([t.a.id, t.a1.id, t.a1x.id]));
    // Each dialect's own EXPLAIN; PostgreSQL's planner would scan a table this small, so
    // sequential scans are turned off for the one statement to ask whether the index serves.
    const plan = await db()
      .connection()
      .execute(async (conn) => {
        if (dialectName() === "sqlite") {
          const rows = await sql<{
            detail: string;
          }>`EXPLAIN QUERY PLAN SELECT id FROM OrgUnit WHERE path >= ${t.a.path} AND path < ${"x"}`.execute(
            conn,
          );
          return rows.rows.map((r) => r.detail).join(" ");
        }
        await sql`SET enable_seqscan = off`.execute(conn);
        try {
          const rows = await sql<{
            "QUERY PLAN": string;
          }>`EXPLAIN SELECT id FROM "OrgUnit" WHERE path >= ${t.a.path} AND path < ${"x"}`.execute(
            conn,
          );
          return rows.rows.map((r) => r["QUERY PLAN"]).join(" ");
        } finally {
          await sql`RESET enable_seqscan`.execute(conn);
        }
      });
    expect(plan).toMatch(
      dialectName() === "sqlite"
        ? /SEARCH OrgUnit USING (COVERING )?INDEX OrgUnit_path_key/
        : /(Bitmap )?Index (Only )?Scan (using|on) "OrgUnit_path_key"/,
    );
  });

  it("moves a unit with its whole subtree and keeps depths right", async () => {
    const t = await tree();
    const result = await moveUnit(admin, null, t.a1.id, t.b.code);
    expect(result.ok).toBe(true);
    expect(new Set(await subtreeUnitIds(t.b.path))).toEqual(new Set([t.b.id, t.a1.id, t.a1x.id]));
    expect(await subtreeUnitIds(t.a.path)).toEqual([t.a.id]);
    const moved = await db()
      .selectFrom("OrgUnit")
      .select(["path", "depth"])
      .where("id", "=", t.a1x.id)
      .executeTakeFirstOrThrow();
    expect(moved).toEqual({ path: `${t.b.path}${t.a1.id}/${t.a1x.id}/`, depth: 3 });
    expect(
      await countRows("AuditLog", (q) =>
        q.where("action", "=", "ORG_MOVE").where("objectId", "=", String(t.a1.id)),
      ),
    ).toBe(1);
  });

  it("refuses to move a unit under its own descendant", async () => {
    const t = await tree();
    const result = await moveUnit(admin, null, t.a.id, t.a1x.code);
    expect(result.ok).toBe(false);
    expect(await subtreeUnitIds(t.a.path)).toHaveLength(3);
  });

  it("deletes a unit only when it has no sub-units and no people", async () => {
    const t = await tree();
    expect((await deleteUnit(admin, null, t.a1.id)).ok).toBe(false);
    await makeUser({ orgUnitId: t.b.id });
    expect((await deleteUnit(admin, null, t.b.id)).ok).toBe(false);
    expect((await deleteUnit(admin, null, t.a1x.id)).ok).toBe(true);
    expect(await countRows("OrgUnit", (q) => q.where("id", "=", t.a1x.id))).toBe(0);
  });

  it("creates a sub-unit under its parent's path and refuses a duplicate code", async () => {
    const t = await tree();
    const created = await createUnit(admin, null, t.b.id, {
      name: "乙区司法局",
      code: "B-SFJ",
      kind: "COUNTY_UNIT",
    });
    expect(created.ok).toBe(true);
    const unit = await db()
      .selectFrom("OrgUnit")
      .select(["path", "tier", "depth"])
      .where("code", "=", "B-SFJ")
      .executeTakeFirstOrThrow();
    expect(unit.path.startsWith(t.b.path)).toBe(true);
    expect(unit.tier).toBe(2);
    const dup = await createUnit(admin, null, t.b.id, {
      name: "重复",
      code: "B-SFJ",
      kind: "DEPARTMENT",
    });
    expect(dup.ok === false && "fieldErrors" in dup && dup.fieldErrors?.code).toBe(
      "该单位编码已存在",
    );
  });

  it("two admins creating the same unit code at once: one wins, the other gets the field error", async () => {
    const t = await tree();
    const input = { name: "并发", code: "RACE-1", kind: "DEPARTMENT" as const };
    const results = await Promise.all([
      createUnit(admin, null, t.b.id, input),
      createUnit(admin, null, t.a.id, input),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ fieldErrors: { code: "该单位编码已存在" } });
    expect(await countRows("OrgUnit", (q) => q.where("code", "=", "RACE-1"))).toBe(1);
    expect(
      await countRows("AuditLog", (q) =>
        q.where("action", "=", "ORG_CREATE").where("detail", "like", "%RACE-1%"),
      ),
    ).toBe(1);
  });

  it("renames a unit and records the old and new name in its audit row", async () => {
    const t = await tree();
    await renameUnit(admin, "10.0.0.9", t.b.id, "乙区（新）");
    expect(
      await db()
        .selectFrom("OrgUnit")
        .select("name")
        .where("id", "=", t.b.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ name: "乙区（新）" });
    const row = await db()
      .selectFrom("AuditLog")
      .select(["detail", "ip"])
      .where("action", "=", "ORG_RENAME")
      .where("objectId", "=", String(t.b.id))
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      detail: JSON.stringify({ from: "乙区", to: "乙区（新）" }),
      ip: "10.0.0.9",
    });
  });

  it("moving a department gives it the tier of its new parent", async () => {
    const t = await tree();
    const top = await write((tx) =>
      tx
        .updateTable("OrgUnit")
        .set({ tier: 2 })
        .where("id", "=", t.b.id)
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    expect((await moveUnit(admin, null, t.a1x.id, t.b.code)).ok).toBe(true);
    const moved = await db()
      .selectFrom("OrgUnit")
      .select(["tier", "parentId"])
      .where("id", "=", t.a1x.id)
      .executeTakeFirstOrThrow();
    expect(moved).toEqual({ tier: 2, parentId: top.id });
  });

  it("searches units by name or code; % and _ in the search text are taken literally", async () => {
    const t = await tree();
    const u = await makeUnit("检索测试A%B_科", t.b, "DEPARTMENT");
    const ids = async (q: string) => (await searchUnits(q)).map((r) => r.id);
    expect(await ids(u.code)).toEqual([u.id]);
    expect(await ids("检索测试a%b")).toEqual([u.id]);
    expect(await ids("A%B")).toEqual([u.id]);
    expect(await ids("A_B")).toEqual([]);
    expect(await ids("A%%B")).toEqual([]);
    expect(await ids("%")).toEqual([u.id]);
  });

  it("counts people in the subtree, including people moved between units", async () => {
    const t = await tree();
    const u = await makeUser({ orgUnitId: t.a1x.id });
    await makeUser({ orgUnitId: t.b.id });
    expect((await subtreeStats(t.a.path)).staff).toBe(1);
    await write((tx) =>
      tx.updateTable("User").set({ orgUnitId: t.b.id }).where("id", "=", u.id).execute(),
    );
    expect((await subtreeStats(t.a.path)).staff).toBe(0);
    expect((await subtreeStats(t.b.path)).staff).toBe(2);
    const row = (await listChildren(t.city.id)).find((c) => c.id === t.b.id);
    expect(row).toMatchObject({ userCount: 2, subtreeUserCount: 2, childCount: 0 });
  });
});

describe("manager scope", () => {
  const manager = (path: string): SessionUser => ({
    sessionId: "s",
    id: 1,
    username: "m",
    name: "m",
    role: "MANAGER",
    mustChangePassword: false,
    orgUnitId: 1,
    orgUnitPath: path,
    orgUnitName: "x",
  });
  const req = new Request("http://localhost/manage/x");

  it("lets a manager into his own unit and the units below it", async () => {
    const t = await tree();
    await expect(requireOrgScope(req, manager(t.a.path), t.a1x.path)).resolves.toBeUndefined();
  });

  it("refuses a manager another district with 403 and records the denial", async () => {
    const t = await tree();
    const denials = () => countRows("AuditLog", (q) => q.where("action", "=", "PERMISSION_DENIED"));
    const before = await denials();
    const refused = await requireOrgScope(req, manager(t.a.path), t.b.path).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
    expect(await denials()).toBe(before + 1);
  });

  it("refuses STAFF any org scope", async () => {
    const t = await tree();
    const staff = { ...manager(t.city.path), role: "STAFF" };
    const refused = await requireOrgScope(req, staff, t.a.path).catch((e: unknown) => e);
    expect((refused as Response).status).toBe(403);
  });
});
