// The assignments' read side, run alike on SQLite (tests/integration/overview-figures.test.ts)
// and PostgreSQL (tests/pg/overview-figures.test.ts): one small fixture written through the data
// layer (the pairs and counters come from each database's own triggers), and the figures the
// overview, the district rollup, the person list and the reminder read from it. Both tests
// compare them with FIGURES below, so the two databases give the same numbers.
import { expect } from "vitest";
import { write } from "#app/data/db.server.ts";
import {
  BEHIND_LIMIT,
  BEHIND_MIN_ASSIGNED,
  overview,
} from "#app/modules/assignments/overview.server.ts";
import {
  behindCount,
  peopleBehind,
  personList,
  personRowsStream,
  unitRollup,
  unitsFurthestBehind,
  weeklyCompletions,
} from "#app/modules/assignments/rollup.server.ts";

export const NOW = new Date("2026-06-01T12:00:00+08:00");
const T0 = new Date("2026-03-01T00:00:00+08:00");

type Unit = { id: number; path: string; parentId: number | null; name: string };

/**
 * 市 > 甲区 (1 person) > 甲区一街道 (5), 甲区 > 空科室 (nobody); 市 > 乙区 (6). Two assignments
 * cover the whole city: 旧任务 (course 1, due before NOW: overdue) and 新任务 (courses 1 and 2,
 * due after NOW). Completions in two different weeks, a course started, a withdrawn third.
 */
export async function buildFixture() {
  return write(async (tx) => {
    const unit = async (name: string, parent: Unit | null): Promise<Unit> => {
      const { id } = await tx
        .insertInto("OrgUnit")
        .values({
          code: `F-${name}`,
          name,
          kind: parent ? "DEPARTMENT" : "CITY",
          tier: parent ? 1 : 0,
          depth: parent ? 1 : 0,
          path: `tmp-${name}`,
          parentId: parent?.id ?? null,
          updatedAt: T0,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const path = `${parent?.path ?? "/"}${id}/`;
      await tx.updateTable("OrgUnit").set({ path }).where("id", "=", id).execute();
      return { id, path, parentId: parent?.id ?? null, name };
    };
    const city = await unit("市", null);
    const a = await unit("甲区", city);
    const a1 = await unit("甲区一街道", a);
    const empty = await unit("空科室", a);
    const b = await unit("乙区", city);
    const { id: adminId } = await tx
      .insertInto("User")
      .values({
        username: "f-admin",
        name: "管理员",
        role: "ADMIN",
        passwordHash: "x",
        updatedAt: T0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const course = async (slug: string) =>
      (
        await tx
          .insertInto("Course")
          .values({
            slug,
            title: slug,
            category: "法律",
            audience: "STAFF",
            summary: "",
            creditHours: 1,
            passMark: 60,
            questionsPerAttempt: 5,
            timeLimitMinutes: 10,
            attemptLimit: 3,
            version: "1",
            updatedAt: T0,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const c1 = await course("f-one");
    const c2 = await course("f-two");
    const assignment = async (title: string, due: string, courses: number[], withdrawn = false) => {
      const { id } = await tx
        .insertInto("Assignment")
        .values({
          title,
          dueAt: new Date(`${due}T23:59:59.999+08:00`),
          createdById: adminId,
          scopePath: city.path,
          createdAt: T0,
          withdrawnAt: withdrawn ? T0 : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const courseId of courses)
        await tx.insertInto("AssignmentCourse").values({ assignmentId: id, courseId }).execute();
      await tx
        .insertInto("AssignmentTarget")
        .values({ assignmentId: id, kind: "SUBTREE", orgUnitId: city.id })
        .execute();
      return id;
    };
    const old = await assignment("旧任务", "2026-05-20", [c1]);
    const current = await assignment("新任务", "2026-06-30", [c1, c2]);
    const withdrawn = await assignment("已撤回", "2026-06-30", [c1], true);
    // Staff join after the assignments: the User insert triggers write their pairs.
    const staff = async (u: Unit, n: number) => {
      const ids: number[] = [];
      for (let i = 0; i < n; i++)
        ids.push(
          (
            await tx
              .insertInto("User")
              .values({
                username: `f-${u.id}-${i}`,
                name: `${u.name}${i}`,
                role: "STAFF",
                passwordHash: "x",
                orgUnitId: u.id,
                updatedAt: T0,
              })
              .returning("id")
              .executeTakeFirstOrThrow()
          ).id,
        );
      return ids;
    };
    const inA = await staff(a, 1);
    const inA1 = await staff(a1, 5);
    const inB = await staff(b, 6);
    const status = (userId: number, courseId: number, started: string, completed?: string) =>
      tx
        .insertInto("CourseStatus")
        .values({
          userId,
          courseId,
          startedAt: new Date(`${started}T10:00:00+08:00`),
          completedAt: completed ? new Date(`${completed}T10:00:00+08:00`) : null,
        })
        .execute();
    // Week 2026-18 (Monday 4 May) and 2026-21 (Monday 25 May), Beijing time.
    await status(inA1[0]!, c1, "2026-05-04", "2026-05-05");
    await status(inA1[0]!, c2, "2026-05-04", "2026-05-26");
    await status(inA1[1]!, c1, "2026-05-04", "2026-05-06");
    await status(inA1[2]!, c1, "2026-05-10");
    await status(inB[0]!, c1, "2026-05-25", "2026-05-27");
    await status(inA[0]!, c2, "2026-05-25");
    return { city, a, a1, b, empty, ids: [old, current, withdrawn], inA1 };
  });
}

type Fixture = Awaited<ReturnType<typeof buildFixture>>;

/** What the pages read, with ids replaced by names (ids differ between the databases). */
export async function figures(f: Fixture) {
  const names = new Map([f.city, f.a, f.a1, f.b, f.empty].map((u) => [u.id, u.name]));
  const named = <R extends { unitId: number }>(rows: R[]) =>
    rows.map(({ unitId, ...r }) => ({ unit: names.get(unitId) ?? "?", ...r }));
  const city = await overview(f.ids, f.city, NOW);
  const district = await overview(f.ids, f.a, NOW);
  // The kept overview equals the plain SQL aggregates at the same moment (decision 0010).
  for (const [o, unit] of [
    [city, f.city],
    [district, f.a],
  ] as const)
    expect(o).toEqual({
      ...(await unitRollup(f.ids, unit, NOW)),
      weeks: await weeklyCompletions(f.ids, unit.id),
      behind: await unitsFurthestBehind(f.ids, unit, BEHIND_LIMIT, BEHIND_MIN_ASSIGNED, NOW),
    });
  const people = await personList(f.ids, f.a1, { status: "", page: 1, pageSize: 3, now: NOW });
  const behindPeople = await peopleBehind(f.ids[1]!, f.a.path);
  const exported: string[] = [];
  for await (const r of personRowsStream(f.ids, f.a, NOW))
    exported.push(`${r.name} ${r.status} ${r.completedAt instanceof Date}`);
  return {
    city: { ...city, rows: named(city.rows), behind: named(city.behind) },
    district: { ...district, rows: named(district.rows), behind: named(district.behind) },
    people: {
      total: people.total,
      rows: people.rows.map((r) => [r.name, r.unitName, r.done, r.courses, r.status]),
      dates: people.rows.every((r) => r.dueAt instanceof Date),
    },
    overdueInA1: (
      await personList(f.ids, f.a1, { status: "overdue", page: 1, pageSize: 50, now: NOW })
    ).total,
    completedInCity: (
      await personList(f.ids, f.city, {
        status: "completed",
        page: 1,
        pageSize: 50,
        now: NOW,
        subtree: true,
      })
    ).total,
    behindInA: await behindCount(f.ids[1]!, f.a.id),
    peopleBehindInA: behindPeople.length,
    firstOfA1Behind: behindPeople.includes(f.inA1[0]!),
    // The export's stream (its own connection) of 甲区's subtree: the first rows.
    exported: exported.slice(0, 4),
    exportedCount: exported.length,
  };
}

/** The figures of the fixture as of NOW, worked out by hand from the records above. */
export const FIGURES = {
  city: {
    total: { assigned: 24, completed: 4, inProgress: 5, notStarted: 15, overdue: 9 },
    rows: [
      {
        unit: "甲区",
        name: "甲区",
        code: "F-甲区",
        own: false,
        hasChildren: true,
        assigned: 12,
        completed: 3,
        inProgress: 4,
        notStarted: 5,
        overdue: 4,
      },
      {
        unit: "乙区",
        name: "乙区",
        code: "F-乙区",
        own: false,
        hasChildren: false,
        assigned: 12,
        completed: 1,
        inProgress: 1,
        notStarted: 10,
        overdue: 5,
      },
    ],
    weeks: [
      { week: "2026-18", completed: 2 },
      { week: "2026-21", completed: 2 },
    ],
    behind: [
      // Issue 17: every unit with anyone assigned is ranked; 甲区's own two people (0 %) were
      // left out while the rule was "at least 5 assigned".
      {
        unit: "甲区",
        name: "甲区",
        code: "F-甲区",
        assigned: 2,
        completed: 0,
        inProgress: 1,
        notStarted: 1,
        overdue: 1,
      },
      {
        unit: "乙区",
        name: "乙区",
        code: "F-乙区",
        assigned: 12,
        completed: 1,
        inProgress: 1,
        notStarted: 10,
        overdue: 5,
      },
      {
        unit: "甲区一街道",
        name: "甲区一街道",
        code: "F-甲区一街道",
        assigned: 10,
        completed: 3,
        inProgress: 3,
        notStarted: 4,
        overdue: 3,
      },
    ],
  },
  district: {
    total: { assigned: 12, completed: 3, inProgress: 4, notStarted: 5, overdue: 4 },
    rows: [
      {
        unit: "甲区",
        name: "本单位人员",
        code: "",
        own: true,
        hasChildren: false,
        assigned: 2,
        completed: 0,
        inProgress: 1,
        notStarted: 1,
        overdue: 1,
      },
      {
        unit: "甲区一街道",
        name: "甲区一街道",
        code: "F-甲区一街道",
        own: false,
        hasChildren: false,
        assigned: 10,
        completed: 3,
        inProgress: 3,
        notStarted: 4,
        overdue: 3,
      },
      {
        unit: "空科室",
        name: "空科室",
        code: "F-空科室",
        own: false,
        hasChildren: false,
        assigned: 0,
        completed: 0,
        inProgress: 0,
        notStarted: 0,
        overdue: 0,
      },
    ],
    weeks: [
      { week: "2026-18", completed: 2 },
      { week: "2026-21", completed: 1 },
    ],
    behind: [
      // Issue 17: every unit with anyone assigned is ranked; 甲区's own two people (0 %) were
      // left out while the rule was "at least 5 assigned".
      {
        unit: "甲区",
        name: "甲区",
        code: "F-甲区",
        assigned: 2,
        completed: 0,
        inProgress: 1,
        notStarted: 1,
        overdue: 1,
      },
      {
        unit: "甲区一街道",
        name: "甲区一街道",
        code: "F-甲区一街道",
        assigned: 10,
        completed: 3,
        inProgress: 3,
        notStarted: 4,
        overdue: 3,
      },
    ],
  },
  people: {
    total: 10,
    rows: [
      ["甲区一街道0", "甲区一街道", 1, 1, "completed"],
      ["甲区一街道0", "甲区一街道", 2, 2, "completed"],
      ["甲区一街道1", "甲区一街道", 1, 1, "completed"],
    ],
    dates: true,
  },
  overdueInA1: 3,
  completedInCity: 4,
  behindInA: 5,
  peopleBehindInA: 5,
  firstOfA1Behind: false,
  exported: [
    "甲区0 overdue false",
    "甲区0 in_progress false",
    "甲区一街道0 completed true",
    "甲区一街道0 completed true",
  ],
  exportedCount: 12,
};
