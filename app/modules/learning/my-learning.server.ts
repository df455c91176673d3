import { stmt } from "#app/utils/db.server.ts";
import { audiencesFor } from "./access.ts";
import { shanghaiYear } from "./completion.server.ts";
import { annualCreditHours } from "./settings.server.ts";

/** 学时 of all active courses the role may take: shown as "可获得 N 学时" so the requirement is seen to be reachable. */
export function availableCreditHours(role: string): number {
  const audiences = audiencesFor(role);
  if (audiences.length === 0) return 0;
  return (
    stmt(
      `SELECT COALESCE(SUM(creditHours), 0) AS h FROM Course
         WHERE active = 1 AND audience IN (${audiences.map(() => "?").join(",")})`,
    ).get(...audiences) as { h: number }
  ).h;
}

/** 我的学习: hours this year against the requirement, certificates, courses in progress, 错题本 size. */
export async function myLearning(user: { id: number; role: string }, now: Date) {
  const userId = user.id;
  const year = shanghaiYear(now);
  const hours = (
    stmt(
      "SELECT COALESCE(SUM(creditHours), 0) AS h FROM Completion WHERE userId = ? AND year = ?",
    ).get(userId, year) as { h: number }
  ).h;
  const inProgress = stmt(
    `SELECT c.slug, c.title, COUNT(l.id) AS lessons, COUNT(p.readAt) AS readLessons
       FROM Course c JOIN Lesson l ON l.courseId = c.id AND l.active = 1
       LEFT JOIN LessonProgress p ON p.lessonId = l.id AND p.userId = ?
       WHERE c.active = 1 AND NOT EXISTS (SELECT 1 FROM Completion k WHERE k.userId = ? AND k.courseId = c.id)
         AND (EXISTS (SELECT 1 FROM LessonProgress p2 JOIN Lesson l2 ON l2.id = p2.lessonId WHERE p2.userId = ? AND l2.courseId = c.id)
              OR EXISTS (SELECT 1 FROM QuizAttempt a WHERE a.userId = ? AND a.courseId = c.id AND a.practice = 0))
       GROUP BY c.id ORDER BY c.sortOrder`,
  ).all(userId, userId, userId, userId) as {
    slug: string;
    title: string;
    lessons: number;
    readLessons: number;
  }[];
  const certificates = (
    stmt(
      `SELECT k.certificateNo, k.completedAt, k.creditHours, k.score, c.title, c.slug
         FROM Completion k JOIN Course c ON c.id = k.courseId WHERE k.userId = ? ORDER BY k.completedAt DESC`,
    ).all(userId) as {
      certificateNo: string;
      completedAt: number;
      creditHours: number;
      score: number;
      title: string;
      slug: string;
    }[]
  ).map(({ title, slug, ...k }) => ({ ...k, course: { title, slug } }));
  const wrongCount = (
    stmt("SELECT COUNT(*) AS n FROM WrongAnswer WHERE userId = ?").get(userId) as { n: number }
  ).n;
  return {
    year,
    hours,
    required: await annualCreditHours(),
    available: availableCreditHours(user.role),
    inProgress,
    certificates,
    wrongCount,
  };
}

/** The 错题本 grouped by course. */
export function wrongBook(userId: number) {
  return stmt(
    `SELECT c.id AS courseId, c.slug, c.title AS courseTitle, q.id AS questionId, q.stem, w.wrongCount, w.streak
       FROM WrongAnswer w JOIN Question q ON q.id = w.questionId JOIN Course c ON c.id = q.courseId
       WHERE w.userId = ? AND q.active = 1 ORDER BY c.sortOrder, w.lastWrongAt DESC`,
  ).all(userId) as {
    courseId: number;
    slug: string;
    courseTitle: string;
    questionId: number;
    stem: string;
    wrongCount: number;
    streak: number;
  }[];
}
