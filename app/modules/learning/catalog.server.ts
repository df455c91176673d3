import { stmt } from "#app/utils/db.server.ts";
import { audiencesFor } from "./access.ts";

export type CatalogRow = {
  id: number;
  slug: string;
  title: string;
  category: string;
  audience: string;
  summary: string;
  creditHours: number;
  lessons: number;
  readLessons: number;
  completedAt: number | null;
};

/** The courses a role may take, with the learner's progress: one SQL statement. */
export function listCatalog(
  user: { id: number; role: string },
  filter: { q: string; category: string },
): CatalogRow[] {
  const audiences = audiencesFor(user.role);
  if (audiences.length === 0) return [];
  const params: unknown[] = [user.id, user.id, ...audiences];
  let where = `c.active = 1 AND c.audience IN (${audiences.map(() => "?").join(",")})`;
  if (filter.category) {
    where += " AND c.category = ?";
    params.push(filter.category);
  }
  if (filter.q) {
    where += " AND (instr(c.title, ?) > 0 OR instr(c.summary, ?) > 0)";
    params.push(filter.q, filter.q);
  }
  return stmt(
    `SELECT c.id, c.slug, c.title, c.category, c.audience, c.summary, c.creditHours,
         (SELECT COUNT(*) FROM Lesson l WHERE l.courseId = c.id AND l.active = 1) AS lessons,
         (SELECT COUNT(*) FROM LessonProgress p JOIN Lesson l ON l.id = p.lessonId
            WHERE p.userId = ? AND l.courseId = c.id AND l.active = 1 AND p.readAt IS NOT NULL) AS readLessons,
         (SELECT k.completedAt FROM Completion k WHERE k.userId = ? AND k.courseId = c.id) AS completedAt
       FROM Course c WHERE ${where} ORDER BY c.sortOrder, c.id`,
  ).all(...params) as CatalogRow[];
}

export function catalogCategories(role: string): string[] {
  const audiences = audiencesFor(role);
  if (audiences.length === 0) return [];
  return (
    stmt(
      `SELECT DISTINCT category FROM Course WHERE active = 1 AND audience IN (${audiences.map(() => "?").join(",")}) ORDER BY category`,
    ).all(...audiences) as { category: string }[]
  ).map((r) => r.category);
}
