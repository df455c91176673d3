import { db } from "#app/data/db.server.ts";
import { textPosition } from "#app/data/portable.server.ts";
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
  completedAt: Date | null;
};

/** The courses a role may take, with the learner's progress: one SQL statement. */
export async function listCatalog(
  user: { id: number; role: string },
  filter: { q: string; category: string },
): Promise<CatalogRow[]> {
  const audiences = audiencesFor(user.role);
  if (audiences.length === 0) return [];
  let query = db()
    .selectFrom("Course as c")
    // One completion at most per (user, course); a plain column, so it reads as a Date.
    .leftJoin("Completion as k", (join) =>
      join.onRef("k.courseId", "=", "c.id").on("k.userId", "=", user.id),
    )
    .select((eb) => [
      "c.id",
      "c.slug",
      "c.title",
      "c.category",
      "c.audience",
      "c.summary",
      "c.creditHours",
      eb
        .selectFrom("Lesson as l")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("l.courseId", "=", "c.id")
        .where("l.active", "=", true)
        .$asScalar()
        .$notNull()
        .as("lessons"),
      eb
        .selectFrom("LessonProgress as p")
        .innerJoin("Lesson as l", "l.id", "p.lessonId")
        .select((e) => e.fn.countAll<number>().as("n"))
        .where("p.userId", "=", user.id)
        .whereRef("l.courseId", "=", "c.id")
        .where("l.active", "=", true)
        .where("p.readAt", "is not", null)
        .$asScalar()
        .$notNull()
        .as("readLessons"),
      "k.completedAt",
    ])
    .where("c.active", "=", true)
    .where("c.audience", "in", audiences);
  if (filter.category) query = query.where("c.category", "=", filter.category);
  // Case-sensitive, literal substring match, as before (not LIKE, which ignores ASCII case).
  const q = filter.q;
  if (q) {
    query = query.where((eb) =>
      eb.or([eb(textPosition("c.title", q), ">", 0), eb(textPosition("c.summary", q), ">", 0)]),
    );
  }
  return query.orderBy("c.sortOrder").orderBy("c.id").execute();
}

export async function catalogCategories(role: string): Promise<string[]> {
  const audiences = audiencesFor(role);
  if (audiences.length === 0) return [];
  const rows = await db()
    .selectFrom("Course")
    .select("category")
    .distinct()
    .where("active", "=", true)
    .where("audience", "in", audiences)
    .orderBy("category")
    .execute();
  return rows.map((r) => r.category);
}
