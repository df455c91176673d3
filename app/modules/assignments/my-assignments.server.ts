import { sql } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";

/** The live assignments covering one staff member, course by course: for 我的学习 (assigned courses first). */
export async function myAssignments(user: { id: number }) {
  return MY_ASSIGNMENTS.read(user.id);
}

// Who an assignment covers is the view AssignmentCoverage; its pairs are kept in AssignmentPerson
// by triggers (pairs.server.ts), indexed by user: his own rows, not the view's UNION of targets.
const MY_ASSIGNMENTS = compiled((q, userId: number) =>
  q
    .selectFrom("AssignmentPerson as ap")
    .innerJoin("Assignment as a", "a.id", "ap.assignmentId")
    .innerJoin("AssignmentCourse as ac", "ac.assignmentId", "a.id")
    .innerJoin("Course as c", "c.id", "ac.courseId")
    .leftJoin("CourseStatus as cs", (join) =>
      join.onRef("cs.courseId", "=", "c.id").on("cs.userId", "=", userId),
    )
    .where("ap.userId", "=", userId)
    .where("a.withdrawnAt", "is", null)
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
    .orderBy("c.sortOrder"),
);

export type MyAssignment = Awaited<ReturnType<typeof myAssignments>>[number];
