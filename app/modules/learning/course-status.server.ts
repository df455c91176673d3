import { compiled } from "#app/data/compiled.server.ts";
import type { Tx } from "#app/data/db.server.ts";

// CourseStatus is the per-learner, per-course summary the audit rollups read. Every
// writer of progress calls one of these inside its own write() transaction (decision 0007).

// On the first opening of a lesson and every quiz start: compiled once (decision 0011).
const STARTED = compiled((q, userId: number, courseId: number, at: Date) =>
  q
    .insertInto("CourseStatus")
    .values({ userId, courseId, startedAt: at })
    .onConflict((oc) => oc.columns(["userId", "courseId"]).doNothing()),
);

export async function markCourseStarted(
  tx: Tx,
  userId: number,
  courseId: number,
  at: Date,
): Promise<void> {
  await STARTED.changes(tx, userId, courseId, at);
}

export async function markCourseCompleted(
  tx: Tx,
  userId: number,
  courseId: number,
  at: Date,
): Promise<void> {
  await COMPLETED.changes(tx, userId, courseId, at);
}

const COMPLETED = compiled((q, userId: number, courseId: number, at: Date) =>
  q
    .insertInto("CourseStatus")
    .values({ userId, courseId, startedAt: at, completedAt: at })
    .onConflict((oc) => oc.columns(["userId", "courseId"]).doUpdateSet({ completedAt: at })),
);

/** The same backfill as the migration, for seeds that insert progress with raw SQL. */
export const COURSE_STATUS_BACKFILL_SQL = `
INSERT OR IGNORE INTO CourseStatus (userId, courseId, startedAt, completedAt)
SELECT userId, courseId, MIN(startedAt), NULL FROM (
  SELECT p.userId, l.courseId, p.openedAt AS startedAt FROM LessonProgress p JOIN Lesson l ON l.id = p.lessonId
  UNION ALL SELECT userId, courseId, startedAt FROM QuizAttempt WHERE practice = 0
  UNION ALL SELECT userId, courseId, completedAt FROM Completion
) GROUP BY userId, courseId;
UPDATE CourseStatus SET completedAt = (SELECT k.completedAt FROM Completion k WHERE k.userId = CourseStatus.userId AND k.courseId = CourseStatus.courseId);
`;
