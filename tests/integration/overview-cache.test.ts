import { beforeAll, describe, expect, it } from "vitest";
import {
  createAssignment,
  extendAssignment,
  withdrawAssignment,
} from "#app/modules/assignments/assignments.server.ts";
import {
  BEHIND_LIMIT,
  BEHIND_MIN_ASSIGNED,
  overview,
  overviewCacheStats,
} from "#app/modules/assignments/overview.server.ts";
import { ROLLUP, rollupVersion } from "#app/data/rollup-version.server.ts";
import {
  unitRollup,
  unitsFurthestBehind,
  weeklyCompletions,
} from "#app/modules/assignments/rollup.server.ts";
import {
  markCourseCompleted,
  markCourseStarted,
} from "#app/modules/learning/course-status.server.ts";
import { partStats } from "#app/modules/assignments/overview-parts.server.ts";
import { moveUnit, renameUnit } from "#app/modules/org/org.server.ts";
import { write } from "#app/data/db.server.ts";
import { makeUnit, makeUser, updateUser } from "./helpers.ts";
import { syncFixtureCourse } from "./learning-helpers.ts";

// Decision 0010: the overview is kept per RollupVersion and due-time window; whatever is
// returned must equal a recomputation from the counters at that moment.

const admin = { id: 1, username: "admin", role: "ADMIN", orgUnitPath: null };
const NOW = new Date("2026-06-01T12:00:00+08:00");
let courseId: number;
beforeAll(async () => {
  courseId = (await syncFixtureCourse()).id;
});

async function world() {
  const city = await makeUnit("市", null, "CITY");
  const a = await makeUnit("甲区", city, "DISTRICT");
  const a1 = await makeUnit("甲区一街道", a, "TOWNSHIP");
  const b = await makeUnit("乙区", city, "DISTRICT");
  const people = await Promise.all(
    [a, a1, a1, a1, a1, a1, b].map((u) => makeUser({ orgUnitId: u.id })),
  );
  const id = await createAssignment(
    admin,
    null,
    {
      title: "缓存测试",
      note: "",
      dueDate: "2026-06-30",
      courseId: [courseId],
      unitCodes: [city.code],
      includeSubunits: "on",
      usernames: [],
    },
    new Date("2026-05-01T00:00:00+08:00"),
  );
  if (!id.ok) throw new Error(JSON.stringify(id));
  return {
    city: { ...city, parentId: null },
    a: { ...a, parentId: city.id },
    a1,
    b,
    people,
    id: id.id,
  };
}

const fresh = async (
  ids: number[],
  unit: { id: number; path: string; parentId: number | null },
  now: Date,
) => ({
  ...(await unitRollup(ids, unit, now)),
  weeks: await weeklyCompletions(ids, unit.id),
  behind: await unitsFurthestBehind(ids, unit, BEHIND_LIMIT, BEHIND_MIN_ASSIGNED, now),
});

describe("the kept overview (rollup version)", () => {
  it("returns the kept result while nothing it reads has changed", async () => {
    const w = await world();
    const first = await overview([w.id], w.city, NOW);
    const hits = overviewCacheStats.hits;
    expect(await overview([w.id], w.city, NOW)).toBe(first);
    expect(overviewCacheStats.hits).toBe(hits + 1);
    expect(first).toEqual(await fresh([w.id], w.city, NOW));
  });

  it("equals a recomputation after every kind of write a rollup can see", async () => {
    const w = await world();
    const same = async (label: string, now = NOW) => {
      for (const unit of [w.city, w.a, { ...w.b, parentId: w.city.id }])
        expect(await overview([w.id], unit, now), label).toEqual(await fresh([w.id], unit, now));
    };
    await same("start");
    const before = await rollupVersion(ROLLUP.overview);
    await write((tx) => markCourseStarted(tx, w.people[1]!.id, courseId, NOW));
    expect(await rollupVersion(ROLLUP.overview)).toBeGreaterThan(before!);
    await same("a course started");
    await write((tx) => markCourseCompleted(tx, w.people[2]!.id, courseId, NOW));
    expect((await overview([w.id], w.a, NOW)).total.completed).toBe(1);
    await same("a completion");
    await makeUser({ orgUnitId: w.a1.id });
    expect((await overview([w.id], w.a, NOW)).total.assigned).toBe(7);
    await same("a staff member joining");
    await updateUser(w.people[3]!.id, { orgUnitId: w.b.id });
    await same("a staff member moving");
    await renameUnit({ id: 1, username: "admin" }, null, w.a.id, "甲区（新）");
    expect((await overview([w.id], w.city, NOW)).rows.map((r) => r.name)).toContain("甲区（新）");
    await same("a unit renamed");
    // The parts sum each unit's counters by the tree: a unit moved with its people moves
    // their counts from 甲区's subtree to 乙区's.
    expect(await moveUnit({ id: 1, username: "admin" }, null, w.a1.id, w.b.code)).toEqual({
      ok: true,
    });
    await same("a unit with its people moved");
    expect(await moveUnit({ id: 1, username: "admin" }, null, w.a1.id, w.a.code)).toEqual({
      ok: true,
    });
    await same("and moved back");
    const late = new Date("2026-07-05T12:00:00+08:00");
    expect((await overview([w.id], w.city, late)).total.overdue).toBeGreaterThan(0);
    expect(await extendAssignment(admin, null, w.id, "2026-07-31")).toEqual({ ok: true });
    expect((await overview([w.id], w.city, late)).total.overdue).toBe(0);
    await same("a due date extended", late);
    await withdrawAssignment(admin, null, w.id);
    expect((await overview([w.id], w.city, NOW)).total.assigned).toBe(0);
    await same("the assignment withdrawn");
  });

  it("turns people overdue when the due time passes, with no write in between", async () => {
    const w = await world();
    const lastMoment = new Date("2026-06-30T23:59:59.999+08:00");
    const nextDay = new Date("2026-07-01T00:00:00+08:00");
    expect((await overview([w.id], w.city, lastMoment)).total.overdue).toBe(0);
    expect((await overview([w.id], w.city, nextDay)).total.overdue).toBe(7);
    // And back: a request for an earlier moment is not answered from the later one.
    expect((await overview([w.id], w.city, lastMoment)).total.overdue).toBe(0);
  });

  it("leaves the version alone when a write is rolled back", async () => {
    const w = await world();
    const before = await rollupVersion(ROLLUP.overview);
    await expect(
      write(async (tx) => {
        await markCourseCompleted(tx, w.people[4]!.id, courseId, NOW);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await rollupVersion(ROLLUP.overview)).toBe(before);
    expect((await overview([w.id], w.city, NOW)).total.completed).toBe(0);
  });

  it("recomputes only the parts of the assignments a write touched, and every part (from kept counters) when the org tree changes", async () => {
    const city = await makeUnit("市", null, "CITY");
    const east = await makeUnit("东区", city, "DISTRICT");
    const west = await makeUnit("西区", city, "DISTRICT");
    const eastStaff = await Promise.all(
      Array.from({ length: 6 }, () => makeUser({ orgUnitId: east.id })),
    );
    await Promise.all(Array.from({ length: 5 }, () => makeUser({ orgUnitId: west.id })));
    const make = async (code: string) => {
      const r = await createAssignment(
        admin,
        null,
        {
          title: "分片",
          note: "",
          dueDate: "2026-06-30",
          courseId: [courseId],
          unitCodes: [code],
          includeSubunits: "on",
          usernames: [],
        },
        new Date("2026-05-01T00:00:00+08:00"),
      );
      if (!r.ok) throw new Error(JSON.stringify(r));
      return r.id;
    };
    const ids = [await make(east.code), await make(west.code)];
    const root = { ...city, parentId: null };
    const computed = () => overviewCacheStats.partsComputed;

    let before = computed();
    await overview(ids, root, NOW);
    expect(computed() - before).toBe(2);
    // A completion in 东区 touches only 东区's assignment.
    await write((tx) => markCourseCompleted(tx, eastStaff[0]!.id, courseId, NOW));
    before = computed();
    const after = await overview(ids, root, NOW);
    expect(computed() - before).toBe(1);
    expect(after).toEqual(await fresh(ids, root, NOW));
    // 西区 (0 of 5) is further behind than 东区 (1 of 6).
    expect(after.behind.map((b) => b.name)).toEqual(["西区", "东区"]);
    // A renamed unit changes every part's tree: every part is summed again from the tree,
    // read once, and the counters kept on the assignments' versions (none read again).
    await renameUnit({ id: 1, username: "admin" }, null, west.id, "西区（新）");
    before = computed();
    const { countersRead, treesRead } = partStats;
    expect(await overview(ids, root, NOW)).toEqual(await fresh(ids, root, NOW));
    expect(computed() - before).toBe(2);
    expect(partStats.countersRead).toBe(countersRead);
    expect(partStats.treesRead).toBe(treesRead + 1);
    // A completion reads its assignment's counters again, and only those.
    await write((tx) => markCourseCompleted(tx, eastStaff[1]!.id, courseId, NOW));
    expect(await overview(ids, root, NOW)).toEqual(await fresh(ids, root, NOW));
    expect(partStats.countersRead).toBe(countersRead + 1);
  });
});
