import { compiled } from "#app/data/compiled.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import { audiencesFor } from "./access.ts";
import { type CatalogCourse, catalogContent, catalogIndex } from "./catalog-content.server.ts";
import { type CourseCardView, cardDay } from "./catalog-view.ts";
import type { CatalogStatus } from "./schemas.ts";

export type CatalogRow = CatalogCourse & {
  readLessons: number;
  completedAt: Date | null;
};

/** The learner's read lessons per course (active lessons only), over his own progress rows. */
const READ_BY_COURSE = compiled((q, userId: number) =>
  q
    .selectFrom("LessonProgress as p")
    .innerJoin("Lesson as l", "l.id", "p.lessonId")
    .select((eb) => ["l.courseId", eb.fn.countAll<number>().as("n")])
    .where("p.userId", "=", userId)
    .where("p.readAt", "is not", null)
    .where("l.active", "=", true)
    .groupBy("l.courseId"),
);

// One completion at most per (user, course); a plain column, so it reads as a Date.
/** The learner's read lessons (any lesson: catalogueView counts the active ones per course). */
const READ_LESSONS = compiled((q, userId: number) =>
  q
    .selectFrom("LessonProgress")
    .select("lessonId")
    .where("userId", "=", userId)
    .where("readAt", "is not", null),
);

const COMPLETED = compiled((q, userId: number) =>
  q.selectFrom("Completion").select(["courseId", "completedAt"]).where("userId", "=", userId),
);

/**
 * Every course a role may take, with the learner's progress: the courses are the kept catalogue
 * content (catalog-content, RollupVersion 6), the progress two reads of the learner's own rows.
 */
async function roleCatalog(user: { id: number; role: string }): Promise<CatalogRow[]> {
  const audiences = audiencesFor(user.role);
  if (audiences.length === 0) return [];
  const [content, read, completed] = await Promise.all([
    catalogContent(),
    READ_BY_COURSE.read(user.id),
    COMPLETED.read(user.id),
  ]);
  const readOf = new Map(read.map((r) => [r.courseId, r.n]));
  const doneOf = new Map(completed.map((r) => [r.courseId, r.completedAt]));
  const rows: CatalogRow[] = [];
  for (const c of content)
    if (audiences.includes(c.audience))
      rows.push({
        ...c,
        readLessons: readOf.get(c.id) ?? 0,
        completedAt: doneOf.get(c.id) ?? null,
      });
  return rows;
}

/**
 * The search: topic by equality; the words as a case-sensitive, literal substring of the title
 * or summary (not LIKE, which ignores ASCII case and reads `%` and `_` as wildcards).
 */
function matches(c: CatalogCourse, filter: { q: string; category: string }): boolean {
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

/** The topics of the courses a role may take, sorted. */
export async function catalogCategories(role: string): Promise<string[]> {
  const audiences = audiencesFor(role);
  if (audiences.length === 0) return [];
  const content = await catalogContent();
  const topics = new Set<string>();
  for (const c of content) if (audiences.includes(c.audience)) topics.add(c.category);
  return [...topics].sort();
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

/** The status filter: 必修 (a live assignment covers the learner), a card status, or any. */
function hasStatus(filter: CatalogStatus | "", status: CatalogCard["status"], required: boolean) {
  return filter === "required" ? required : !filter || status === filter;
}

/**
 * The catalogue page: the cards (the role's courses with the learner's progress, his 必修
 * (assigned) marks with the due date and, for managers and admins, 已布置; filtered by topic,
 * words and status) and the role's topics for the filter (the same as catalogCategories).
 * One read of the role's courses serves both. The route uses catalogueView; this is the
 * reference its test compares against (rows with ids and Dates, as the older tests read them).
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
  const cards: CatalogCard[] = [];
  for (const c of all) {
    if (!matches(c, filter)) continue;
    const card = {
      ...c,
      status: statusOf(c),
      requiredDue: required.get(c.id) ?? null,
      assignedByMe: mine.has(c.id),
    };
    if (hasStatus(filter.status, card.status, card.requiredDue !== null)) cards.push(card);
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

/** The role's topics, sorted, per kept content list (catalog-content): computed once a version. */
const topicsKept = new WeakMap<readonly CatalogCourse[], Map<string, string[]>>();

function topicsOf(content: readonly CatalogCourse[], role: string, audiences: string[]): string[] {
  let byRole = topicsKept.get(content);
  if (!byRole) topicsKept.set(content, (byRole = new Map()));
  let topics = byRole.get(role);
  if (!topics) {
    const set = new Set<string>();
    for (const c of content) if (audiences.includes(c.audience)) set.add(c.category);
    byRole.set(role, (topics = [...set].sort()));
  }
  return topics;
}

/**
 * The catalogue page as the route sends it: cataloguePage's cards made straight into what a card
 * renders (catalog-view's CourseCardView, the same rules: tests/integration/catalog.test.ts
 * compares the two), without the intermediate rows; the role's topics are kept per content
 * version. The page's hot path (issue 14).
 */
export async function catalogueView(
  user: { id: number; role: string; orgUnitPath: string | null },
  filter: CatalogFilter,
): Promise<{ courses: CourseCardView[]; categories: string[] }> {
  const audiences = audiencesFor(user.role);
  if (audiences.length === 0) return { courses: [], categories: [] };
  const [{ courses: content, courseOfLesson }, read, completed, required, mine] = await Promise.all(
    [
      catalogIndex(),
      READ_LESSONS.read(user.id),
      COMPLETED.read(user.id),
      requiredCourses(user.id),
      assignedByMe(user),
    ],
  );
  // Read lessons per course, active lessons only (READ_BY_COURSE's rule, with the kept lesson map).
  const readOf = new Map<number, number>();
  for (const { lessonId } of read) {
    const courseId = courseOfLesson.get(lessonId);
    if (courseId !== undefined) readOf.set(courseId, (readOf.get(courseId) ?? 0) + 1);
  }
  const doneOf = new Map(completed.map((r) => [r.courseId, r.completedAt]));
  const courses: CourseCardView[] = [];
  const titleHits: CourseCardView[] = [];
  for (const c of content) {
    if (!audiences.includes(c.audience) || !matches(c, filter)) continue;
    const doneAt = doneOf.get(c.id);
    const readLessons = readOf.get(c.id) ?? 0;
    const status = doneAt ? "completed" : readLessons > 0 ? "in_progress" : "not_started";
    const due = required.get(c.id);
    if (!hasStatus(filter.status, status, due !== undefined)) continue;
    const view: CourseCardView = {
      slug: c.slug,
      title: c.title,
      category: c.category,
      summary: c.cardSummary,
      creditHours: c.creditHours,
      lessons: c.lessons,
      read: doneAt ? c.lessons : readLessons,
    };
    if (doneAt) view.done = cardDay(doneAt);
    if (due) view.due = cardDay(due);
    if (mine.has(c.id)) view.assigned = true;
    // A search lists title matches first, as cataloguePage does.
    (filter.q && c.title.includes(filter.q) ? titleHits : courses).push(view);
  }
  return {
    courses: titleHits.length > 0 ? titleHits.concat(courses) : courses,
    categories: topicsOf(content, user.role, audiences),
  };
}
