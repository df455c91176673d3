import crypto from "node:crypto";
import { sql } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import type { Tx } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { markCourseCompleted } from "./course-status.server.ts";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const randomCode = (length: number) =>
  Array.from({ length }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join("");

/** Beijing-time calendar year of an instant. */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}

// The two reads every passing submit makes, compiled once (the quiz hot path).
const DONE = compiled((q, userId: number, courseId: number) =>
  q
    .selectFrom("Completion")
    .select("id")
    .where("userId", "=", userId)
    .where("courseId", "=", courseId),
);
const READING = compiled((q, userId: number, courseId: number) =>
  q
    .selectFrom("Lesson as l")
    .leftJoin("LessonProgress as p", (j) =>
      j.onRef("p.lessonId", "=", "l.id").on("p.userId", "=", userId),
    )
    .select([sql<number>`COUNT(*)`.as("lessons"), sql<number>`COUNT(p."readAt")`.as("read")])
    .where("l.courseId", "=", courseId)
    .where("l.active", "=", true),
);
// And the writes of a completing submit (a passing grade with every lesson read).
const BEST = compiled((q, userId: number, courseId: number) =>
  q
    .selectFrom("QuizAttempt")
    .select(["score", "courseVersion"])
    .where("userId", "=", userId)
    .where("courseId", "=", courseId)
    .where("practice", "=", false)
    .where("passed", "=", true)
    .orderBy("score", "desc")
    .orderBy("submittedAt", "asc")
    .limit(1),
);
const HOURS = compiled((q, courseId: number) =>
  q.selectFrom("Course").select("creditHours").where("id", "=", courseId),
);
const INSERT = compiled(
  (
    q,
    userId: number,
    courseId: number,
    courseVersion: string,
    score: number,
    creditHours: number,
    completedAt: Date,
    year: number,
    certificateNo: string,
    verifyCode: string,
  ) =>
    q
      .insertInto("Completion")
      .values({
        userId,
        courseId,
        courseVersion,
        score,
        creditHours,
        completedAt,
        year,
        certificateNo,
        verifyCode,
      })
      .returning("id"),
);

/**
 * Writes the completion record when every active lesson is read and a graded,
 * passed, non-practice attempt exists, and none was written before. Called only
 * from grading and from marking a lesson read, inside their write() transaction, so
 * the record and its audit row commit together. No route accepts a completion.
 */
export async function completeIfEarned(
  tx: Tx,
  user: { id: number; username: string },
  courseId: number,
  now: Date,
  ip: string | null,
): Promise<boolean> {
  const [done] = await DONE.rows(tx, user.id, courseId);
  if (done) return false;
  const [reading] = await READING.rows(tx, user.id, courseId);
  if (!reading || reading.read < reading.lessons) return false;
  const [best] = await BEST.rows(tx, user.id, courseId);
  if (!best) return false;
  const [course] = await HOURS.rows(tx, courseId);
  if (!course) throw new Error(`completeIfEarned: course ${courseId} not found`);
  const year = shanghaiYear(now);
  const certificateNo = `FZXT-${year}-${randomCode(8)}`;
  const [completion] = await INSERT.rows(
    tx,
    user.id,
    courseId,
    best.courseVersion,
    best.score ?? 0,
    course.creditHours,
    now,
    year,
    certificateNo,
    randomCode(8),
  );
  if (!completion) throw new Error("completeIfEarned: the completion was not written");
  await markCourseCompleted(tx, user.id, courseId, now);
  await audit(tx, {
    actor: user,
    action: "COURSE_COMPLETE",
    objectType: "course",
    objectId: courseId,
    result: "SUCCESS",
    ip,
    detail: { completionId: completion.id, certificateNo, version: best.courseVersion },
  });
  return true;
}
