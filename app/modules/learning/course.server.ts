import { prepared, prisma, stmt, writeTx } from "#app/utils/db.server.ts";
import { audiencesFor } from "./access.ts";
import { completeIfEarned } from "./completion.server.ts";
import { markCourseStarted } from "./course-status.server.ts";

type Learner = { id: number; username: string };

export type LearnerCourse = {
  id: number;
  slug: string;
  title: string;
  category: string;
  summary: string;
  creditHours: number;
  passMark: number;
  questionsPerAttempt: number;
  timeLimitMinutes: number;
  attemptLimit: number;
  quizIntroHtml: string | null;
  version: string;
};

/** A course the learner's role may open, or null (raw SQL: on every lesson and course page). */
export async function findCourseForLearner(
  slug: string,
  role: string,
): Promise<LearnerCourse | null> {
  const audiences = audiencesFor(role);
  const row = stmt(
    `SELECT id, slug, title, category, summary, creditHours, passMark, questionsPerAttempt, timeLimitMinutes, attemptLimit, quizIntroHtml, version
       FROM Course WHERE slug = ? AND active = 1 AND audience IN (?, ?)`,
  ).get(slug, audiences[0] ?? "", audiences[1] ?? "") as LearnerCourse | undefined;
  return row ?? null;
}

export async function courseProgress(userId: number, courseId: number) {
  const [lessons, attempts, completion] = await Promise.all([
    prisma.lesson.findMany({
      where: { courseId, active: true },
      orderBy: { position: "asc" },
      select: {
        id: true,
        slug: true,
        title: true,
        minReadSeconds: true,
        progress: { where: { userId }, select: { openedAt: true, readAt: true } },
      },
    }),
    prisma.quizAttempt.findMany({
      where: { userId, courseId, practice: false },
      orderBy: { id: "asc" },
      select: {
        id: true,
        startedAt: true,
        deadline: true,
        submittedAt: true,
        score: true,
        passed: true,
      },
    }),
    prisma.completion.findUnique({
      where: { userId_courseId: { userId, courseId } },
      select: { certificateNo: true, completedAt: true, score: true },
    }),
  ]);
  const rows = lessons.map((l) => ({
    id: l.id,
    slug: l.slug,
    title: l.title,
    minReadSeconds: l.minReadSeconds,
    openedAt: l.progress[0]?.openedAt ?? null,
    readAt: l.progress[0]?.readAt ?? null,
  }));
  // Resume where the learner left: the first lesson not yet read.
  const next = rows.find((l) => !l.readAt) ?? null;
  return { lessons: rows, attempts, completion, next };
}

export async function findLesson(courseId: number, slug: string) {
  return (
    (stmt(
      "SELECT id, courseId, slug, title, html, minReadSeconds, position FROM Lesson WHERE courseId = ? AND slug = ? AND active = 1",
    ).get(courseId, slug) as
      | {
          id: number;
          courseId: number;
          slug: string;
          title: string;
          html: string;
          minReadSeconds: number;
          position: number;
        }
      | undefined) ?? null
  );
}

/**
 * Records the first time the server shows a lesson to a learner. Idempotent:
 * reopening never moves the start of the reading clock.
 */
export async function recordLessonOpened(
  userId: number,
  lesson: { id: number; courseId: number },
  now: Date,
): Promise<Date> {
  const read = () =>
    stmt("SELECT openedAt FROM LessonProgress WHERE userId = ? AND lessonId = ?").get(
      userId,
      lesson.id,
    ) as { openedAt: number } | undefined;
  // Reopening is a read only; the first opening writes two insert-or-ignore rows.
  const seen = read();
  if (seen) return new Date(seen.openedAt);
  return writeTx((db) => {
    prepared(
      db,
      "INSERT OR IGNORE INTO LessonProgress (userId, lessonId, openedAt) VALUES (?, ?, ?)",
    ).run(userId, lesson.id, now.getTime());
    markCourseStarted(db, userId, lesson.courseId, now);
    return new Date(
      (
        prepared(db, "SELECT openedAt FROM LessonProgress WHERE userId = ? AND lessonId = ?").get(
          userId,
          lesson.id,
        ) as { openedAt: number }
      ).openedAt,
    );
  });
}

/** The course's lessons in order with this learner's read time, for the lesson page's navigation: one SQL statement. */
export function lessonTrail(userId: number, courseId: number) {
  return stmt(
    `SELECT l.id, l.slug, l.title, p.readAt FROM Lesson l
       LEFT JOIN LessonProgress p ON p.lessonId = l.id AND p.userId = ?
       WHERE l.courseId = ? AND l.active = 1 ORDER BY l.position`,
  ).all(userId, courseId) as { id: number; slug: string; title: string; readAt: number | null }[];
}

export type MarkReadResult =
  | { ok: true; completed: boolean }
  | { ok: false; secondsLeft: number }
  | { ok: false; notOpened: true };

/** The reading rule: read only once the minimum reading time has passed on the server clock since the server showed it. */
export function secondsLeft(openedAt: Date, minReadSeconds: number, now: Date): number {
  return Math.max(
    0,
    Math.ceil((openedAt.getTime() + minReadSeconds * 1000 - now.getTime()) / 1000),
  );
}

export async function markLessonRead(
  learner: Learner,
  lesson: { id: number; minReadSeconds: number },
  courseId: number,
  now: Date,
  ip: string | null,
): Promise<MarkReadResult> {
  return writeTx((db) => {
    const progress = prepared(
      db,
      "SELECT openedAt, readAt FROM LessonProgress WHERE userId = ? AND lessonId = ?",
    ).get(learner.id, lesson.id) as { openedAt: number; readAt: number | null } | undefined;
    if (!progress) return { ok: false as const, notOpened: true as const };
    if (progress.readAt !== null) return { ok: true as const, completed: false };
    const left = secondsLeft(new Date(progress.openedAt), lesson.minReadSeconds, now);
    if (left > 0) return { ok: false as const, secondsLeft: left };
    prepared(db, "UPDATE LessonProgress SET readAt = ? WHERE userId = ? AND lessonId = ?").run(
      now.getTime(),
      learner.id,
      lesson.id,
    );
    return { ok: true as const, completed: completeIfEarned(db, learner, courseId, now, ip) };
  });
}
