// Issue 12: "who an assignment covers" is defined once, the view AssignmentCoverage. This
// scenario runs on SQLite (tests/integration/coverage.test.ts) and on PostgreSQL
// (tests/pg/coverage.test.ts) through the app's own writes (createAssignment,
// withdrawAssignment, moveUnit, course progress) and plain user inserts and updates. After
// every step the pairs the triggers keep equal the view, `checkPairs` finds nothing, and the
// view says who is covered in words a manager would use.
import { expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import {
  createAssignment,
  withdrawAssignment,
} from "#app/modules/assignments/assignments.server.ts";
import { checkPairs, rebuildPairs } from "#app/modules/assignments/pairs.server.ts";
import {
  markCourseCompleted,
  markCourseStarted,
} from "#app/modules/learning/course-status.server.ts";
import { moveUnit } from "#app/modules/org/org.server.ts";

const T0 = new Date("2026-05-01T00:00:00+08:00");
const CLEAN = {
  missingPairs: 0,
  extraPairs: 0,
  wrongCounters: 0,
  wrongTreeCounters: 0,
  wrongWeeks: 0,
};

export function coverageSuite() {
  const tag = `cv${Date.now().toString(36)}`;
  const ids = new Map<string, number>();
  const names = new Map<number, string>();
  const id = (name: string) => {
    const n = ids.get(name);
    if (n === undefined) throw new Error(`no ${name}`);
    return n;
  };

  async function unit(name: string, parent: string | null) {
    const parentPath = parent
      ? (
          await db()
            .selectFrom("OrgUnit")
            .select("path")
            .where("id", "=", id(parent))
            .executeTakeFirstOrThrow()
        ).path
      : "/";
    await write(async (tx) => {
      const { id: unitId } = await tx
        .insertInto("OrgUnit")
        .values({
          code: `${tag}-${name}`,
          name,
          kind: "UNIT",
          tier: 1,
          depth: parentPath.split("/").length - 2,
          path: `${tag}-pending-${name}`,
          parentId: parent ? id(parent) : null,
          createdAt: T0,
          updatedAt: T0,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx
        .updateTable("OrgUnit")
        .set({ path: `${parentPath}${unitId}/` })
        .where("id", "=", unitId)
        .execute();
      ids.set(name, unitId);
    });
  }

  async function person(name: string, unitName: string, role = "STAFF", disabled = false) {
    const { id: userId } = await write((tx) =>
      tx
        .insertInto("User")
        .values({
          username: `${tag}-${name}`,
          name,
          role,
          passwordHash: "x",
          disabled,
          orgUnitId: id(unitName),
          createdAt: T0,
          updatedAt: T0,
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    ids.set(name, userId);
    names.set(userId, name);
  }

  const setUser = (
    name: string,
    values: { orgUnitId?: number; role?: string; disabled?: boolean },
  ) => write((tx) => tx.updateTable("User").set(values).where("id", "=", id(name)).execute());

  /** Who the view says the assignment covers, by name. */
  async function covered(assignment: string) {
    const rows = await db()
      .selectFrom("AssignmentCoverage")
      .select("userId")
      .where("assignmentId", "=", id(assignment))
      .execute();
    return rows.map((r) => names.get(r.userId ?? -1) ?? `?${r.userId}`).sort();
  }

  /** The kept pairs equal the view, and checkPairs finds every counter true. */
  async function agree(step: string) {
    const kept = await db()
      .selectFrom("AssignmentPerson")
      .select(["assignmentId", "userId", "orgUnitId", "unitPath"])
      .orderBy("assignmentId")
      .orderBy("userId")
      .execute();
    const view = await db()
      .selectFrom("AssignmentCoverage as c")
      // Pairs exist for assignments with courses (all of these have one).
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("AssignmentCourse as ac")
            .select("ac.courseId")
            .whereRef("ac.assignmentId", "=", "c.assignmentId"),
        ),
      )
      .select(["c.assignmentId", "c.userId", "c.orgUnitId", "c.unitPath"])
      .orderBy("c.assignmentId")
      .orderBy("c.userId")
      .execute();
    expect({ step, pairs: kept }).toEqual({ step, pairs: view });
    expect({ step, ...(await checkPairs()) }).toEqual({ step, ...CLEAN });
  }

  let courseId = 0;
  const admin = { id: 0, username: "", role: "ADMIN", orgUnitPath: null };

  async function assign(name: string, units: string[], subtree: boolean, people: string[] = []) {
    const r = await createAssignment(
      admin,
      null,
      {
        title: name,
        note: "",
        dueDate: "2026-06-30",
        courseId: [courseId],
        unitCodes: units.map((u) => `${tag}-${u}`),
        includeSubunits: subtree ? "on" : false,
        usernames: people.map((p) => `${tag}-${p}`),
      },
      T0,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.fieldErrors));
    ids.set(name, r.id);
  }

  it("the triggers and checkPairs agree with AssignmentCoverage after joins, moves and withdrawals", async () => {
    courseId = (
      await write((tx) =>
        tx
          .insertInto("Course")
          .values({
            slug: `${tag}-course`,
            title: "覆盖范围测试课程",
            category: "LAW",
            audience: "STAFF",
            summary: "",
            creditHours: 2,
            passMark: 60,
            questionsPerAttempt: 10,
            timeLimitMinutes: 30,
            attemptLimit: 3,
            version: "v1",
            active: true,
            updatedAt: T0,
          })
          .returning("id")
          .executeTakeFirstOrThrow(),
      )
    ).id;
    // City R: district A with sections A1 (office A1x below it) and A2; district B.
    await unit("R", null);
    await unit("A", "R");
    await unit("A1", "A");
    await unit("A1x", "A1");
    await unit("A2", "A");
    await unit("B", "R");
    await person("admin", "R", "ADMIN");
    admin.id = id("admin");
    admin.username = `${tag}-admin`;
    await person("a", "A");
    await person("a1", "A1");
    await person("a1b", "A1");
    await person("x", "A1x");
    await person("b", "B");
    await person("mgr", "A1", "MANAGER");
    await person("off", "A1", "STAFF", true);

    // S: the subtree of A; U: the unit A1 alone; P: b by name; T: the subtree of B.
    await assign("S", ["A"], true);
    await assign("U", ["A1"], false);
    await assign("P", [], false, ["b"]);
    await assign("T", ["B"], true);
    expect(await covered("S")).toEqual(["a", "a1", "a1b", "x"]);
    expect(await covered("U")).toEqual(["a1", "a1b"]);
    expect(await covered("P")).toEqual(["b"]);
    expect(await covered("T")).toEqual(["b"]);
    await agree("assignments created");

    await person("n", "A2");
    await person("nb", "B");
    await person("nm", "A2", "MANAGER");
    expect(await covered("S")).toEqual(["a", "a1", "a1b", "n", "x"]);
    expect(await covered("T")).toEqual(["b", "nb"]);
    await agree("people joined");

    await write((tx) =>
      markCourseStarted(tx, id("a1"), courseId, new Date("2026-05-03T09:00:00Z")),
    );
    await write((tx) =>
      markCourseCompleted(tx, id("a1"), courseId, new Date("2026-05-03T16:30:00Z")),
    );
    await agree("a course completed");

    await setUser("a1", { orgUnitId: id("B") });
    expect(await covered("S")).toEqual(["a", "a1b", "n", "x"]);
    expect(await covered("U")).toEqual(["a1b"]);
    expect(await covered("T")).toEqual(["a1", "b", "nb"]);
    await agree("a person moved to another unit");

    await setUser("mgr", { role: "STAFF" });
    await setUser("off", { disabled: false });
    await setUser("a", { disabled: true });
    expect(await covered("U")).toEqual(["a1b", "mgr", "off"]);
    expect(await covered("S")).toEqual(["a1b", "mgr", "n", "off", "x"]);
    await agree("roles and disabled flags changed");

    // A1 (with A1x below it) moves under B: one statement rewrites both paths.
    expect((await moveUnit(admin, null, id("A1"), `${tag}-B`)).ok).toBe(true);
    expect(await covered("S")).toEqual(["n"]);
    expect(await covered("U")).toEqual(["a1b", "mgr", "off"]);
    expect(await covered("T")).toEqual(["a1", "a1b", "b", "mgr", "nb", "off", "x"]);
    await agree("a unit with a sub-unit moved");

    // The whole district A moves under B: S still covers A's people (A is still their
    // ancestor), now inside T too.
    expect((await moveUnit(admin, null, id("A"), `${tag}-B`)).ok).toBe(true);
    expect(await covered("S")).toEqual(["n"]);
    expect(await covered("T")).toEqual(["a1", "a1b", "b", "mgr", "n", "nb", "off", "x"]);
    await agree("a district moved");

    expect((await withdrawAssignment(admin, null, id("U"), T0)).ok).toBe(true);
    expect(await covered("U")).toEqual([]);
    await agree("an assignment withdrawn");
  });

  it("checkPairs finds a missing pair and wrong unit, tree and week counters, and rebuildPairs restores them", async () => {
    const before = await db()
      .selectFrom("AssignmentPerson")
      .selectAll()
      .orderBy("assignmentId")
      .orderBy("userId")
      .execute();
    expect(before.length).toBeGreaterThan(0);
    await write(async (tx) => {
      await tx
        .deleteFrom("AssignmentPerson")
        .where("assignmentId", "=", id("T"))
        .where("userId", "=", id("b"))
        .execute();
      await tx
        .updateTable("AssignmentUnitStat")
        .set((eb) => ({ assigned: eb("assigned", "+", 1) }))
        .where("assignmentId", "=", id("S"))
        .execute();
      await tx
        .updateTable("AssignmentTreeStat")
        .set((eb) => ({ inProgress: eb("inProgress", "+", 1) }))
        .where("assignmentId", "=", id("S"))
        .execute();
      await tx
        .updateTable("AssignmentTreeWeek")
        .set((eb) => ({ completed: eb("completed", "+", 1) }))
        .where("assignmentId", "=", id("T"))
        .execute();
    });
    const broken = await checkPairs();
    expect(broken.missingPairs).toBe(1);
    expect(broken.extraPairs).toBe(0);
    expect(broken.wrongCounters).toBeGreaterThan(0);
    expect(broken.wrongTreeCounters).toBeGreaterThan(0);
    expect(broken.wrongWeeks).toBeGreaterThan(0);
    await rebuildPairs();
    expect(await checkPairs()).toEqual(CLEAN);
    expect(
      await db()
        .selectFrom("AssignmentPerson")
        .selectAll()
        .orderBy("assignmentId")
        .orderBy("userId")
        .execute(),
    ).toEqual(before);
  });
}
