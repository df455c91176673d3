import crypto from "node:crypto";
import { db, write } from "#app/data/db.server.ts";
import { EXAM_DEFAULTS, type ExamSettings } from "#app/modules/learning/exam.server.ts";
import type { Answers, DrawItem, Option } from "#app/modules/learning/grading.ts";
import { drawQuestions, grade } from "#app/modules/learning/grading.ts";
import { env } from "#app/utils/env.server.ts";
import { answerKey, answersProblem, staffBank } from "./bank.server.ts";

// 模拟考试 (issue 19): the annual exam's format (number of questions, time limit, pass mark from
// 年度学法考试设置) with its own draw, as often as wanted. Recorded only in MockExam: never an
// ExamAttempt, so the exam's attempt count and records stay untouched. The deadline (plus the
// quiz grace) is enforced here: later answers are ignored.

type Person = { id: number };
export type MockError = { ok: false; status: 400 | 404 | 409; message: string };
const fail = (status: MockError["status"], message: string): MockError => ({
  ok: false,
  status,
  message,
});
const cryptoRandom = () => crypto.randomInt(2 ** 32) / 2 ** 32;
const graceMs = () => env().QUIZ_GRACE_SECONDS * 1000;
const SETTING_KEYS = Object.keys(EXAM_DEFAULTS) as (keyof ExamSettings)[];

/** The annual exam's settings (ADMIN, 年度学法考试设置), read through the data layer. */
export async function examFormat(): Promise<ExamSettings> {
  const rows = await db()
    .selectFrom("Setting")
    .select(["key", "value"])
    .where("key", "in", SETTING_KEYS)
    .execute();
  const out: ExamSettings = { ...EXAM_DEFAULTS };
  for (const r of rows) {
    const n = Number(r.value);
    if (Number.isInteger(n) && n > 0) out[r.key as keyof ExamSettings] = n;
  }
  return out;
}

const MOCK_COLUMNS = [
  "id",
  "draw",
  "answers",
  "passMark",
  "startedAt",
  "deadline",
  "submittedAt",
  "score",
  "passed",
] as const;

/** Only the person's own mock exam: another person's id is simply not found. */
export function getOwnMock(id: number, userId: number) {
  return db()
    .selectFrom("MockExam")
    .select(MOCK_COLUMNS)
    .where("id", "=", id)
    .where("userId", "=", userId)
    .executeTakeFirst();
}
export type MockRow = NonNullable<Awaited<ReturnType<typeof getOwnMock>>>;

export const isMockOpen = (m: { submittedAt: Date | null; deadline: Date }, now: Date) =>
  !m.submittedAt && now.getTime() <= m.deadline.getTime() + graceMs();

/** The person's latest mock exams, newest first. */
export function recentMocks(userId: number, limit = 10) {
  return db()
    .selectFrom("MockExam")
    .select(["id", "startedAt", "deadline", "submittedAt", "score", "passed"])
    .where("userId", "=", userId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

/** Starts a mock exam, or returns the one still open. */
export async function startMock(person: Person, now: Date, random = cryptoRandom) {
  const format = await examFormat();
  const bank = await staffBank();
  if (bank.length === 0) return fail(409, "题库中还没有题目，暂不能模拟考试");
  const draw = drawQuestions(
    bank.map((q) => ({ ...q, options: JSON.parse(q.options) as Option[] })),
    format.examQuestions,
    random,
  );
  return write(async (tx) => {
    const open = await tx
      .selectFrom("MockExam")
      .select(["id", "submittedAt", "deadline"])
      .where("userId", "=", person.id)
      .where("submittedAt", "is", null)
      .where("deadline", ">=", new Date(now.getTime() - graceMs()))
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (open) return { ok: true as const, mockId: open.id, resumed: true };
    const row = await tx
      .insertInto("MockExam")
      .values({
        userId: person.id,
        draw: JSON.stringify(draw),
        passMark: format.examPassMark,
        startedAt: now,
        deadline: new Date(now.getTime() + format.examMinutes * 60_000),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true as const, mockId: row.id, resumed: false };
  });
}

async function checkAnswers(draw: DrawItem[], given: Answers): Promise<MockError | null> {
  const key = await answerKey(draw.map((d) => d.questionId));
  const problem = answersProblem(key, draw, given);
  if (problem === "outside") return fail(400, "提交了不属于本次模拟考试的题目");
  if (problem === "invalid") return fail(400, "提交的答案无效");
  return null;
}

export async function saveMockAnswers(
  person: Person,
  mock: MockRow,
  given: Answers,
  now: Date,
): Promise<{ ok: true } | MockError> {
  if (mock.submittedAt) return fail(409, "本次模拟考试已经交卷");
  if (!isMockOpen(mock, now)) return fail(409, "考试时间已到，已保存的答案将用于评分");
  const problem = await checkAnswers(JSON.parse(mock.draw) as DrawItem[], given);
  if (problem) return problem;
  return write(async (tx) => {
    const current = await tx
      .selectFrom("MockExam")
      .select(["answers", "submittedAt"])
      .where("id", "=", mock.id)
      .where("userId", "=", person.id)
      .executeTakeFirstOrThrow();
    if (current.submittedAt) return fail(409, "本次模拟考试已经交卷");
    const answers = { ...(JSON.parse(current.answers) as Answers), ...given };
    await tx
      .updateTable("MockExam")
      .set({ answers: JSON.stringify(answers) })
      .where("id", "=", mock.id)
      .execute();
    return { ok: true as const };
  });
}

/** Grades once; after the deadline (plus grace) only the answers saved in time count. */
export async function submitMock(
  person: Person,
  mock: MockRow,
  given: Answers | null,
  now: Date,
): Promise<{ ok: true; score: number; passed: boolean; already: boolean } | MockError> {
  const draw = JSON.parse(mock.draw) as DrawItem[];
  if (!mock.submittedAt && given) {
    const problem = await checkAnswers(draw, given);
    if (problem) return problem;
  }
  const late = !isMockOpen(mock, now);
  const key = new Map(
    [...(await answerKey(draw.map((d) => d.questionId)))].map(([id, q]) => [id, q.answer]),
  );
  return write(async (tx) => {
    const current = await tx
      .selectFrom("MockExam")
      .select(["answers", "submittedAt", "score", "passed"])
      .where("id", "=", mock.id)
      .where("userId", "=", person.id)
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
    const result = grade(draw, answers, key, mock.passMark);
    await tx
      .updateTable("MockExam")
      .set({
        submittedAt: now,
        answers: JSON.stringify(answers),
        score: result.score,
        passed: result.passed,
      })
      .where("id", "=", mock.id)
      .where("submittedAt", "is", null)
      .execute();
    return { ok: true as const, score: result.score, passed: result.passed, already: false };
  });
}

/** Grades the person's mock exams whose time (and grace) ran out, on their saved answers. */
export async function gradeExpiredMocks(person: Person, now: Date) {
  const stale = await db()
    .selectFrom("MockExam")
    .select(MOCK_COLUMNS)
    .where("userId", "=", person.id)
    .where("submittedAt", "is", null)
    .where("deadline", "<", new Date(now.getTime() - graceMs()))
    .execute();
  for (const mock of stale) await submitMock(person, mock, null, now);
}
