import { db } from "#app/data/db.server.ts";
import { textPosition } from "#app/data/portable.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import { audiencesFor } from "./access.ts";
import type { CatalogStatus } from "./schemas.ts";

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

/** Each course assigned to the learner (a live assignment covering him) with its earliest due time. */
async function requiredCourses(userId: number): Promise<Map<number, Date>> {
  const rows = await db()
    .selectFrom("AssignmentPerson as ap")
    .innerJoin("Assignment as a", "a.id", "ap.assignmentId")
    .innerJoin("AssignmentCourse as ac", "ac.assignmentId", "a.id")
    .select(["ac.courseId", "a.dueAt"])
    .where("ap.userId", "=", userId)
    .where("a.withdrawnAt", "is", null)
    .orderBy("a.dueAt", "desc")
    .execute();
  // Latest first, so the earliest due time is the one kept.
  return new Map(rows.map((r) => [r.courseId, r.dueAt]));
}

/** Courses a manager (his subtree) or an admin (everywhere) has already assigned: 已布置. */
async function assignedByMe(user: { role: string; orgUnitPath: string | null }) {
  if (user.role !== "MANAGER" && user.role !== "ADMIN") return new Set<number>();
  let q = db()
    .selectFrom("Assignment as a")
    .innerJoin("AssignmentCourse as ac", "ac.assignmentId", "a.id")
    .select("ac.courseId")
    .distinct()
    .where("a.withdrawnAt", "is", null);
  if (user.role === "MANAGER") {
    const scope = user.orgUnitPath ?? "/nowhere/";
    q = q.where("a.scopePath", ">=", scope).where("a.scopePath", "<", subtreeUpperBound(scope));
  }
  return new Set((await q.execute()).map((r) => r.courseId));
}

export type CatalogCard = CatalogRow & {
  status: Exclude<CatalogStatus, "required">;
  requiredDue: Date | null;
  assignedByMe: boolean;
};

function statusOf(c: CatalogRow): CatalogCard["status"] {
  if (c.completedAt) return "completed";
  return c.readLessons > 0 ? "in_progress" : "not_started";
}

/**
 * The catalogue's cards: the role's courses with the learner's progress, his 必修 (assigned)
 * marks with the due date and, for managers and admins, 已布置; filtered by status.
 */
export async function catalogue(
  user: { id: number; role: string; orgUnitPath: string | null },
  filter: { q: string; category: string; status: CatalogStatus | "" },
): Promise<CatalogCard[]> {
  const [rows, required, mine] = await Promise.all([
    listCatalog(user, filter),
    requiredCourses(user.id),
    assignedByMe(user),
  ]);
  const cards = rows.map((c) => ({
    ...c,
    status: statusOf(c),
    requiredDue: required.get(c.id) ?? null,
    assignedByMe: mine.has(c.id),
  }));
  const { status } = filter;
  if (!status) return cards;
  return cards.filter((c) =>
    status === "required" ? c.requiredDue !== null : c.status === status,
  );
}
