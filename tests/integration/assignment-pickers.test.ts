import { beforeAll, describe, expect, it } from "vitest";
import { insertRows } from "#app/data/bulk.server.ts";
import { db, write } from "#app/data/db.server.ts";
import {
  createAssignment,
  extendAssignment,
  withdrawAssignment,
} from "#app/modules/assignments/assignments.server.ts";
import { checkPairs } from "#app/modules/assignments/pairs.server.ts";
import { unitRollup } from "#app/modules/assignments/rollup.server.ts";
import { markCourseCompleted } from "#app/modules/learning/course-status.server.ts";
import { moveUnit } from "#app/modules/org/org.server.ts";
import { CreateAssignmentSchema } from "#app/modules/assignments/schemas.ts";
import { searchPeople, unitTree } from "#app/modules/org/tree.server.ts";
import { countRows, makeUnit, makeUser, unique, updateUser } from "./helpers.ts";
import { syncFixtureCourse } from "./learning-helpers.ts";

// Issue 17: the assignment form's unit tree and people pickers post ids; the server re-checks
// every id against the creator's subtree, and everyone covered gets a notice in the same write.

const NOW = new Date("2026-06-01T12:00:00+08:00");
let courseId: number;
beforeAll(async () => {
  courseId = (await syncFixtureCourse()).id;
});

async function world() {
  const city = await makeUnit("市", null, "CITY");
  const a = await makeUnit("甲区", city, "DISTRICT");
  const a1 = await makeUnit("甲区一街道", a, "TOWNSHIP");
  const b = await makeUnit("乙局", city, "DEPARTMENT");
  const inA = await makeUser({ orgUnitId: a.id });
  const inA1 = await makeUser({ orgUnitId: a1.id });
  const inB = await makeUser({ orgUnitId: b.id });
  const boss = await makeUser({ role: "MANAGER", orgUnitId: a.id });
  const manager = { id: boss.id, username: boss.username, role: "MANAGER", orgUnitPath: a.path };
  return { city, a, a1, b, inA, inA1, inB, boss, manager };
}

const base = { title: "选择器任务", note: "", dueDate: "2026-06-30", courseId: [] as number[] };
const input = (more: { unitId?: number[]; subtreeId?: number[]; userId?: number[] }) => ({
  ...base,
  courseId: [courseId],
  unitCodes: [],
  usernames: [],
  ...more,
});
const notices = (userId: number) =>
  countRows("Notification", (q) => q.where("userId", "=", userId).where("kind", "=", "ASSIGNMENT"));

describe("the assignment's pickers are re-checked on the server (issue 17)", () => {
  it("refuses a unit outside the manager's subtree with 403, writes nothing and audits the denial", async () => {
    const w = await world();
    const before = await countRows("Assignment");
    const r = await createAssignment(w.manager, null, input({ unitId: [w.a1.id, w.b.id] }), NOW);
    expect(r).toMatchObject({ ok: false, status: 403 });
    expect(!r.ok && r.fieldErrors.units).toBe("只能向本单位及下级单位布置任务");
    expect(await countRows("Assignment")).toBe(before);
    expect(
      await countRows("AuditLog", (q) =>
        q.where("actorId", "=", w.boss.id).where("result", "=", "DENIED"),
      ),
    ).toBe(1);
  });

  it("refuses a person outside the manager's subtree with 403 and notifies nobody", async () => {
    const w = await world();
    const r = await createAssignment(w.manager, null, input({ userId: [w.inA.id, w.inB.id] }), NOW);
    expect(r).toMatchObject({ ok: false, status: 403 });
    expect(!r.ok && r.fieldErrors.users).toBe("只能向本单位及下级单位的人员布置任务");
    expect(await notices(w.inA.id)).toBe(0);
  });

  it("answers a forged unit or person id (no such row, or not staff) with 400 in Chinese", async () => {
    const w = await world();
    const unit = await createAssignment(
      w.manager,
      null,
      input({ subtreeId: [2_000_000_000] }),
      NOW,
    );
    expect(unit).toMatchObject({ ok: false, status: 400 });
    expect(!unit.ok && unit.fieldErrors.units).toMatch(/所选单位不存在/);
    const person = await createAssignment(w.manager, null, input({ userId: [2_000_000_000] }), NOW);
    expect(person).toMatchObject({ ok: false, status: 400 });
    const manager = await createAssignment(w.manager, null, input({ userId: [w.boss.id] }), NOW);
    expect(!manager.ok && manager.fieldErrors.users).toMatch(/不是工作人员/);
    // Not ids at all: the schema refuses them before any query.
    const parsed = CreateAssignmentSchema.safeParse({
      title: "x",
      dueDate: "2026-06-30",
      courseId: String(courseId),
      unitId: ["__proto__"],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("所选单位无效");
  });

  it("refuses a form with no unit and no person chosen", () => {
    const parsed = CreateAssignmentSchema.safeParse({
      title: "x",
      dueDate: "2026-06-30",
      courseId: String(courseId),
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["units", "请至少选择一个单位或一名人员"],
    ]);
  });

  it("covers a unit alone (unitId) or with everything below (subtreeId), plus picked people, and notifies each once", async () => {
    const w = await world();
    const alone = await createAssignment(w.manager, null, input({ unitId: [w.a.id] }), NOW);
    expect(alone.ok).toBe(true);
    expect(await notices(w.inA.id)).toBe(1);
    expect(await notices(w.inA1.id)).toBe(0);
    const whole = await createAssignment(
      w.manager,
      null,
      // The subtree and a person inside it: still one notice each.
      input({ subtreeId: [w.a.id], userId: [w.inA1.id] }),
      NOW,
    );
    expect(whole.ok).toBe(true);
    expect(await notices(w.inA.id)).toBe(2);
    expect(await notices(w.inA1.id)).toBe(1);
    expect(await notices(w.inB.id)).toBe(0);
    expect(await notices(w.boss.id)).toBe(0);
  });

  // 10,000 people on both dialects. On PostgreSQL this ran past the write bound while the pair
  // triggers fired per row (each pair updating its unit's and every ancestor's counter rows);
  // they now fire once per statement (migration statement_triggers, decision 0019).
  const SIZE = 10_000;
  it(`creates an assignment for a ${SIZE}-person unit in one batch: a notice each, fast`, async () => {
    const city = await makeUnit("大单位", null, "CITY");
    const now = new Date();
    const rows = Array.from({ length: SIZE }, (_, i) => ({
      username: unique(`big${i}-`),
      name: `人员${i}`,
      role: "STAFF",
      passwordHash: "x",
      mustChangePassword: false,
      disabled: false,
      orgUnitId: city.id,
      createdAt: now,
      updatedAt: now,
    }));
    await write((tx) => insertRows(tx, "User", rows));
    const admin = { id: 1, username: "admin", role: "ADMIN", orgUnitPath: null };
    const started = performance.now();
    const r = await createAssignment(admin, null, input({ subtreeId: [city.id] }), NOW);
    const ms = performance.now() - started;
    expect(r.ok).toBe(true);
    expect(
      await countRows("Notification", (q) =>
        q
          .innerJoin("User", "User.id", "Notification.userId")
          .where("User.orgUnitId", "=", city.id)
          .where("Notification.kind", "=", "ASSIGNMENT"),
      ),
    ).toBe(SIZE);
    // One INSERT … SELECT for the notices, as for the pairs: per-person round trips would take
    // many seconds here.
    expect(ms).toBeLessThan(5_000);
  }, 60_000);

  it("keeps a 10,000-person assignment's counters equal to a recount after create, a completion, extend, a bulk move, a unit move and withdraw", async () => {
    const consistent = async (step: string) =>
      expect({ step, ...(await checkPairs()) }).toEqual({
        step,
        missingPairs: 0,
        extraPairs: 0,
        wrongCounters: 0,
        wrongTreeCounters: 0,
        wrongWeeks: 0,
      });
    const city = await makeUnit("大市", null, "CITY");
    const district = await makeUnit("大区", city, "DISTRICT");
    const street = await makeUnit("大街道", district, "TOWNSHIP");
    const other = await makeUnit("另一区", city, "DISTRICT");
    const now = new Date();
    const rows = Array.from({ length: SIZE }, (_, i) => ({
      username: unique(`cnt${i}-`),
      name: `人员${i}`,
      role: "STAFF",
      passwordHash: "x",
      mustChangePassword: false,
      disabled: false,
      orgUnitId: i % 2 ? street.id : district.id,
      createdAt: now,
      updatedAt: now,
    }));
    await write((tx) => insertRows(tx, "User", rows));
    const admin = { id: 1, username: "admin", role: "ADMIN", orgUnitPath: null };
    const r = await createAssignment(admin, null, input({ subtreeId: [city.id] }), NOW);
    expect(r.ok).toBe(true);
    const id = r.ok ? r.id : 0;
    await consistent("create");
    const some = await db()
      .selectFrom("User")
      .select("id")
      .where("orgUnitId", "=", street.id)
      .orderBy("id")
      .limit(3)
      .execute();
    for (const u of some) await write((tx) => markCourseCompleted(tx, u.id, courseId, NOW));
    await consistent("completion");
    expect((await unitRollup([id], city, NOW)).total).toMatchObject({
      assigned: SIZE,
      completed: 3,
    });
    expect(await extendAssignment(admin, null, id, "2026-07-31")).toEqual({ ok: true });
    await consistent("extend");
    // Half the district's own people move to 另一区 in one statement: still covered (the city).
    await write((tx) =>
      tx
        .updateTable("User")
        .set({ orgUnitId: other.id })
        .where("orgUnitId", "=", district.id)
        .where("id", "<=", some[0]!.id + SIZE / 2)
        .execute(),
    );
    await consistent("bulk move");
    // The street, 5,000 people, moves under 另一区.
    expect(await moveUnit({ id: 1, username: "admin" }, null, street.id, other.code)).toMatchObject(
      { ok: true },
    );
    await consistent("unit move");
    expect((await unitRollup([id], other, NOW)).total.completed).toBe(3);
    expect(await withdrawAssignment(admin, null, id)).toEqual({ ok: true });
    await consistent("withdraw");
    expect(await countRows("AssignmentPerson", (q) => q.where("assignmentId", "=", id))).toBe(0);
  }, 300_000);
});

describe("the pickers' reads stay inside the manager's subtree", () => {
  it("the unit tree holds only the subtree, with staff counts of each unit and its subtree", async () => {
    const w = await world();
    const disabled = await makeUser({ orgUnitId: w.a1.id, disabled: true });
    expect(disabled.id).toBeGreaterThan(0);
    const tree = await unitTree(w.a.path);
    expect(tree).toEqual([
      { id: w.a.id, parentId: null, name: "甲区", people: 1, total: 2, children: 1 },
      { id: w.a1.id, parentId: w.a.id, name: "甲区一街道", people: 1, total: 1, children: 0 },
    ]);
  });

  it("people search finds enabled staff by name, 工号 or mobile, in scope only, 20 a page", async () => {
    const w = await world();
    const tag = unique("张");
    await updateUser(w.inA1.id, { name: `${tag}一`, mobile: "13912345678" });
    await updateUser(w.inB.id, { name: `${tag}二` });
    expect((await searchPeople(w.a.path, tag, 1)).people.map((p) => p.id)).toEqual([w.inA1.id]);
    expect((await searchPeople("/", tag, 1)).people).toHaveLength(2);
    expect((await searchPeople(w.a.path, "3912345", 1)).people.map((p) => p.id)).toEqual([
      w.inA1.id,
    ]);
    expect((await searchPeople(w.a.path, w.inA.username, 1)).people.map((p) => p.id)).toEqual([
      w.inA.id,
    ]);
    // The wildcard is a character, not "anything".
    expect((await searchPeople(w.a.path, "%%", 1)).people).toEqual([]);
  });
});
