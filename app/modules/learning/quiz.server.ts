import crypto from "node:crypto";
import { prisma, stmt, type Db } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";
import { completeIfEarned } from "./completion.server.ts";
import { markCourseStarted } from "./course-status.server.ts";
import { drawQuestions, grade, validAnswer, type Answers, type DrawItem, type Option } from "./grading.ts";

type Learner = { id: number; username: string };
const cryptoRandom = () => crypto.randomInt(2 ** 32) / 2 ** 32;
const graceMs = () => env().QUIZ_GRACE_SECONDS * 1000;
export const PRACTICE_SIZE = 10;
const PRACTICE_MINUTES = 60;

export type QuizError = { ok: false; status: 400 | 403 | 404 | 409; message: string };
const fail = (status: QuizError["status"], message: string): QuizError => ({ ok: false, status, message });

const ATTEMPT_SELECT = {
  id: true, userId: true, courseId: true, practice: true, draw: true, answers: true, startedAt: true, deadline: true, submittedAt: true, score: true, passed: true,
  course: { select: { slug: true, title: true, passMark: true, quizIntroHtml: true, attemptLimit: true } },
} as const;

export type OwnAttempt = NonNullable<Awaited<ReturnType<typeof getOwnAttempt>>>;

/** Only the learner's own attempt: another user's id is simply not found. */
export function getOwnAttempt(attemptId: number, userId: number) {
  return prisma.quizAttempt.findFirst({ where: { id: attemptId, userId }, select: ATTEMPT_SELECT });
}

export function isOpen(a: { submittedAt: Date | null; deadline: Date }, now: Date): boolean {
  return !a.submittedAt && now.getTime() <= a.deadline.getTime() + graceMs();
}

/**
 * Starts an attempt: questions drawn at random and stored with their option order.
 * An open attempt is returned instead of a new one (a second tab); an expired one
 * is graded first. The attempt limit counts graded and open attempts.
 */
export async function startAttempt(learner: Learner, course: { id: number; version: string; questionsPerAttempt: number; timeLimitMinutes: number; attemptLimit: number }, now: Date, ip: string | null, random = cryptoRandom) {
  await gradeExpired(learner, course.id, now, ip);
  return prisma.$transaction(async (tx) => {
    const done = await tx.completion.findUnique({ where: { userId_courseId: { userId: learner.id, courseId: course.id } }, select: { id: true } });
    if (done) return fail(409, "您已完成本课程，无需再次测验");
    const attempts = await tx.quizAttempt.findMany({ where: { userId: learner.id, courseId: course.id, practice: false }, select: { id: true, submittedAt: true, deadline: true } });
    const open = attempts.find((a) => isOpen(a, now));
    if (open) return { ok: true as const, attemptId: open.id, resumed: true };
    if (attempts.length >= course.attemptLimit) return fail(409, `测验次数已用完（共 ${course.attemptLimit} 次）`);
    const bank = await tx.question.findMany({ where: { courseId: course.id, active: true }, select: { id: true, type: true, options: true } });
    const draw = drawQuestions(bank.map((q) => ({ ...q, options: JSON.parse(q.options) as Option[] })), course.questionsPerAttempt, random);
    const attempt = await tx.quizAttempt.create({
      data: { userId: learner.id, courseId: course.id, courseVersion: course.version, draw: JSON.stringify(draw), startedAt: now, deadline: new Date(now.getTime() + course.timeLimitMinutes * 60_000) },
      select: { id: true },
    });
    await markCourseStarted(tx, learner.id, course.id, now);
    return { ok: true as const, attemptId: attempt.id, resumed: false };
  });
}

/** A 错题本 round: up to 10 of the learner's wrong questions from one course; never counted. */
export async function startPractice(learner: Learner, courseId: number, now: Date, random = cryptoRandom) {
  const wrong = await prisma.wrongAnswer.findMany({
    where: { userId: learner.id, question: { courseId, active: true } },
    select: { question: { select: { id: true, type: true, options: true } }, },
  });
  if (wrong.length === 0) return fail(404, "本课程的错题本是空的");
  const course = await prisma.course.findUniqueOrThrow({ where: { id: courseId }, select: { version: true } });
  const draw = drawQuestions(wrong.map((w) => ({ ...w.question, options: JSON.parse(w.question.options) as Option[] })), PRACTICE_SIZE, random);
  const attempt = await prisma.quizAttempt.create({
    data: { userId: learner.id, courseId, courseVersion: course.version, practice: true, draw: JSON.stringify(draw), startedAt: now, deadline: new Date(now.getTime() + PRACTICE_MINUTES * 60_000) },
    select: { id: true },
  });
  return { ok: true as const, attemptId: attempt.id };
}

async function questionsOf(db: Db, draw: DrawItem[]) {
  const rows = await db.question.findMany({ where: { id: { in: draw.map((d) => d.questionId) } }, select: { id: true, type: true, options: true, answer: true } });
  return new Map(rows.map((q) => [q.id, { type: q.type, optionIds: (JSON.parse(q.options) as Option[]).map((o) => o.id), answer: JSON.parse(q.answer) as string[] }]));
}

/** Checks submitted answers against the attempt: unknown questions or options are refused, never ignored. */
export async function checkAnswers(draw: DrawItem[], given: Answers): Promise<{ ok: true } | QuizError> {
  return checkAgainst(await questionsOf(prisma, draw), draw, given);
}

function checkAgainst(questions: Awaited<ReturnType<typeof questionsOf>>, draw: DrawItem[], given: Answers): { ok: true } | QuizError {
  for (const [qid, answer] of Object.entries(given)) {
    const q = questions.get(Number(qid));
    if (!q || !draw.some((d) => d.questionId === Number(qid))) return fail(400, "提交了不属于本次测验的题目");
    if (!validAnswer(q.type, q.optionIds, answer)) return fail(400, "提交的答案无效");
  }
  return { ok: true };
}

/** Saves answers as the learner goes; refused once the attempt is submitted or past its deadline (plus grace). */
export async function saveAnswers(learner: Learner, attemptId: number, given: Answers, now: Date) {
  const attempt = await getOwnAttempt(attemptId, learner.id);
  if (!attempt) return fail(404, "测验不存在");
  if (attempt.submittedAt) return fail(409, "本次测验已经交卷");
  if (!isOpen(attempt, now)) return fail(409, "答题时间已到，已保存的答案将用于评分");
  const draw = JSON.parse(attempt.draw) as DrawItem[];
  const check = await checkAnswers(draw, given);
  if (!check.ok) return check;
  await prisma.$transaction(async (tx) => {
    const current = await tx.quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { answers: true } });
    const merged = { ...(JSON.parse(current.answers) as Answers), ...given };
    await tx.quizAttempt.updateMany({ where: { id: attemptId, submittedAt: null }, data: { answers: JSON.stringify(merged) } });
  });
  return { ok: true as const };
}

/**
 * Grades an attempt once. A double click, a second tab or a replay finds it
 * already submitted and gets the same grade. Answers sent with a late submit
 * (past deadline + grace) are ignored: the attempt is graded on what was saved.
 */
export async function submitAttempt(learner: Learner, attemptId: number, given: Answers | null, now: Date, ip: string | null, loaded?: OwnAttempt) {
  const attempt = loaded ?? (await getOwnAttempt(attemptId, learner.id));
  if (!attempt) return fail(404, "测验不存在");
  if (attempt.submittedAt) return { ok: true as const, score: attempt.score ?? 0, passed: attempt.passed ?? false, already: true };
  const draw = JSON.parse(attempt.draw) as DrawItem[];
  const questions = await questionsOf(prisma, draw);
  if (given) {
    const check = checkAgainst(questions, draw, given);
    if (!check.ok) return check;
  }
  const late = !isOpen(attempt, now);
  return prisma.$transaction(async (tx) => {
    const current = await tx.quizAttempt.findUniqueOrThrow({ where: { id: attemptId }, select: { submittedAt: true, answers: true, score: true, passed: true } });
    if (current.submittedAt) return { ok: true as const, score: current.score ?? 0, passed: current.passed ?? false, already: true };
    const answers: Answers = { ...(JSON.parse(current.answers) as Answers), ...(given && !late ? given : {}) };
    const key = new Map([...questions].map(([id, q]) => [id, q.answer]));
    const result = grade(draw, answers, key, attempt.course.passMark);
    const won = await tx.quizAttempt.updateMany({
      where: { id: attemptId, submittedAt: null },
      data: { submittedAt: now, answers: JSON.stringify(answers), score: result.score, passed: attempt.practice ? null : result.passed },
    });
    if (won.count !== 1) throw new Error("attempt graded twice");
    await updateWrongBook(tx, learner.id, result.results, now);
    const completed = attempt.practice || !result.passed ? false : await completeIfEarned(tx, learner, attempt.courseId, now, ip);
    return { ok: true as const, score: result.score, passed: result.passed, already: false, completed };
  });
}

/** 错题本 rule: a wrong answer adds the question (or resets its streak); two right answers in a row remove it. */
export async function updateWrongBook(tx: Db, userId: number, results: { questionId: number; correct: boolean }[], now: Date) {
  const right = results.filter((r) => r.correct).map((r) => r.questionId);
  for (const r of results.filter((x) => !x.correct)) {
    await tx.$executeRaw`INSERT INTO WrongAnswer (userId, questionId, streak, wrongCount, lastWrongAt) VALUES (${userId}, ${r.questionId}, 0, 1, ${now.getTime()})
      ON CONFLICT (userId, questionId) DO UPDATE SET streak = 0, wrongCount = wrongCount + 1, lastWrongAt = excluded.lastWrongAt`;
  }
  if (right.length === 0) return;
  // A second right answer in a row removes the question; a first one starts the streak.
  await tx.wrongAnswer.deleteMany({ where: { userId, questionId: { in: right }, streak: { gte: 1 } } });
  await tx.wrongAnswer.updateMany({ where: { userId, questionId: { in: right } }, data: { streak: { increment: 1 } } });
}

/** Grades the learner's attempts on a course whose time (and grace) ran out, on their saved answers. */
export async function gradeExpired(learner: Learner, courseId: number, now: Date, ip: string | null) {
  // A raw read first: on nearly every visit there is nothing to grade, and this runs on every course page.
  const stale = stmt("SELECT id FROM QuizAttempt WHERE userId = ? AND courseId = ? AND submittedAt IS NULL AND deadline < ?").all(learner.id, courseId, now.getTime() - graceMs()) as { id: number }[];
  for (const a of stale) await submitAttempt(learner, a.id, null, now, ip);
}
