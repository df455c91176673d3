import { compiled } from "#app/data/compiled.server.ts";
import { db, write, type Tx } from "#app/data/db.server.ts";
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

// On every lesson page and course page (and the quiz's): compiled once (decision 0011).
const COURSE_FOR_LEARNER = compiled((q, slug: string, ...audiences: string[]) =>
  q
    .selectFrom("Course")
    .select([
      "id",
      "slug",
      "title",
      "category",
      "summary",
      "creditHours",
      "passMark",
      "questionsPerAttempt",
      "timeLimitMinutes",
      "attemptLimit",
      "quizIntroHtml",
      "version",
    ])
    .where("slug", "=", slug)
    .where("active", "=", true)
    .where("audience", "in", audiences),
);

/** A course the learner's role may open, or null (on every lesson and course page). */
export async function findCourseForLearner(
  slug: string,
  role: string,
): Promise<LearnerCourse | null> {
  const audiences = audiencesFor(role);
  if (audiences.length === 0) return null;
  const row = await COURSE_FOR_LEARNER.first(db(), slug, ...audiences);
  return row ?? null;
}

export async function courseProgress(userId: number, courseId: number) {
  const [lessons, attempts, completion] = await Promise.all([
    db()
      .selectFrom("Lesson as l")
      .leftJoin("LessonProgress as p", (j) =>
        j.onRef("p.lessonId", "=", "l.id").on("p.userId", "=", userId),
      )
      .select(["l.id", "l.slug", "l.title", "l.minReadSeconds", "p.openedAt", "p.readAt"])
      .where("l.courseId", "=", courseId)
      .where("l.active", "=", true)
      .orderBy("l.position")
      .execute(),
    db()
      .selectFrom("QuizAttempt")
      .select(["id", "startedAt", "deadline", "submittedAt", "score", "passed"])
      .where("userId", "=", userId)
      .where("courseId", "=", courseId)
      .where("practice", "=", false)
      .orderBy("id")
      .execute(),
    db()
      .selectFrom("Completion")
      .select(["certificateNo", "completedAt", "score"])
      .where("userId", "=", userId)
      .where("courseId", "=", courseId)
      .executeTakeFirst(),
  ]);
  // Resume where the learner left: the first lesson not yet read.
  const next = lessons.find((l) => !l.readAt) ?? null;
  return { lessons, attempts, completion: completion ?? null, next };
}

const LESSON = compiled((q, courseId: number, slug: string) =>
  q
    .selectFrom("Lesson")
    .select(["id", "courseId", "slug", "title", "html", "minReadSeconds", "position"])
    .where("courseId", "=", courseId)
    .where("slug", "=", slug)
    .where("active", "=", true),
);

export async function findLesson(courseId: number, slug: string) {
  return (await LESSON.first(db(), courseId, slug)) ?? null;
}

const OPENED_AT = compiled((q, userId: number, lessonId: number) =>
  q
    .selectFrom("LessonProgress")
    .select("openedAt")
    .where("userId", "=", userId)
    .where("lessonId", "=", lessonId),
);

/**
 * Records the first time the server shows a lesson to a learner. Idempotent:
 * reopening never moves the start of the reading clock.
 */
export async function recordLessonOpened(
  userId: number,
  lesson: { id: number; courseId: number },
  now: Date,
): Promise<Date> {
  const openedAt = (q: Tx) => OPENED_AT.first(q, userId, lesson.id);
  // Reopening is a read only; the first opening writes two insert-or-ignore rows.
  const seen = await openedAt(db());
  if (seen) return seen.openedAt;
  return write(async (tx) => {
    await tx
      .insertInto("LessonProgress")
      .values({ userId, lessonId: lesson.id, openedAt: now })
      .onConflict((oc) => oc.columns(["userId", "lessonId"]).doNothing())
      .execute();
    await markCourseStarted(tx, userId, lesson.courseId, now);
    return (await openedAt(tx))!.openedAt;
  });
}

/**
 * The course's lessons in order with this learner's opening and read times, for the lesson
 * page's navigation and its reading clock: one SQL statement.
 */
const TRAIL = compiled((q, userId: number, courseId: number) =>
  q
    .selectFrom("Lesson as l")
    .leftJoin("LessonProgress as p", (j) =>
      j.onRef("p.lessonId", "=", "l.id").on("p.userId", "=", userId),
    )
    .select(["l.id", "l.slug", "l.title", "p.openedAt", "p.readAt"])
    .where("l.courseId", "=", courseId)
    .where("l.active", "=", true)
    .orderBy("l.position"),
);

export function lessonTrail(userId: number, courseId: number) {
  return TRAIL.rows(db(), userId, courseId);
}

/**
 * Opens an active lesson for the learner: the course's lessons in order (lessonTrail) and when
 * the server first showed him this one. A reopening is the trail's one read (its opening time
 * is on the lesson's row); the first opening records it (recordLessonOpened), which does not
 * change the trail's read times.
 */
export async function openLesson(
  userId: number,
  lesson: { id: number; courseId: number },
  now: Date,
) {
  const lessons = await lessonTrail(userId, lesson.courseId);
  const seen = lessons.find((l) => l.id === lesson.id)?.openedAt;
  const openedAt = seen ?? (await recordLessonOpened(userId, lesson, now));
  return { lessons, openedAt };
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
  return write(async (tx): Promise<MarkReadResult> => {
    const progress = await tx
      .selectFrom("LessonProgress")
      .select(["openedAt", "readAt"])
      .where("userId", "=", learner.id)
      .where("lessonId", "=", lesson.id)
      .executeTakeFirst();
    if (!progress) return { ok: false, notOpened: true };
    if (progress.readAt !== null) return { ok: true, completed: false };
    const left = secondsLeft(progress.openedAt, lesson.minReadSeconds, now);
    if (left > 0) return { ok: false, secondsLeft: left };
    await tx
      .updateTable("LessonProgress")
      .set({ readAt: now })
      .where("userId", "=", learner.id)
      .where("lessonId", "=", lesson.id)
      .execute();
    return { ok: true, completed: await completeIfEarned(tx, learner, courseId, now, ip) };
  });
}
