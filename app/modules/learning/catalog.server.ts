import { compiled } from "#app/data/compiled.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import { audiencesFor } from "./access.ts";
import { type CatalogCourse, catalogIndex } from "./catalog-content.server.ts";
import { type CardStatus, type CourseCardView, cardDay } from "./catalog-view.ts";
import type { CatalogStatus } from "./schemas.ts";

/** The learner's read lessons (any lesson: catalogueView counts the active ones per course). */
const READ_LESSONS = compiled((q, userId: number) =>
  q
    .selectFrom("LessonProgress")
    .select("lessonId")
    .where("userId", "=", userId)
    .where("readAt", "is not", null),
);

// One completion at most per (user, course); a plain column, so it reads as a Date.
const COMPLETED = compiled((q, userId: number) =>
  q.selectFrom("Completion").select(["courseId", "completedAt"]).where("userId", "=", userId),
);

/**
 * The search: topic by equality; the words as a case-sensitive, literal substring of the title
 * or summary (not LIKE, which ignores ASCII case and reads `%` and `_` as wildcards).
 */
function matches(c: CatalogCourse, filter: { q: string; category: string }): boolean {
  if (filter.category && c.category !== filter.category) return false;
  return !filter.q || c.title.includes(filter.q) || c.summary.includes(filter.q);
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

type CatalogFilter = { q: string; category: string; status: CatalogStatus | "" };

/** The status filter: 必修 (a live assignment covers the learner), a card status, or any. */
function hasStatus(filter: CatalogStatus | "", status: CardStatus, required: boolean) {
  return filter === "required" ? required : !filter || status === filter;
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
 * The catalogue page: the cards (the role's courses, the kept content of catalog-content, with
 * the learner's progress, his 必修 (assigned) marks with the due day and, for managers and
 * admins, 已布置; filtered by topic, words and status), made straight into what a card renders
 * (catalog-view's CourseCardView), and the role's topics for the filter, kept per content
 * version. A search lists the courses whose title holds the words first: a match deep in a
 * summary is cut from the card (catalog-view), so it would look like no match at the top.
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
  // Read lessons per course, active lessons only (the kept lesson map holds the active ones).
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
    // Title matches first, in catalogue order; then the summary matches.
    (filter.q && c.title.includes(filter.q) ? titleHits : courses).push(view);
  }
  return {
    courses: titleHits.length > 0 ? titleHits.concat(courses) : courses,
    categories: topicsOf(content, user.role, audiences),
  };
}
