import crypto from "node:crypto";
import { sql } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { textPosition } from "#app/data/portable.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import {
  fail,
  graceCutoff,
  isAttemptOpen,
  saveAttemptAnswers,
  submitAttemptWith,
  type AttemptError,
  type AttemptPolicy,
  type Learner,
} from "./attempt.server.ts";
import { shanghaiYear } from "./completion.server.ts";
import { examWindow, windowRefusal, windowState, type ExamWindow } from "./exam-window.server.ts";
import { drawQuestions, type Answers, type Option } from "./grading.ts";

// 年度学法考试: one exam a year for staff, drawn across every active staff course's bank,
// graded by the same rules as a course quiz but recorded apart (ExamAttempt): it earns no
// credit hours and writes no completion. Settings in examSettings(); decision 0008.

export type ExamError = AttemptError;
const cryptoRandom = () => crypto.randomInt(2 ** 32) / 2 ** 32;

export const EXAM_DEFAULTS = {
  examQuestions: 50,
  examMinutes: 90,
  examPassMark: 60,
  examAttempts: 3,
} as const;
export type ExamSettings = { -readonly [K in keyof typeof EXAM_DEFAULTS]: number };

const SETTINGS = compiled((q, ...keys: string[]) =>
  q.selectFrom("Setting").select(["key", "value"]).where("key", "in", keys),
);

/** The exam's size, time, pass mark and attempts a year (ADMIN settings, defaults above). */
export async function examSettings(): Promise<ExamSettings> {
  const rows = await SETTINGS.read(...Object.keys(EXAM_DEFAULTS));
  const out: ExamSettings = { ...EXAM_DEFAULTS };
  for (const r of rows) {
    const n = Number(r.value);
    if (r.key in out && Number.isInteger(n) && n > 0) out[r.key as keyof ExamSettings] = n;
  }
  return out;
}

export async function setExamSettings(
  actor: Learner,
  ip: string | null,
  values: ExamSettings & Partial<ExamWindow>,
) {
  await write(async (tx) => {
    const updatedAt = new Date();
    for (const [key, value] of Object.entries(values))
      await tx
        .insertInto("Setting")
        .values({ key, value: String(value), updatedAt })
        .onConflict((oc) => oc.column("key").doUpdateSet({ value: String(value), updatedAt }))
        .execute();
    await audit(tx, {
      actor,
      action: "SETTING_UPDATE",
      objectType: "setting",
      objectId: "exam",
      result: "SUCCESS",
      ip,
      detail: values,
    });
  });
}

const ATTEMPT_COLUMNS = [
  "id",
  "userId",
  "year",
  "draw",
  "answers",
  "passMark",
  "startedAt",
  "deadline",
  "submittedAt",
  "score",
  "passed",
] as const;
export type ExamAttemptRow = NonNullable<Awaited<ReturnType<typeof getOwnExamAttempt>>>;

/** Only the learner's own attempt: another user's id is simply not found. */
export async function getOwnExamAttempt(id: number, userId: number) {
  const row = await db()
    .selectFrom("ExamAttempt")
    .select(ATTEMPT_COLUMNS)
    .where("id", "=", id)
    .where("userId", "=", userId)
    .executeTakeFirst();
  return row ?? null;
}

export const isExamOpen = isAttemptOpen;

/** The exam's differences from a quiz: its own pass mark on the attempt, an audit row on grading. */
const EXAM: AttemptPolicy<ExamAttemptRow, object> = {
  table: "ExamAttempt",
  noun: "考试",
  timeUp: "考试时间已到，已保存的答案将用于评分",
  passMark: (a) => a.passMark,
  storedPassed: (_a, passed) => passed,
  async afterGrade(tx, attempt, { score, passed, late }, { learner, ip }) {
    await audit(tx, {
      actor: learner,
      action: "EXAM_SUBMIT",
      objectType: "examAttempt",
      objectId: attempt.id,
      result: "SUCCESS",
      ip,
      detail: { score, passed, late },
    });
    return {};
  },
};

/** This year's attempts, the best result and what is left. */
const YEAR_ATTEMPTS = compiled((q, userId: number, year: number) =>
  q
    .selectFrom("ExamAttempt")
    .select(["id", "startedAt", "deadline", "submittedAt", "score", "passed"])
    .where("userId", "=", userId)
    .where("year", "=", year)
    .orderBy("id"),
);

export async function examStatus(userId: number, now: Date) {
  const year = shanghaiYear(now);
  const [settings, window] = await Promise.all([examSettings(), examWindow()]);
  const attempts = (await YEAR_ATTEMPTS.read(userId, year)).map((a) => ({
    ...a,
    open: isAttemptOpen(a, now),
  }));
  const passed = attempts.some((a) => a.passed);
  const best = attempts.reduce<number | null>(
    (b, a) => (a.score !== null && (b === null || a.score > b) ? a.score : b),
    null,
  );
  return {
    year,
    settings,
    window: { ...window, state: windowState(window, now) },
    attempts,
    passed,
    best,
    remaining: Math.max(0, settings.examAttempts - attempts.length),
  };
}

/**
 * Starts this year's next attempt (or returns the open one). Refused once passed or when the
 * year's attempts are used up; an attempt whose time ran out is graded first.
 */
export async function startExam(
  learner: Learner,
  now: Date,
  ip: string | null,
  random = cryptoRandom,
) {
  await gradeExpiredExams(learner, now, ip);
  const [settings, window] = await Promise.all([examSettings(), examWindow()]);
  const year = shanghaiYear(now);
  const bank = await db()
    .selectFrom("Question as q")
    .innerJoin("Course as c", "c.id", "q.courseId")
    .select(["q.id", "q.type", "q.options"])
    .where("q.active", "=", true)
    .where("c.active", "=", true)
    .where("c.audience", "in", ["STAFF", "ALL"])
    .orderBy("q.id")
    .execute();
  if (bank.length === 0) return fail(409, "题库中还没有题目，暂不能参加考试");
  return write(async (tx) => {
    const attempts = await tx
      .selectFrom("ExamAttempt")
      .select(["id", "submittedAt", "deadline", "passed"])
      .where("userId", "=", learner.id)
      .where("year", "=", year)
      .execute();
    if (attempts.some((a) => a.passed)) return fail(409, `您已通过 ${year} 年度学法考试`);
    const open = attempts.find((a) => isAttemptOpen(a, now));
    if (open) return { ok: true as const, attemptId: open.id, resumed: true };
    // The open window (issue 16): an attempt begun inside it may be finished after it closes.
    const outside = windowRefusal(window, now);
    if (outside) return fail(409, outside);
    if (attempts.length >= settings.examAttempts)
      return fail(409, `本年度考试次数已用完（共 ${settings.examAttempts} 次）`);
    const draw = drawQuestions(
      bank.map((q) => ({ ...q, options: JSON.parse(q.options) as Option[] })),
      settings.examQuestions,
      random,
    );
    const attempt = await tx
      .insertInto("ExamAttempt")
      .values({
        userId: learner.id,
        year,
        draw: JSON.stringify(draw),
        passMark: settings.examPassMark,
        startedAt: now,
        deadline: new Date(now.getTime() + settings.examMinutes * 60_000),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(tx, {
      actor: learner,
      action: "EXAM_START",
      objectType: "examAttempt",
      objectId: attempt.id,
      result: "SUCCESS",
      ip,
      detail: { year, questions: draw.length },
    });
    return { ok: true as const, attemptId: attempt.id, resumed: false };
  });
}

export async function saveExamAnswers(
  _learner: Learner,
  attempt: ExamAttemptRow,
  given: Answers,
  now: Date,
) {
  return saveAttemptAnswers(EXAM, attempt, given, now);
}

/** Grades once (the engine's rule): a double click, a second tab or a replay gets the same grade. */
export async function submitExam(
  learner: Learner,
  attempt: ExamAttemptRow,
  given: Answers | null,
  now: Date,
  ip: string | null,
) {
  return submitAttemptWith(EXAM, attempt, given, { learner, now, ip });
}

/** Grades the learner's exam attempts whose time (and grace) ran out, on their saved answers. */
export async function gradeExpiredExams(learner: Learner, now: Date, ip: string | null) {
  const stale = await db()
    .selectFrom("ExamAttempt")
    .select("id")
    .where("userId", "=", learner.id)
    .where("submittedAt", "is", null)
    .where("deadline", "<", graceCutoff(now))
    .execute();
  for (const { id } of stale) {
    const attempt = await getOwnExamAttempt(id, learner.id);
    if (attempt) await submitExam(learner, attempt, null, now, ip);
  }
}

export type ExamRollupRow = { unitId: number; staff: number; sat: number; passed: number };

/**
 * For managers: per child unit of `unit` (rolled up over its subtree) and for the unit's own
 * staff, how many staff there are, how many sat this year's exam and how many passed.
 */
export async function examRollup(
  unit: { id: number; path: string },
  year: number,
): Promise<ExamRollupRow[]> {
  // The child unit's id is the first path segment after the unit's own path ("<id>/…").
  const start = unit.path.length + 1;
  const rest = sql<string>`substr(o.path, ${start})`;
  const unitId = sql<number>`CASE WHEN o.id = ${unit.id} THEN ${unit.id}
    ELSE CAST(substr(o.path, ${start}, ${textPosition(rest, "/")} - 1) AS INTEGER) END`;
  return db()
    .selectFrom("OrgUnit as o")
    .innerJoin("User as u", "u.orgUnitId", "o.id")
    .select((eb) => {
      const attempts = () =>
        eb
          .selectFrom("ExamAttempt as e")
          .select("e.id")
          .whereRef("e.userId", "=", "u.id")
          .where("e.year", "=", year);
      const count = (hit: ReturnType<typeof attempts>) =>
        eb.fn.sum<number>(eb.case().when(eb.exists(hit)).then(1).else(0).end());
      return [
        unitId.as("unitId"),
        eb.fn.countAll<number>().as("staff"),
        count(attempts().where("e.submittedAt", "is not", null)).as("sat"),
        count(attempts().where("e.passed", "=", true)).as("passed"),
      ];
    })
    .where("o.path", ">=", unit.path)
    .where("o.path", "<", subtreeUpperBound(unit.path))
    .where("u.role", "=", "STAFF")
    .where("u.disabled", "=", false)
    .groupBy(sql`1`)
    .execute();
}
