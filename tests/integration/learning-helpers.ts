import path from "node:path";
import { loadCourses } from "#app/modules/content/load.server.ts";
import { syncCourses } from "#app/modules/content/sync.server.ts";
import { db } from "#app/data/db.server.ts";

/** content/courses in this test file's database, as `syncCourses(loadCourses())` leaves them. */
export async function syncContent() {
  const { courses, errors } = loadCourses();
  if (errors.length) throw new Error(JSON.stringify(errors));
  await syncCourses(courses);
}

/** Syncs tests/fixtures/courses (one course, quiz-demo) into this test file's database. */
export async function syncFixtureCourse() {
  const { courses, errors } = loadCourses(path.resolve("tests/fixtures/courses"));
  if (errors.length) throw new Error(JSON.stringify(errors));
  await syncCourses(courses);
  const course = await db()
    .selectFrom("Course")
    .select([
      "id",
      "version",
      "questionsPerAttempt",
      "timeLimitMinutes",
      "attemptLimit",
      "passMark",
    ])
    .where("slug", "=", "quiz-demo")
    .executeTakeFirstOrThrow();
  const lessons = await db()
    .selectFrom("Lesson")
    .select(["id", "minReadSeconds"])
    .where("courseId", "=", course.id)
    .orderBy("position", "asc")
    .execute();
  return { ...course, lessons };
}

/** The right answers of an attempt's questions, keyed as the quiz form does. */
export async function rightAnswers(
  attemptId: number,
  wrong = false,
): Promise<Record<string, string[]>> {
  const attempt = await db()
    .selectFrom("QuizAttempt")
    .select("draw")
    .where("id", "=", attemptId)
    .executeTakeFirstOrThrow();
  const draw = JSON.parse(attempt.draw) as { questionId: number; options: string[] }[];
  const out: Record<string, string[]> = {};
  for (const d of draw) {
    const q = await db()
      .selectFrom("Question")
      .select("answer")
      .where("id", "=", d.questionId)
      .executeTakeFirstOrThrow();
    const answer = JSON.parse(q.answer) as string[];
    out[String(d.questionId)] = wrong ? [d.options.find((o) => !answer.includes(o))!] : answer;
  }
  return out;
}
