import path from "node:path";
import { loadCourses } from "#app/modules/content/load.server.ts";
import { syncCourses } from "#app/modules/content/sync.server.ts";
import { prisma } from "#app/utils/db.server.ts";

/** Syncs tests/fixtures/courses (one course, quiz-demo) into this test file's database. */
export async function syncFixtureCourse() {
  const { courses, errors } = loadCourses(path.resolve("tests/fixtures/courses"));
  if (errors.length) throw new Error(JSON.stringify(errors));
  await syncCourses(courses);
  return prisma.course.findUniqueOrThrow({
    where: { slug: "quiz-demo" },
    select: {
      id: true,
      version: true,
      questionsPerAttempt: true,
      timeLimitMinutes: true,
      attemptLimit: true,
      passMark: true,
      lessons: { select: { id: true, minReadSeconds: true }, orderBy: { position: "asc" } },
    },
  });
}

/** The right answers of an attempt's questions, keyed as the quiz form does. */
export async function rightAnswers(
  attemptId: number,
  wrong = false,
): Promise<Record<string, string[]>> {
  const attempt = await prisma.quizAttempt.findUniqueOrThrow({
    where: { id: attemptId },
    select: { draw: true },
  });
  const draw = JSON.parse(attempt.draw) as { questionId: number; options: string[] }[];
  const out: Record<string, string[]> = {};
  for (const d of draw) {
    const q = await prisma.question.findUniqueOrThrow({
      where: { id: d.questionId },
      select: { answer: true },
    });
    const answer = JSON.parse(q.answer) as string[];
    out[String(d.questionId)] = wrong ? [d.options.find((o) => !answer.includes(o))!] : answer;
  }
  return out;
}
