import { db } from "#app/data/db.server.ts";
import { personYearHours } from "#app/modules/annual/people.server.ts";
import { shanghaiYear } from "#app/modules/learning/completion.server.ts";
import { annualCreditHours } from "#app/modules/learning/settings.server.ts";
import { myAssignments } from "./my-assignments.server.ts";

/**
 * One person's learning record for a manager: this Beijing year's 学时 against the requirement,
 * the assigned courses not yet started, and the courses with lessons read, attempts, scores and
 * completion time.
 */
export async function personRecord(userId: number, now = new Date()) {
  const user = await db()
    .selectFrom("User as u")
    .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select(["u.id", "u.username", "u.name", "o.name as unitName", "o.path as unitPath"])
    .where("u.id", "=", userId)
    .where("u.role", "=", "STAFF")
    .executeTakeFirst();
  if (!user) return null;
  const statuses = await db()
    .selectFrom("CourseStatus as cs")
    .innerJoin("Course as c", "c.id", "cs.courseId")
    .select(["cs.courseId", "cs.startedAt", "c.title"])
    .where("cs.userId", "=", userId)
    .orderBy("cs.courseId")
    .execute();
  const courseIds = statuses.map((s) => s.courseId);
  if (courseIds.length === 0) courseIds.push(-1);
  const year = shanghaiYear(now);
  const [lessons, read, attempts, completions, exams, hours, required, assigned] =
    await Promise.all([
      db()
        .selectFrom("Lesson")
        .select((eb) => ["courseId", eb.fn.countAll<number>().as("n")])
        .where("courseId", "in", courseIds)
        .where("active", "=", true)
        .groupBy("courseId")
        .execute(),
      db()
        .selectFrom("LessonProgress as lp")
        .innerJoin("Lesson as l", "l.id", "lp.lessonId")
        .select((eb) => ["l.courseId", eb.fn.countAll<number>().as("n")])
        .where("lp.userId", "=", userId)
        .where("lp.readAt", "is not", null)
        .where("l.active", "=", true)
        .where("l.courseId", "in", courseIds)
        .groupBy("l.courseId")
        .execute(),
      db()
        .selectFrom("QuizAttempt")
        .select(["id", "courseId", "startedAt", "submittedAt", "score", "passed"])
        .where("userId", "=", userId)
        .where("practice", "=", false)
        .orderBy("id")
        .execute(),
      db()
        .selectFrom("Completion")
        .select(["courseId", "completedAt", "score", "certificateNo", "creditHours"])
        .where("userId", "=", userId)
        .execute(),
      db()
        .selectFrom("ExamAttempt")
        .select(["id", "year", "startedAt", "submittedAt", "score", "passed"])
        .where("userId", "=", userId)
        .orderBy("id")
        .execute(),
      personYearHours(userId, year),
      annualCreditHours(),
      myAssignments({ id: userId }),
    ]);
  // Assigned courses never opened: no CourseStatus row, so the list below leaves them out.
  const notStarted = assigned
    .filter((a) => a.startedAt === null)
    .map((a) => ({
      assignmentId: a.assignmentId,
      assignment: a.title,
      dueAt: a.dueAt,
      overdue: a.dueAt.getTime() < now.getTime(),
      courseId: a.courseId,
      title: a.courseTitle,
    }));
  const courses = statuses.map((s) => {
    const completion = completions.find((c) => c.courseId === s.courseId);
    return {
      courseId: s.courseId,
      title: s.title,
      startedAt: s.startedAt,
      lessons: lessons.find((l) => l.courseId === s.courseId)?.n ?? 0,
      read: read.find((r) => r.courseId === s.courseId)?.n ?? 0,
      attempts: attempts
        .filter((a) => a.courseId === s.courseId)
        .map(({ id, startedAt, submittedAt, score, passed }) => ({
          id,
          startedAt,
          submittedAt,
          score,
          passed,
        })),
      completion: completion
        ? {
            completedAt: completion.completedAt,
            score: completion.score,
            certificateNo: completion.certificateNo,
            creditHours: completion.creditHours,
          }
        : null,
    };
  });
  return { user, courses, exams, notStarted, year: { year, hours, required } };
}
