import crypto from "node:crypto";
import { writeAuditRaw } from "#app/utils/audit-log.server.ts";
import { prepared, type Writer } from "#app/utils/db.server.ts";
import { markCourseCompleted } from "./course-status.server.ts";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const randomCode = (length: number) =>
  Array.from({ length }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join("");

/** Beijing-time calendar year of an instant. */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}

/**
 * Writes the completion record when every active lesson is read and a graded,
 * passed, non-practice attempt exists, and none was written before. Called only
 * from grading and from marking a lesson read, inside their transaction, so the
 * record and its audit row commit together. No route accepts a completion.
 */
export function completeIfEarned(
  db: Writer,
  user: { id: number; username: string },
  courseId: number,
  now: Date,
  ip: string | null,
): boolean {
  if (
    prepared(db, "SELECT 1 FROM Completion WHERE userId = ? AND courseId = ?").get(
      user.id,
      courseId,
    )
  )
    return false;
  const course = prepared(db, "SELECT creditHours FROM Course WHERE id = ?").get(courseId) as {
    creditHours: number;
  };
  const { lessons, read } = prepared(
    db,
    `SELECT COUNT(*) AS lessons, COUNT(p.readAt) AS read FROM Lesson l LEFT JOIN LessonProgress p ON p.lessonId = l.id AND p.userId = ?
      WHERE l.courseId = ? AND l.active = 1`,
  ).get(user.id, courseId) as { lessons: number; read: number };
  if (read < lessons) return false;
  const best = prepared(
    db,
    `SELECT score, courseVersion FROM QuizAttempt WHERE userId = ? AND courseId = ? AND practice = 0 AND passed = 1
      ORDER BY score DESC, submittedAt ASC LIMIT 1`,
  ).get(user.id, courseId) as { score: number | null; courseVersion: string } | undefined;
  if (!best) return false;
  const year = shanghaiYear(now);
  const certificateNo = `FZXT-${year}-${randomCode(8)}`;
  const completionId = Number(
    prepared(
      db,
      `INSERT INTO Completion (userId, courseId, courseVersion, score, creditHours, completedAt, year, certificateNo, verifyCode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      user.id,
      courseId,
      best.courseVersion,
      best.score ?? 0,
      course.creditHours,
      now.getTime(),
      year,
      certificateNo,
      randomCode(8),
    ).lastInsertRowid,
  );
  markCourseCompleted(db, user.id, courseId, now);
  writeAuditRaw(db, {
    actor: user,
    action: "COURSE_COMPLETE",
    objectType: "course",
    objectId: courseId,
    result: "SUCCESS",
    ip,
    detail: { completionId, certificateNo, version: best.courseVersion },
  });
  return true;
}
