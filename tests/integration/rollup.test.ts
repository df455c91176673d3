import { beforeAll, describe, expect, it } from "vitest";
import {
  createAssignment,
  withdrawAssignment,
} from "#app/modules/assignments/assignments.server.ts";
import { checkPairs } from "#app/modules/assignments/pairs.server.ts";
import {
  personList,
  rate,
  unitRollup,
  weeklyCompletions,
} from "#app/modules/assignments/rollup.server.ts";
import { moveUnit } from "#app/modules/org/org.server.ts";
import {
  markCourseCompleted,
  markCourseStarted,
} from "#app/modules/learning/course-status.server.ts";
import { write } from "#app/data/db.server.ts";
import { countRows, makeUnit, makeUser, updateUser } from "./helpers.ts";
import { syncFixtureCourse } from "./learning-helpers.ts";

const admin = { id: 1, username: "admin", role: "ADMIN", orgUnitPath: null };
let courseId: number;
beforeAll(async () => {
  courseId = (await syncFixtureCourse()).id;
});

const NOW = new Date("2026-06-01T12:00:00+08:00");

async function world() {
  const city = await makeUnit("市", null, "CITY");
  const a = await makeUnit("甲区", city, "DISTRICT");
  const a1 = await makeUnit("甲区一街道", a, "TOWNSHIP");
  const empty = await makeUnit("空科室", a, "DEPARTMENT");
  const b = await makeUnit("乙区", city, "DISTRICT");
  const staff = async (unit: { id: number }) => makeUser({ orgUnitId: unit.id });
  const people = {
    a: await staff(a),
    a1x: await staff(a1),
    a1y: await staff(a1),
    b: await staff(b),
  };
  return { city, a, a1, empty, b, people };
}

async function assign(codes: string[], due = "2026-06-30", subunits = true) {
  const r = await createAssignment(
    admin,
    null,
    {
      title: "测试任务",
      note: "",
      dueDate: due,
      courseId: [courseId],
      unitCodes: codes,
      includeSubunits: subunits ? "on" : undefined,
      usernames: [],
    },
    new Date("2026-05-01T00:00:00+08:00"),
  );
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.id;
}

describe("completion rollups", () => {
  it("counts each status per child unit and rolls them up, with an empty unit at zero", async () => {
    const w = await world();
    const id = await assign([w.a.code]);
    await write((tx) => markCourseCompleted(tx, w.people.a1x.id, courseId, NOW));
    await write((tx) => markCourseStarted(tx, w.people.a1y.id, courseId, NOW));
    const { total, rows } = await unitRollup([id], w.a, NOW);
    expect(total).toEqual({ assigned: 3, completed: 1, inProgress: 1, notStarted: 1, overdue: 0 });
    expect(rate(total)).toBe(33.3);
    expect(rows.find((r) => r.own)).toMatchObject({ assigned: 1, notStarted: 1 });
    expect(rows.find((r) => r.unitId === w.a1.id)).toMatchObject({
      assigned: 2,
      completed: 1,
      inProgress: 1,
    });
    expect(rows.find((r) => r.unitId === w.empty.id)).toMatchObject({ assigned: 0, completed: 0 });
    expect((await unitRollup([id], w.city, NOW)).total.assigned).toBe(3);
    expect((await unitRollup([id], w.b, NOW)).total.assigned).toBe(0);
  });

  it("covers staff who join a targeted unit later, and drops staff who move out", async () => {
    const w = await world();
    const id = await assign([w.a.code]);
    const newcomer = await makeUser({ orgUnitId: w.a1.id });
    expect((await unitRollup([id], w.a, NOW)).total.assigned).toBe(4);
    await updateUser(newcomer.id, { orgUnitId: w.b.id });
    await updateUser(w.people.a1x.id, { orgUnitId: w.b.id });
    expect((await unitRollup([id], w.a, NOW)).total.assigned).toBe(2);
  });

  it("targets only the unit itself without its sub-units when asked", async () => {
    const w = await world();
    const id = await assign([w.a.code], "2026-06-30", false);
    expect((await unitRollup([id], w.a, NOW)).total.assigned).toBe(1);
  });

  it("leaves withdrawn assignments out of every count", async () => {
    const w = await world();
    const id = await assign([w.a.code]);
    await withdrawAssignment(admin, null, id);
    expect((await unitRollup([id], w.a, NOW)).total).toEqual({
      assigned: 0,
      completed: 0,
      inProgress: 0,
      notStarted: 0,
      overdue: 0,
    });
  });

  it("is overdue from 00:00 Beijing time on the day after the due date, not before", async () => {
    const w = await world();
    const id = await assign([w.a1.code], "2026-06-30");
    const lastMoment = new Date("2026-06-30T23:59:59.999+08:00");
    const nextDay = new Date("2026-07-01T00:00:00+08:00");
    expect((await unitRollup([id], w.a1, lastMoment)).total.overdue).toBe(0);
    expect((await unitRollup([id], w.a1, nextDay)).total.overdue).toBe(2);
    await write((tx) => markCourseCompleted(tx, w.people.a1x.id, courseId, nextDay));
    expect((await unitRollup([id], w.a1, nextDay)).total).toMatchObject({
      completed: 1,
      overdue: 1,
    });
  });

  it("lists the people of a unit with their status", async () => {
    const w = await world();
    const id = await assign([w.a.code]);
    await write((tx) => markCourseCompleted(tx, w.people.a1x.id, courseId, NOW));
    const list = await personList([id], w.a1, { status: "", page: 1, pageSize: 50, now: NOW });
    expect(list.total).toBe(2);
    expect(list.rows.map((r) => r.status).sort()).toEqual(["completed", "not_started"]);
    expect(
      (await personList([id], w.a1, { status: "completed", page: 1, pageSize: 50, now: NOW }))
        .total,
    ).toBe(1);
  });

  it("refuses a manager targets outside his subtree", async () => {
    const w = await world();
    const manager = { id: 2, username: "m", role: "MANAGER", orgUnitPath: w.a.path };
    const r = await createAssignment(
      manager,
      null,
      {
        title: "越权",
        note: "",
        dueDate: "2026-06-30",
        courseId: [courseId],
        unitCodes: [w.b.code],
        usernames: [],
      },
      new Date("2026-05-01T00:00:00+08:00"),
    );
    expect(r.ok).toBe(false);
    expect(await countRows("Assignment", (q) => q.where("title", "=", "越权"))).toBe(0);
  });

  it("keeps pairs and counters equal to a recomputation from the records after every kind of write", async () => {
    const consistent = async () =>
      expect(await checkPairs()).toEqual({
        missingPairs: 0,
        extraPairs: 0,
        wrongCounters: 0,
        wrongTreeCounters: 0,
        wrongWeeks: 0,
      });
    const w = await world();
    const id = await assign([w.a.code]);
    await consistent();
    await write((tx) => markCourseStarted(tx, w.people.a.id, courseId, NOW));
    await write((tx) => markCourseCompleted(tx, w.people.a1x.id, courseId, NOW));
    await consistent();
    const joiner = await makeUser({ orgUnitId: w.a1.id });
    await updateUser(w.people.a1y.id, { orgUnitId: w.b.id });
    await updateUser(w.people.a.id, { disabled: true });
    await updateUser(joiner.id, { role: "MANAGER" });
    await consistent();
    expect((await unitRollup([id], w.a, NOW)).total).toEqual({
      assigned: 1,
      completed: 1,
      inProgress: 0,
      notStarted: 0,
      overdue: 0,
    });
    // The street with its people moves under 乙区: they leave 甲区's assignment.
    const moved = await moveUnit({ id: 1, username: "admin" }, null, w.a1.id, w.b.code);
    expect(moved).toMatchObject({ ok: true });
    await consistent();
    expect((await unitRollup([id], w.a, NOW)).total.assigned).toBe(0);
    expect((await unitRollup([id], w.city, NOW)).total.assigned).toBe(0);
    const second = await assign([w.b.code]);
    expect((await unitRollup([second], w.b, NOW)).total).toMatchObject({
      assigned: 3,
      completed: 1,
    });
    await withdrawAssignment(admin, null, second);
    await consistent();
  });

  it("draws the weekly trend from completions in Beijing weeks", async () => {
    const w = await world();
    const id = await assign([w.a1.code]);
    await write((tx) =>
      markCourseCompleted(tx, w.people.a1x.id, courseId, new Date("2026-05-04T00:30:00+08:00")),
    );
    await write((tx) =>
      markCourseCompleted(tx, w.people.a1y.id, courseId, new Date("2026-05-10T23:30:00+08:00")),
    );
    expect(await weeklyCompletions([id], w.a.id)).toEqual([{ week: "2026-18", completed: 2 }]);
  });

  it("lists only the unit's own people unless the subtree is asked for", async () => {
    const w = await world();
    const id = await assign([w.a.code]);
    expect(
      (await personList([id], w.a, { status: "", page: 1, pageSize: 50, now: NOW })).total,
    ).toBe(1);
    expect(
      (await personList([id], w.a, { status: "", page: 1, pageSize: 50, now: NOW, subtree: true }))
        .total,
    ).toBe(3);
  });
});
