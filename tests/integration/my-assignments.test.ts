// 我的学习's 必修学习任务 read the learner's kept pairs (AssignmentPerson, indexed by user) since
// issue 14's session 12; before, the view AssignmentCoverage. The same rows in the same order:
// covered by unit, by subtree and by name, a withdrawn assignment, a course begun and one done;
// the course names come from the kept catalogue and follow a rename.
// Runs on SQLite and (TEST_DB=pg) on PostgreSQL.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { db, write } from "#app/data/db.server.ts";
import {
  createAssignment,
  withdrawAssignment,
} from "#app/modules/assignments/assignments.server.ts";
import { myAssignments } from "#app/modules/assignments/my-assignments.server.ts";
import { makeUnit, makeUser, unique, updateUser } from "./helpers.ts";
import { syncContent } from "./learning-helpers.ts";

const admin = { id: 999997, username: "admin-mine", role: "ADMIN", orgUnitPath: null };
const DUE = (month: number) =>
  `${new Date().getFullYear() + 1}-${String(month).padStart(2, "0")}-28`;

/** The statement before session 12, over the view. */
function oldAssignments(userId: number) {
  return db()
    .selectFrom("AssignmentCoverage as cov")
    .innerJoin("Assignment as a", "a.id", "cov.assignmentId")
    .innerJoin("AssignmentCourse as ac", "ac.assignmentId", "a.id")
    .innerJoin("Course as c", "c.id", "ac.courseId")
    .leftJoin("CourseStatus as cs", (join) =>
      join.onRef("cs.courseId", "=", "c.id").on("cs.userId", "=", userId),
    )
    .where("cov.userId", "=", userId)
    .select([
      "a.id as assignmentId",
      "a.title",
      "a.dueAt",
      "c.id as courseId",
      "c.slug",
      "c.title as courseTitle",
      "cs.startedAt",
      "cs.completedAt",
    ])
    .orderBy(sql`cs."completedAt" IS NOT NULL`)
    .orderBy("a.dueAt")
    .orderBy("a.id")
    .orderBy("c.sortOrder")
    .execute();
}

let courses: number[];
beforeAll(async () => {
  await syncContent();
  courses = (
    await db()
      .selectFrom("Course")
      .select("id")
      .where("active", "=", true)
      .where("audience", "in", ["STAFF", "ALL"])
      .orderBy("sortOrder")
      .orderBy("id")
      .limit(3)
      .execute()
  ).map((c) => c.id);
});

async function assign(
  month: number,
  target: { unitId?: number[]; subtreeId?: number[]; userId?: number[] },
  courseId: number[],
) {
  const r = await createAssignment(admin, null, {
    title: unique("任务"),
    note: "",
    dueDate: DUE(month),
    courseId,
    unitCodes: [],
    usernames: [],
    ...target,
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.id;
}

describe("我的学习: the learner's assignments from his kept pairs (AssignmentPerson)", () => {
  it("lists what the view AssignmentCoverage listed, in the same order", async () => {
    expect(courses.length).toBe(3);
    const [c1, c2, c3] = courses as [number, number, number];
    const city = await makeUnit(unique("市"), null, "CITY");
    const district = await makeUnit(unique("区"), city, "DISTRICT");
    const street = await makeUnit(unique("街道"), district, "TOWNSHIP");
    const me = await makeUser({ role: "STAFF", orgUnitId: street.id });
    const other = await makeUser({ role: "STAFF", orgUnitId: district.id });
    await assign(5, { unitId: [street.id] }, [c1, c2]);
    await assign(3, { subtreeId: [district.id] }, [c3]);
    await assign(4, { userId: [me.id] }, [c2]);
    await assign(2, { unitId: [district.id] }, [c1]); // the other person's unit only
    const gone = await assign(1, { subtreeId: [city.id] }, [c1]);
    await withdrawAssignment(admin, null, gone);
    const now = new Date();
    await write((tx) =>
      tx
        .insertInto("CourseStatus")
        .values([
          { userId: me.id, courseId: c1, startedAt: now, completedAt: now },
          { userId: me.id, courseId: c3, startedAt: now, completedAt: null },
        ])
        .execute(),
    );
    const mine = await myAssignments(me);
    expect(mine.map((a) => [a.courseId, a.completedAt !== null])).toEqual([
      [c3, false],
      [c2, false],
      [c2, false],
      [c1, true],
    ]);
    expect(mine).toEqual(await oldAssignments(me.id));
    expect(await myAssignments(other)).toEqual(await oldAssignments(other.id));

    // A course renamed (the kept catalogue's names, RollupVersion 6) shows at the next read.
    const renamed = unique("改名课程");
    await write((tx) =>
      tx.updateTable("Course").set({ title: renamed }).where("id", "=", c2).execute(),
    );
    expect(
      (await myAssignments(me)).filter((a) => a.courseId === c2).map((a) => a.courseTitle),
    ).toEqual([renamed, renamed]);
    expect(await myAssignments(me)).toEqual(await oldAssignments(me.id));

    // Moved out of the covered subtree, then disabled: the pairs follow (triggers).
    await updateUser(me.id, { orgUnitId: city.id });
    expect(await myAssignments(me)).toEqual(await oldAssignments(me.id));
    expect((await myAssignments(me)).map((a) => a.courseId)).toEqual([c2]);
    await updateUser(me.id, { disabled: true });
    expect(await myAssignments(me)).toEqual([]);
    expect(await oldAssignments(me.id)).toEqual([]);
  });
});
