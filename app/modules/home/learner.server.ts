import { compiled } from "#app/data/compiled.server.ts";
import { shanghaiYear } from "#app/modules/learning/completion.server.ts";
import { EXAM_CONFIG_KEYS, examStatus } from "#app/modules/learning/exam.server.ts";
import { windowText } from "#app/modules/learning/exam-window.server.ts";
import {
  ANNUAL_HOURS_KEY,
  annualHoursFrom,
  settingValues,
} from "#app/modules/learning/settings.server.ts";
import { upcomingEvents } from "#app/modules/events/events.server.ts";
import { kindLabel } from "#app/modules/events/schemas.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { daysLeft } from "./time.ts";

/** The most assigned courses the home lists; the rest are one click away in 我的学习. */
export const HOME_TASKS = 8;

export type HomeTask = {
  courseId: number;
  slug: string;
  title: string;
  creditHours: number;
  assignment: string;
  dueAt: Date;
  daysLeft: number;
  started: boolean;
};

/**
 * The staff member's own unfinished assigned courses, overdue first then by due date: read from
 * his AssignmentPerson rows (kept per live assignment and person, indexed by user), so only the
 * assignments covering him, and only his own progress, are ever read.
 */
const OPEN_TASKS = compiled((q, userId: number) =>
  q
    .selectFrom("AssignmentPerson as ap")
    .innerJoin("Assignment as a", "a.id", "ap.assignmentId")
    .innerJoin("AssignmentCourse as ac", "ac.assignmentId", "a.id")
    .innerJoin("Course as c", "c.id", "ac.courseId")
    .leftJoin("CourseStatus as cs", (join) =>
      join.onRef("cs.courseId", "=", "c.id").on("cs.userId", "=", userId),
    )
    .select([
      "c.id as courseId",
      "c.slug",
      "c.title",
      "c.creditHours",
      "a.title as assignment",
      "a.dueAt",
      "cs.startedAt",
    ])
    .where("ap.userId", "=", userId)
    .where("a.withdrawnAt", "is", null)
    .where("c.active", "=", true)
    .where("cs.completedAt", "is", null)
    .orderBy("a.dueAt")
    .orderBy("c.sortOrder")
    .limit(50),
);

export async function myOpenTasks(userId: number, now: Date): Promise<HomeTask[]> {
  const rows = await OPEN_TASKS.read(userId);
  // A course in two assignments is listed once, under the earlier due date.
  const seen = new Set<number>();
  const tasks: HomeTask[] = [];
  for (const r of rows) {
    if (seen.has(r.courseId)) continue;
    seen.add(r.courseId);
    tasks.push({
      courseId: r.courseId,
      slug: r.slug,
      title: r.title,
      creditHours: r.creditHours,
      assignment: r.assignment,
      dueAt: r.dueAt,
      daysLeft: daysLeft(r.dueAt, now),
      started: r.startedAt !== null,
    });
  }
  return tasks;
}

/** 学时 earned this Beijing year and the 错题本 size: one statement of two indexed scalars. */
const COUNTS = compiled((q, year: number, userId: number) =>
  q.selectNoFrom((eb) => [
    eb
      .selectFrom("CreditLedger")
      .select((e) => e.fn.coalesce(e.fn.sum<number>("creditHours"), e.lit(0)).as("h"))
      .where("year", "=", year)
      .where("userId", "=", userId)
      .$asScalar()
      .$notNull()
      .as("hours"),
    eb
      .selectFrom("WrongAnswer")
      .select((e) => e.fn.countAll<number>().as("n"))
      .where("userId", "=", userId)
      .$asScalar()
      .$notNull()
      .as("wrong"),
  ]),
);

async function myCounts(userId: number, year: number) {
  const [row] = await COUNTS.read(year, userId);
  return { hours: Number(row?.hours ?? 0), wrong: Number(row?.wrong ?? 0) };
}

/** The most upcoming lectures and case discussions the home lists. */
export const HOME_EVENTS = 3;

/** The status a home event row shows, from the person's own sign-up and attendance. */
export function eventStatus(e: {
  cancelled: boolean;
  attended: boolean;
  myStatus: string | null;
}): string {
  if (e.cancelled) return "已取消";
  if (e.attended) return "已签到";
  if (e.myStatus === "CONFIRMED") return "已报名";
  if (e.myStatus === "WAITLIST") return "候补中";
  return "可报名";
}

/**
 * Lectures and case discussions not yet over that the person may attend, his own first, as the
 * home shows them: the row's status and detail line are written here, so the page data holds
 * only what is rendered (no dates to format on every render; issue 14).
 */
async function myUpcomingEvents(user: { id: number; orgUnitPath?: string | null }, now: Date) {
  // A cancelled event stays on the home of those who signed up for it (as 已取消).
  const rows = await upcomingEvents(user, now, HOME_EVENTS);
  return rows.map((e) => {
    const attended = e.attendedAt !== null;
    return {
      id: e.id,
      title: e.title,
      status: eventStatus({ cancelled: e.cancelledAt !== null, attended, myStatus: e.myStatus }),
      attended,
      detail: `${kindLabel(e.kind)} · ${formatDateTime(e.startsAt).slice(0, 16)} · ${e.creditHours} 学时`,
    };
  });
}

/** A to-do row of the staff home: the course, its whole days left and the detail line shown. */
function taskRow(t: HomeTask) {
  return {
    slug: t.slug,
    title: t.title,
    daysLeft: t.daysLeft,
    detail: `${t.assignment} · 截止 ${formatDateTime(t.dueAt).slice(0, 10)} · ${t.creditHours} 学时${t.started ? " · 已开始" : ""}`,
  };
}

const HOME_SETTING_KEYS = [ANNUAL_HOURS_KEY, ...EXAM_CONFIG_KEYS];

/** The staff home: what to do next, for this user only. */
export async function staffHome(user: { id: number; orgUnitPath?: string | null }, now: Date) {
  const year = shanghaiYear(now);
  // The annual 学时 and the exam's settings in one statement (read every time: a change on
  // another instance shows at once).
  const settings = settingValues(HOME_SETTING_KEYS);
  const [tasks, counts, stored, exam, events] = await Promise.all([
    myOpenTasks(user.id, now),
    myCounts(user.id, year),
    settings,
    examStatus(user.id, now, settings),
    myUpcomingEvents(user, now),
  ]);
  const required = annualHoursFrom(stored.get(ANNUAL_HOURS_KEY));
  const open = exam.attempts.find((a) => a.open);
  return {
    year,
    tasks: tasks.slice(0, HOME_TASKS).map(taskRow),
    moreTasks: Math.max(0, tasks.length - HOME_TASKS),
    hours: counts.hours,
    required,
    wrongCount: counts.wrong,
    events,
    exam: {
      passed: exam.passed,
      best: exam.best,
      remaining: exam.remaining,
      attempts: exam.settings.examAttempts,
      minutes: exam.settings.examMinutes,
      passMark: exam.settings.examPassMark,
      openAttemptId: open?.id ?? null,
      /** The open attempt's deadline as shown (HH:MM, Beijing time). */
      openDeadline: open?.deadline ? formatDateTime(open.deadline).slice(11, 16) : null,
      /** The open window in Chinese, or null when it is unbounded; and where today stands. */
      window: windowText(exam.window),
      windowState: exam.window.state,
    },
  };
}

export type StaffHome = Awaited<ReturnType<typeof staffHome>>;
