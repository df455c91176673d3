import crypto from "node:crypto";
import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/utils/audit-log.server.ts";
import { stmt } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";
import { shanghaiYear } from "./completion.server.ts";
import { answerKeyOf, answersProblem } from "./answer-key.server.ts";
import { drawQuestions, grade, type Answers, type DrawItem, type Option } from "./grading.ts";

// 年度学法考试: one exam a year for staff, drawn across every active staff course's bank,
// graded by the same rules as a course quiz but recorded apart (ExamAttempt): it earns no
// credit hours and writes no completion. Settings in examSettings(); decision 0008.

type Learner = { id: number; username: string };
export type ExamError = { ok: false; status: 400 | 404 | 409; message: string };
const fail = (status: ExamError["status"], message: string): ExamError => ({
  ok: false,
  status,
  message,
});
const cryptoRandom = () => crypto.randomInt(2 ** 32) / 2 ** 32;
const graceMs = () => env().QUIZ_GRACE_SECONDS * 1000;

export const EXAM_DEFAULTS = {
  examQuestions: 50,
  examMinutes: 90,
  examPassMark: 60,
  examAttempts: 3,
} as const;
export type ExamSettings = { -readonly [K in keyof typeof EXAM_DEFAULTS]: number };

/** The exam's size, time, pass mark and attempts a year (ADMIN settings, defaults above). */
export function examSettings(): ExamSettings {
  const rows = stmt(
    "SELECT key, value FROM Setting WHERE key IN ('examQuestions', 'examMinutes', 'examPassMark', 'examAttempts')",
  ).all() as { key: keyof ExamSettings; value: string }[];
  const out: ExamSettings = { ...EXAM_DEFAULTS };
  for (const r of rows) {
    const n = Number(r.value);
    if (Number.isInteger(n) && n > 0) out[r.key] = n;
  }
  return out;
}

export async function setExamSettings(actor: Learner, ip: string | null, values: ExamSettings) {
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

export const isExamOpen = (a: { submittedAt: Date | null; deadline: Date }, now: Date) =>
  !a.submittedAt && now.getTime() <= a.deadline.getTime() + graceMs();

/** This year's attempts, the best result and what is left. */
export function examStatus(userId: number, now: Date) {
  const year = shanghaiYear(now);
  const settings = examSettings();
  const attempts = (
    stmt(
      "SELECT id, startedAt, deadline, submittedAt, score, passed FROM ExamAttempt WHERE userId = ? AND year = ? ORDER BY id",
    ).all(userId, year) as {
      id: number;
      startedAt: number;
      deadline: number;
      submittedAt: number | null;
      score: number | null;
      passed: number | null;
    }[]
  ).map((a) => ({
    ...a,
    passed: a.passed === null ? null : Boolean(a.passed),
    open: a.submittedAt === null && now.getTime() <= a.deadline + graceMs(),
  }));
  const passed = attempts.some((a) => a.passed);
  const best = attempts.reduce<number | null>(
    (b, a) => (a.score !== null && (b === null || a.score > b) ? a.score : b),
    null,
  );
  return {
    year,
    settings,
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
  const settings = examSettings();
  const year = shanghaiYear(now);
  const bank = stmt(
    `SELECT q.id, q.type, q.options FROM Question q JOIN Course c ON c.id = q.courseId
      WHERE q.active = 1 AND c.active = 1 AND c.audience IN ('STAFF', 'ALL') ORDER BY q.id`,
  ).all() as { id: number; type: string; options: string }[];
  if (bank.length === 0) return fail(409, "题库中还没有题目，暂不能参加考试");
  return write(async (tx) => {
    const attempts = await tx
      .selectFrom("ExamAttempt")
      .select(["id", "submittedAt", "deadline", "passed"])
      .where("userId", "=", learner.id)
      .where("year", "=", year)
      .execute();
    if (attempts.some((a) => a.passed)) return fail(409, `您已通过 ${year} 年度学法考试`);
    const open = attempts.find((a) => isExamOpen(a, now));
    if (open) return { ok: true as const, attemptId: open.id, resumed: true };
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

/** Unknown questions or options are refused, never ignored. */
function checkExamAnswers(draw: DrawItem[], given: Answers): { ok: true } | ExamError {
  const problem = answersProblem(answerKeyOf(draw), draw, given);
  if (problem === "outside") return fail(400, "提交了不属于本次考试的题目");
  if (problem === "invalid") return fail(400, "提交的答案无效");
  return { ok: true };
}

export async function saveExamAnswers(
  learner: Learner,
  attempt: ExamAttemptRow,
  given: Answers,
  now: Date,
) {
  if (attempt.submittedAt) return fail(409, "本次考试已经交卷");
  if (!isExamOpen(attempt, now)) return fail(409, "考试时间已到，已保存的答案将用于评分");
  const check = checkExamAnswers(JSON.parse(attempt.draw) as DrawItem[], given);
  if (!check.ok) return check;
  await write(async (tx) => {
    const current = await tx
      .selectFrom("ExamAttempt")
      .select("answers")
      .where("id", "=", attempt.id)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable("ExamAttempt")
      .set({ answers: JSON.stringify({ ...(JSON.parse(current.answers) as Answers), ...given }) })
      .where("id", "=", attempt.id)
      .where("submittedAt", "is", null)
      .execute();
  });
  return { ok: true as const };
}

/** Grades once: a double click, a second tab or a replay gets the same grade. Late answers are ignored. */
export async function submitExam(
  learner: Learner,
  attempt: ExamAttemptRow,
  given: Answers | null,
  now: Date,
  ip: string | null,
) {
  if (attempt.submittedAt)
    return {
      ok: true as const,
      score: attempt.score ?? 0,
      passed: attempt.passed ?? false,
      already: true,
    };
  const draw = JSON.parse(attempt.draw) as DrawItem[];
  if (given) {
    const check = checkExamAnswers(draw, given);
    if (!check.ok) return check;
  }
  const late = !isExamOpen(attempt, now);
  const key = new Map([...answerKeyOf(draw)].map(([id, q]) => [id, q.answer]));
  return write(async (tx) => {
    const current = await tx
      .selectFrom("ExamAttempt")
      .select(["submittedAt", "answers", "score", "passed"])
      .where("id", "=", attempt.id)
      .executeTakeFirstOrThrow();
    if (current.submittedAt)
      return {
        ok: true as const,
        score: current.score ?? 0,
        passed: current.passed ?? false,
        already: true,
      };
    const answers: Answers = {
      ...(JSON.parse(current.answers) as Answers),
      ...(given && !late ? given : {}),
    };
    const result = grade(draw, answers, key, attempt.passMark);
    const won = await tx
      .updateTable("ExamAttempt")
      .set({
        submittedAt: now,
        answers: JSON.stringify(answers),
        score: result.score,
        passed: result.passed,
      })
      .where("id", "=", attempt.id)
      .where("submittedAt", "is", null)
      .executeTakeFirst();
    if (won.numUpdatedRows !== 1n) throw new Error("exam graded twice");
    await audit(tx, {
      actor: learner,
      action: "EXAM_SUBMIT",
      objectType: "examAttempt",
      objectId: attempt.id,
      result: "SUCCESS",
      ip,
      detail: { score: result.score, passed: result.passed, late },
    });
    return { ok: true as const, score: result.score, passed: result.passed, already: false };
  });
}

/** Grades the learner's exam attempts whose time (and grace) ran out, on their saved answers. */
export async function gradeExpiredExams(learner: Learner, now: Date, ip: string | null) {
  const stale = stmt(
    "SELECT id FROM ExamAttempt WHERE userId = ? AND submittedAt IS NULL AND deadline < ?",
  ).all(learner.id, now.getTime() - graceMs()) as { id: number }[];
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
export function examRollup(unit: { id: number; path: string }, year: number): ExamRollupRow[] {
  return stmt(
    `SELECT CASE WHEN o.id = @unit THEN @unit
                 ELSE CAST(substr(o.path, @plen + 1, instr(substr(o.path, @plen + 1), '/') - 1) AS INTEGER) END AS unitId,
            COUNT(*) AS staff,
            SUM(EXISTS (SELECT 1 FROM ExamAttempt e WHERE e.userId = u.id AND e.year = @year AND e.submittedAt IS NOT NULL)) AS sat,
            SUM(EXISTS (SELECT 1 FROM ExamAttempt e WHERE e.userId = u.id AND e.year = @year AND e.passed = 1)) AS passed
       FROM OrgUnit o JOIN User u ON u.orgUnitId = o.id
      WHERE o.path >= @lo AND o.path < @hi AND u.role = 'STAFF' AND u.disabled = 0
      GROUP BY 1`,
  ).all({
    unit: unit.id,
    plen: unit.path.length,
    lo: unit.path,
    hi: subtreeUpperBound(unit.path),
    year,
  }) as ExamRollupRow[];
}
