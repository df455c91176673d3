import crypto from "node:crypto";
import { writeAudit } from "#app/utils/audit-log.server.ts";
import type { Db } from "#app/utils/db.server.ts";
import { markCourseCompleted } from "./course-status.server.ts";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const randomCode = (length: number) => Array.from({ length }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join("");

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
export async function completeIfEarned(tx: Db, user: { id: number; username: string }, courseId: number, now: Date, ip: string | null): Promise<boolean> {
  const existing = await tx.completion.findUnique({ where: { userId_courseId: { userId: user.id, courseId } }, select: { id: true } });
  if (existing) return false;
  const course = await tx.course.findUniqueOrThrow({ where: { id: courseId }, select: { creditHours: true, version: true, lessons: { where: { active: true }, select: { id: true } } } });
  const read = await tx.lessonProgress.count({ where: { userId: user.id, lessonId: { in: course.lessons.map((l) => l.id) }, readAt: { not: null } } });
  if (read < course.lessons.length) return false;
  const best = await tx.quizAttempt.findFirst({
    where: { userId: user.id, courseId, practice: false, passed: true },
    orderBy: [{ score: "desc" }, { submittedAt: "asc" }],
    select: { score: true, courseVersion: true },
  });
  if (!best) return false;
  const year = shanghaiYear(now);
  const completion = await tx.completion.create({
    data: {
      userId: user.id,
      courseId,
      courseVersion: best.courseVersion,
      score: best.score ?? 0,
      creditHours: course.creditHours,
      completedAt: now,
      year,
      certificateNo: `FZXT-${year}-${randomCode(8)}`,
      verifyCode: randomCode(8),
    },
    select: { id: true, certificateNo: true },
  });
  await markCourseCompleted(tx, user.id, courseId, now);
  await writeAudit(tx, { actor: user, action: "COURSE_COMPLETE", objectType: "course", objectId: courseId, result: "SUCCESS", ip, detail: { completionId: completion.id, certificateNo: completion.certificateNo, version: best.courseVersion } });
  return true;
}
