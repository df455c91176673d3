import { prepared, type Writer } from "#app/utils/db.server.ts";

// CourseStatus is the per-learner, per-course summary the audit rollups read. Every
// writer of progress calls one of these inside its own writeTx transaction (decision 0007).

export function markCourseStarted(db: Writer, userId: number, courseId: number, at: Date): void {
  prepared(
    db,
    "INSERT OR IGNORE INTO CourseStatus (userId, courseId, startedAt) VALUES (?, ?, ?)",
  ).run(userId, courseId, at.getTime());
}

export function markCourseCompleted(db: Writer, userId: number, courseId: number, at: Date): void {
  prepared(
    db,
    `INSERT INTO CourseStatus (userId, courseId, startedAt, completedAt) VALUES (?, ?, ?, ?)
    ON CONFLICT (userId, courseId) DO UPDATE SET completedAt = excluded.completedAt`,
  ).run(userId, courseId, at.getTime(), at.getTime());
}

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
