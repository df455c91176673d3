import { sql } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { audiencesFor } from "./access.ts";
import {
  type CatalogCourse,
  type CatalogIndex,
  catalogContent,
  catalogIndex,
} from "./catalog-content.server.ts";
import { shanghaiYear } from "./completion.server.ts";
import { myAssignments } from "#app/modules/assignments/my-assignments.server.ts";
import { EXAM_CONFIG_KEYS, examStatus } from "./exam.server.ts";
import { ANNUAL_HOURS_KEY, annualHoursFrom, settingValues } from "./settings.server.ts";

/** 学时 of all active courses the role may take: shown as "可获得 N 学时" so the requirement is seen to be reachable. */
export async function availableCreditHours(role: string): Promise<number> {
  return hoursOnOffer(await catalogContent(), role);
}

/** The sum of 学时 of the kept catalogue content (RollupVersion 6) open to the role. */
function hoursOnOffer(content: readonly CatalogCourse[], role: string): number {
  const audiences = audiencesFor(role);
  let h = 0;
  for (const c of content) if (audiences.includes(c.audience)) h += c.creditHours;
  return h;
}

/** The learner's opened lessons, and whether each is read: his own rows, by primary key. */
const MY_LESSONS = compiled((q, userId: number) =>
  q
    .selectFrom("LessonProgress")
    .select((eb) => ["lessonId", eb("readAt", "is not", null).as("read")])
    .where("userId", "=", userId),
);

/**
 * The learner's lesson progress per course from his own rows and the kept lesson maps
 * (RollupVersion 6): every course he opened a lesson of (active or not), with the active
 * lessons read.
 */
export function progressByCourse(
  rows: readonly { lessonId: number; read: unknown }[],
  index: Pick<CatalogIndex, "courseOfLesson" | "courseOfAnyLesson">,
): { courseId: number; read: number }[] {
  const readOf = new Map<number, number>();
  for (const r of rows) {
    const courseId = index.courseOfAnyLesson.get(r.lessonId);
    if (courseId === undefined) continue;
    const active = r.read ? index.courseOfLesson.has(r.lessonId) : false;
    readOf.set(courseId, (readOf.get(courseId) ?? 0) + (active ? 1 : 0));
  }
  return [...readOf].map(([courseId, read]) => ({ courseId, read }));
}

/** Courses with a graded (not practice) quiz attempt of the learner. */
const ATTEMPTED = compiled((q, userId: number) =>
  q
    .selectFrom("QuizAttempt")
    .select("courseId")
    .distinct()
    .where("userId", "=", userId)
    .where("practice", "=", false),
);

/**
 * Courses begun (a lesson opened or a graded attempt) and not completed, with reading progress:
 * active courses with an active lesson, in catalogue order (the kept content, RollupVersion 6).
 */
export function coursesInProgress(
  content: readonly CatalogCourse[],
  progress: readonly { courseId: number; read: number }[],
  attempted: readonly { courseId: number }[],
  completed: ReadonlySet<number>,
) {
  const readOf = new Map(progress.map((r) => [r.courseId, r.read]));
  const tried = new Set(attempted.map((r) => r.courseId));
  const out: { slug: string; title: string; lessons: number; readLessons: number }[] = [];
  for (const c of content) {
    if (c.lessons === 0 || completed.has(c.id)) continue;
    const read = readOf.get(c.id);
    if (read === undefined && !tried.has(c.id)) continue;
    out.push({ slug: c.slug, title: c.title, lessons: c.lessons, readLessons: read ?? 0 });
  }
  return out;
}

const HOURS = compiled((q, userId: number, year: number) =>
  q
    .selectFrom("CreditLedger")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("creditHours"), sql<number>`0`).as("h"))
    .where("userId", "=", userId)
    .where("year", "=", year),
);

// The courses' titles and slugs from the kept catalogue (every course, RollupVersion 6).
const CERTIFICATES = compiled((q, userId: number) =>
  q
    .selectFrom("Completion")
    .select(["courseId", "certificateNo", "completedAt", "creditHours", "score"])
    .where("userId", "=", userId)
    .orderBy("completedAt", "desc"),
);

const WRONG = compiled((q, userId: number) =>
  q
    .selectFrom("WrongAnswer")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("userId", "=", userId),
);

/** 我的学习: hours this year against the requirement, certificates, courses in progress, 错题本 size. */
export async function myLearning(
  user: { id: number; role: string },
  now: Date,
  settings: Promise<ReadonlyMap<string, string>> = settingValues([ANNUAL_HOURS_KEY]),
) {
  const userId = user.id;
  const year = shanghaiYear(now);
  const [[hours], index, lessons, attempted, certificates, [wrong], stored] = await Promise.all([
    // 学时 from every source (the view CreditLedger: courses today, events from issue 20).
    HOURS.read(userId, year),
    catalogIndex(),
    MY_LESSONS.read(userId),
    ATTEMPTED.read(userId),
    CERTIFICATES.read(userId),
    WRONG.read(userId),
    settings,
  ]);
  const required = annualHoursFrom(stored.get(ANNUAL_HOURS_KEY));
  const content = index.courses;
  const done = new Set(certificates.map((k) => k.courseId));
  const progress = progressByCourse(lessons, index);
  const inProgress = coursesInProgress(content, progress, attempted, done);
  const available = hoursOnOffer(content, user.role);
  return {
    year,
    hours: hours!.h,
    required,
    available,
    inProgress,
    certificates: certificates.map(({ courseId, ...k }) => {
      const course = index.courseName.get(courseId);
      return { ...k, course: { title: course?.title ?? "", slug: course?.slug ?? "" } };
    }),
    wrongCount: wrong!.n,
  };
}

/** Every setting the page reads (the annual 学时 and the exam's), in one statement. */
const PAGE_SETTING_KEYS: readonly string[] = [ANNUAL_HOURS_KEY, ...EXAM_CONFIG_KEYS];

/**
 * The page 我的学习: a staff member's assigned courses, the learning summary and, but for
 * enterprises, this year's exam; the settings of both read once.
 */
export async function myLearningPage(user: { id: number; role: string }, now: Date) {
  const settings = settingValues(PAGE_SETTING_KEYS);
  const [assigned, learning, exam] = await Promise.all([
    user.role === "STAFF" ? myAssignments(user) : [],
    myLearning(user, now, settings),
    user.role === "ENTERPRISE" ? null : examStatus(user.id, now, settings),
  ]);
  return { assigned, learning, exam };
}
