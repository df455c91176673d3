import { db } from "#app/data/db.server.ts";
import { compiled } from "#app/data/compiled.server.ts";
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

const CATALOG = compiled((q, userId: number, ...audiences: string[]) =>
  q
    .selectFrom("Course as c")
    // One completion at most per (user, course); a plain column, so it reads as a Date.
    .leftJoin("Completion as k", (join) =>
      join.onRef("k.courseId", "=", "c.id").on("k.userId", "=", userId),
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
        .where("p.userId", "=", userId)
        .whereRef("l.courseId", "=", "c.id")
        .where("l.active", "=", true)
        .where("p.readAt", "is not", null)
        .$asScalar()
        .$notNull()
        .as("readLessons"),
      "k.completedAt",
    ])
    .where("c.active", "=", true)
    .where("c.audience", "in", audiences)
    .orderBy("c.sortOrder")
    .orderBy("c.id"),
);

/** Every course a role may take, with the learner's progress: one compiled SQL statement. */
async function roleCatalog(user: { id: number; role: string }): Promise<CatalogRow[]> {
  const audiences = audiencesFor(user.role);
  if (audiences.length === 0) return [];
  return CATALOG.read(user.id, ...audiences);
}

/**
 * The search: topic by equality; the words as a case-sensitive, literal substring of the title
 * or summary (not LIKE, which ignores ASCII case and reads `%` and `_` as wildcards).
 */
function matches(c: CatalogRow, filter: { q: string; category: string }): boolean {
  if (filter.category && c.category !== filter.category) return false;
  return !filter.q || c.title.includes(filter.q) || c.summary.includes(filter.q);
}

const titleHit = (c: CatalogRow, q: string): number => Number(c.title.includes(q));

/** The courses a role may take, with the learner's progress, filtered by topic and words. */
export async function listCatalog(
  user: { id: number; role: string },
  filter: { q: string; category: string },
): Promise<CatalogRow[]> {
  return (await roleCatalog(user)).filter((c) => matches(c, filter));
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

const REQUIRED = compiled((q, userId: number) =>
  q
    .selectFrom("AssignmentPerson as ap")
    .innerJoin("Assignment as a", "a.id", "ap.assignmentId")
    .innerJoin("AssignmentCourse as ac", "ac.assignmentId", "a.id")
    .select(["ac.courseId", "a.dueAt"])
    .where("ap.userId", "=", userId)
    .where("a.withdrawnAt", "is", null)
    .orderBy("a.dueAt", "desc"),
);

/** Each course assigned to the learner (a live assignment covering him) with its earliest due time. */
async function requiredCourses(userId: number): Promise<Map<number, Date>> {
  const rows = await REQUIRED.read(userId);
  // Latest first, so the earliest due time is the one kept.
  return new Map(rows.map((r) => [r.courseId, r.dueAt]));
}

const ASSIGNED_ANYWHERE = compiled((q) =>
  q
    .selectFrom("Assignment as a")
    .innerJoin("AssignmentCourse as ac", "ac.assignmentId", "a.id")
    .select("ac.courseId")
    .distinct()
    .where("a.withdrawnAt", "is", null),
);

const ASSIGNED_IN_SUBTREE = compiled((q, lo: string, hi: string) =>
  q
    .selectFrom("Assignment as a")
    .innerJoin("AssignmentCourse as ac", "ac.assignmentId", "a.id")
    .select("ac.courseId")
    .distinct()
    .where("a.withdrawnAt", "is", null)
    .where("a.scopePath", ">=", lo)
    .where("a.scopePath", "<", hi),
);

/** Courses a manager (his subtree) or an admin (everywhere) has already assigned: 已布置. */
async function assignedByMe(user: { role: string; orgUnitPath: string | null }) {
  if (user.role !== "MANAGER" && user.role !== "ADMIN") return new Set<number>();
  let rows: { courseId: number }[];
  if (user.role === "MANAGER") {
    const scope = user.orgUnitPath ?? "/nowhere/";
    rows = await ASSIGNED_IN_SUBTREE.read(scope, subtreeUpperBound(scope));
  } else rows = await ASSIGNED_ANYWHERE.read();
  return new Set(rows.map((r) => r.courseId));
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

type CatalogFilter = { q: string; category: string; status: CatalogStatus | "" };

/**
 * The catalogue page: the cards (the role's courses with the learner's progress, his 必修
 * (assigned) marks with the due date and, for managers and admins, 已布置; filtered by topic,
 * words and status) and the role's topics for the filter (the same as catalogCategories).
 * One read of the role's courses serves both.
 */
export async function cataloguePage(
  user: { id: number; role: string; orgUnitPath: string | null },
  filter: CatalogFilter,
): Promise<{ cards: CatalogCard[]; categories: string[] }> {
  const [all, required, mine] = await Promise.all([
    roleCatalog(user),
    requiredCourses(user.id),
    assignedByMe(user),
  ]);
  const categories = [...new Set(all.map((c) => c.category))].sort();
  const { status } = filter;
  const cards: CatalogCard[] = [];
  for (const c of all) {
    if (!matches(c, filter)) continue;
    const card = {
      ...c,
      status: statusOf(c),
      requiredDue: required.get(c.id) ?? null,
      assignedByMe: mine.has(c.id),
    };
    if (status === "required" ? card.requiredDue !== null : !status || card.status === status)
      cards.push(card);
  }
  // A search lists the courses whose title holds the words first: a match deep in a summary is
  // cut from the card (catalog-view), so it would look like no match at the top (stable sort).
  if (filter.q) cards.sort((a, b) => titleHit(b, filter.q) - titleHit(a, filter.q));
  return { cards, categories };
}

/** The catalogue's cards (cataloguePage without the topics). */
export async function catalogue(
  user: { id: number; role: string; orgUnitPath: string | null },
  filter: CatalogFilter,
): Promise<CatalogCard[]> {
  return (await cataloguePage(user, filter)).cards;
}
