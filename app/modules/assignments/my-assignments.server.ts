import { compiled } from "#app/data/compiled.server.ts";
import { catalogIndex } from "#app/modules/learning/catalog-content.server.ts";

/**
 * The live assignments covering one staff member, course by course: for 我的学习 (assigned
 * courses first) and the person page. Completed last, then by due time, assignment and the
 * course's catalogue order.
 */
export async function myAssignments(user: { id: number }) {
  const [rows, { courseName }] = await Promise.all([MY_ASSIGNMENTS.read(user.id), catalogIndex()]);
  const out = rows.map((r) => {
    const course = courseName.get(r.courseId);
    return {
      assignmentId: r.assignmentId,
      title: r.title,
      dueAt: r.dueAt,
      courseId: r.courseId,
      slug: course?.slug ?? "",
      courseTitle: course?.title ?? "",
      startedAt: r.startedAt,
      completedAt: r.completedAt,
      order: course?.sortOrder ?? 0,
    };
  });
  out.sort(
    (a, b) =>
      Number(a.completedAt !== null) - Number(b.completedAt !== null) ||
      a.dueAt.getTime() - b.dueAt.getTime() ||
      a.assignmentId - b.assignmentId ||
      a.order - b.order ||
      a.courseId - b.courseId,
  );
  return out.map(({ order: _, ...a }) => a);
}

// Who an assignment covers is the view AssignmentCoverage; its pairs are kept in AssignmentPerson
// by triggers (pairs.server.ts), indexed by user: his own rows, not the view's UNION of targets.
// The courses' slugs, titles and order come from the kept catalogue (RollupVersion 6), which
// every change of a course moves.
const MY_ASSIGNMENTS = compiled((q, userId: number) =>
  q
    .selectFrom("AssignmentPerson as ap")
    .innerJoin("Assignment as a", "a.id", "ap.assignmentId")
    .innerJoin("AssignmentCourse as ac", "ac.assignmentId", "a.id")
    .leftJoin("CourseStatus as cs", (join) =>
      join.onRef("cs.courseId", "=", "ac.courseId").on("cs.userId", "=", userId),
    )
    .where("ap.userId", "=", userId)
    .where("a.withdrawnAt", "is", null)
    .select([
      "a.id as assignmentId",
      "a.title",
      "a.dueAt",
      "ac.courseId",
      "cs.startedAt",
      "cs.completedAt",
    ]),
);

export type MyAssignment = Awaited<ReturnType<typeof myAssignments>>[number];
