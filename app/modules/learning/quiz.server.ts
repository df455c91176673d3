import crypto from "node:crypto";
import { prepared, stmt, writeTx, type Writer } from "#app/utils/db.server.ts";
import { env } from "#app/utils/env.server.ts";
import { completeIfEarned } from "./completion.server.ts";
import { markCourseStarted } from "./course-status.server.ts";
import { answerKeyOf, answersProblem, type AnswerKey } from "./answer-key.server.ts";
import { drawQuestions, grade, type Answers, type DrawItem, type Option } from "./grading.ts";

type Learner = { id: number; username: string };
const cryptoRandom = () => crypto.randomInt(2 ** 32) / 2 ** 32;
const graceMs = () => env().QUIZ_GRACE_SECONDS * 1000;
export const PRACTICE_SIZE = 10;
const PRACTICE_MINUTES = 60;

export type QuizError = { ok: false; status: 400 | 403 | 404 | 409; message: string };
const fail = (status: QuizError["status"], message: string): QuizError => ({
  ok: false,
  status,
  message,
});

type AttemptRow = {
  id: number;
  userId: number;
  courseId: number;
  practice: number;
  draw: string;
  answers: string;
  startedAt: number;
  deadline: number;
  submittedAt: number | null;
  score: number | null;
  passed: number | null;
  slug: string;
  title: string;
  passMark: number;
  quizIntroHtml: string | null;
  attemptLimit: number;
};

export type OwnAttempt = NonNullable<ReturnType<typeof getOwnAttempt>>;

/** Only the learner's own attempt: another user's id is simply not found. One raw read. */
export function getOwnAttempt(attemptId: number, userId: number) {
  const r = stmt(
    `SELECT a.id, a.userId, a.courseId, a.practice, a.draw, a.answers, a.startedAt, a.deadline, a.submittedAt, a.score, a.passed,
            c.slug, c.title, c.passMark, c.quizIntroHtml, c.attemptLimit
       FROM QuizAttempt a JOIN Course c ON c.id = a.courseId WHERE a.id = ? AND a.userId = ?`,
  ).get(attemptId, userId) as AttemptRow | undefined;
  if (!r) return null;
  return {
    id: r.id,
    userId: r.userId,
    courseId: r.courseId,
    practice: Boolean(r.practice),
    draw: r.draw,
    answers: r.answers,
    startedAt: new Date(r.startedAt),
    deadline: new Date(r.deadline),
    submittedAt: r.submittedAt === null ? null : new Date(r.submittedAt),
    score: r.score,
    passed: r.passed === null ? null : Boolean(r.passed),
    course: {
      slug: r.slug,
      title: r.title,
      passMark: r.passMark,
      quizIntroHtml: r.quizIntroHtml,
      attemptLimit: r.attemptLimit,
    },
  };
}

export function isOpen(a: { submittedAt: Date | null; deadline: Date }, now: Date): boolean {
  return !a.submittedAt && now.getTime() <= a.deadline.getTime() + graceMs();
}

/**
 * Starts an attempt: questions drawn at random and stored with their option order.
 * An open attempt is returned instead of a new one (a second tab); an expired one
 * is graded first. The attempt limit counts graded and open attempts.
 */
export async function startAttempt(
  learner: Learner,
  course: {
    id: number;
    version: string;
    questionsPerAttempt: number;
    timeLimitMinutes: number;
    attemptLimit: number;
  },
  now: Date,
  ip: string | null,
  random = cryptoRandom,
) {
  await gradeExpired(learner, course.id, now, ip);
  // Drawn before the transaction (a read of the bank); used only if an attempt is created.
  const bank = stmt("SELECT id, type, options FROM Question WHERE courseId = ? AND active = 1").all(
    course.id,
  ) as { id: number; type: string; options: string }[];
  const draw = drawQuestions(
    bank.map((q) => ({ ...q, options: JSON.parse(q.options) as Option[] })),
    course.questionsPerAttempt,
    random,
  );
  return writeTx((db) => {
    if (
      prepared(db, "SELECT 1 FROM Completion WHERE userId = ? AND courseId = ?").get(
        learner.id,
        course.id,
      )
    )
      return fail(409, "您已完成本课程，无需再次测验");
    const attempts = prepared(
      db,
      "SELECT id, submittedAt, deadline FROM QuizAttempt WHERE userId = ? AND courseId = ? AND practice = 0",
    ).all(learner.id, course.id) as { id: number; submittedAt: number | null; deadline: number }[];
    const open = attempts.find((a) =>
      isOpen(
        {
          submittedAt: a.submittedAt === null ? null : new Date(a.submittedAt),
          deadline: new Date(a.deadline),
        },
        now,
      ),
    );
    if (open) return { ok: true as const, attemptId: open.id, resumed: true };
    if (attempts.length >= course.attemptLimit)
      return fail(409, `测验次数已用完（共 ${course.attemptLimit} 次）`);
    const attemptId = Number(
      prepared(
        db,
        "INSERT INTO QuizAttempt (userId, courseId, courseVersion, practice, draw, answers, startedAt, deadline) VALUES (?, ?, ?, 0, ?, '{}', ?, ?)",
      ).run(
        learner.id,
        course.id,
        course.version,
        JSON.stringify(draw),
        now.getTime(),
        now.getTime() + course.timeLimitMinutes * 60_000,
      ).lastInsertRowid,
    );
    markCourseStarted(db, learner.id, course.id, now);
    return { ok: true as const, attemptId, resumed: false };
  });
}

/** A 错题本 round: up to 10 of the learner's wrong questions from one course; never counted. */
export async function startPractice(
  learner: Learner,
  courseId: number,
  now: Date,
  random = cryptoRandom,
) {
  const wrong = stmt(
    `SELECT q.id, q.type, q.options FROM WrongAnswer w JOIN Question q ON q.id = w.questionId
      WHERE w.userId = ? AND q.courseId = ? AND q.active = 1`,
  ).all(learner.id, courseId) as { id: number; type: string; options: string }[];
  if (wrong.length === 0) return fail(404, "本课程的错题本是空的");
  const { version } = stmt("SELECT version FROM Course WHERE id = ?").get(courseId) as {
    version: string;
  };
  const draw = drawQuestions(
    wrong.map((q) => ({ ...q, options: JSON.parse(q.options) as Option[] })),
    PRACTICE_SIZE,
    random,
  );
  const attemptId = await writeTx((db) =>
    Number(
      prepared(
        db,
        "INSERT INTO QuizAttempt (userId, courseId, courseVersion, practice, draw, answers, startedAt, deadline) VALUES (?, ?, ?, 1, ?, '{}', ?, ?)",
      ).run(
        learner.id,
        courseId,
        version,
        JSON.stringify(draw),
        now.getTime(),
        now.getTime() + PRACTICE_MINUTES * 60_000,
      ).lastInsertRowid,
    ),
  );
  return { ok: true as const, attemptId };
}

/** Checks submitted answers against the attempt: unknown questions or options are refused, never ignored. */
export function checkAnswers(draw: DrawItem[], given: Answers): { ok: true } | QuizError {
  return checkAgainst(answerKeyOf(draw), draw, given);
}

function checkAgainst(key: AnswerKey, draw: DrawItem[], given: Answers): { ok: true } | QuizError {
  const problem = answersProblem(key, draw, given);
  if (problem === "outside") return fail(400, "提交了不属于本次测验的题目");
  if (problem === "invalid") return fail(400, "提交的答案无效");
  return { ok: true };
}

/** Saves answers as the learner goes; refused once the attempt is submitted or past its deadline (plus grace). */
export async function saveAnswers(learner: Learner, attemptId: number, given: Answers, now: Date) {
  const attempt = getOwnAttempt(attemptId, learner.id);
  if (!attempt) return fail(404, "测验不存在");
  if (attempt.submittedAt) return fail(409, "本次测验已经交卷");
  if (!isOpen(attempt, now)) return fail(409, "答题时间已到，已保存的答案将用于评分");
  const check = checkAnswers(JSON.parse(attempt.draw) as DrawItem[], given);
  if (!check.ok) return check;
  await writeTx((db) => {
    const current = prepared(db, "SELECT answers FROM QuizAttempt WHERE id = ?").get(attemptId) as {
      answers: string;
    };
    const merged = { ...(JSON.parse(current.answers) as Answers), ...given };
    prepared(db, "UPDATE QuizAttempt SET answers = ? WHERE id = ? AND submittedAt IS NULL").run(
      JSON.stringify(merged),
      attemptId,
    );
  });
  return { ok: true as const };
}

/**
 * Grades an attempt once. A double click, a second tab or a replay finds it
 * already submitted and gets the same grade. Answers sent with a late submit
 * (past deadline + grace) are ignored: the attempt is graded on what was saved.
 */
export async function submitAttempt(
  learner: Learner,
  attemptId: number,
  given: Answers | null,
  now: Date,
  ip: string | null,
  loaded?: OwnAttempt,
) {
  const attempt = loaded ?? getOwnAttempt(attemptId, learner.id);
  if (!attempt) return fail(404, "测验不存在");
  if (attempt.submittedAt)
    return {
      ok: true as const,
      score: attempt.score ?? 0,
      passed: attempt.passed ?? false,
      already: true,
    };
  const draw = JSON.parse(attempt.draw) as DrawItem[];
  const questions = answerKeyOf(draw);
  if (given) {
    const check = checkAgainst(questions, draw, given);
    if (!check.ok) return check;
  }
  const late = !isOpen(attempt, now);
  const key = new Map([...questions].map(([id, q]) => [id, q.answer]));
  return writeTx((db) => {
    const current = prepared(
      db,
      "SELECT submittedAt, answers, score, passed FROM QuizAttempt WHERE id = ?",
    ).get(attemptId) as {
      submittedAt: number | null;
      answers: string;
      score: number | null;
      passed: number | null;
    };
    if (current.submittedAt !== null)
      return {
        ok: true as const,
        score: current.score ?? 0,
        passed: Boolean(current.passed),
        already: true,
      };
    const answers: Answers = {
      ...(JSON.parse(current.answers) as Answers),
      ...(given && !late ? given : {}),
    };
    const result = grade(draw, answers, key, attempt.course.passMark);
    const won = prepared(
      db,
      "UPDATE QuizAttempt SET submittedAt = ?, answers = ?, score = ?, passed = ? WHERE id = ? AND submittedAt IS NULL",
    ).run(
      now.getTime(),
      JSON.stringify(answers),
      result.score,
      attempt.practice ? null : result.passed ? 1 : 0,
      attemptId,
    );
    if (won.changes !== 1) throw new Error("attempt graded twice");
    updateWrongBook(db, learner.id, result.results, now);
    const completed =
      attempt.practice || !result.passed
        ? false
        : completeIfEarned(db, learner, attempt.courseId, now, ip);
    return {
      ok: true as const,
      score: result.score,
      passed: result.passed,
      already: false,
      completed,
    };
  });
}

/** 错题本 rule: a wrong answer adds the question (or resets its streak); two right answers in a row remove it. */
export function updateWrongBook(
  db: Writer,
  userId: number,
  results: { questionId: number; correct: boolean }[],
  now: Date,
): void {
  for (const r of results.filter((x) => !x.correct)) {
    prepared(
      db,
      `INSERT INTO WrongAnswer (userId, questionId, streak, wrongCount, lastWrongAt) VALUES (?, ?, 0, 1, ?)
      ON CONFLICT (userId, questionId) DO UPDATE SET streak = 0, wrongCount = wrongCount + 1, lastWrongAt = excluded.lastWrongAt`,
    ).run(userId, r.questionId, now.getTime());
  }
  const right = JSON.stringify(results.filter((r) => r.correct).map((r) => r.questionId));
  // A second right answer in a row removes the question; a first one starts the streak.
  prepared(
    db,
    "DELETE FROM WrongAnswer WHERE userId = ? AND streak >= 1 AND questionId IN (SELECT value FROM json_each(?))",
  ).run(userId, right);
  prepared(
    db,
    "UPDATE WrongAnswer SET streak = streak + 1 WHERE userId = ? AND questionId IN (SELECT value FROM json_each(?))",
  ).run(userId, right);
}

/** Grades the learner's attempts on a course whose time (and grace) ran out, on their saved answers. */
export async function gradeExpired(
  learner: Learner,
  courseId: number,
  now: Date,
  ip: string | null,
) {
  // A raw read first: on nearly every visit there is nothing to grade, and this runs on every course page.
  const stale = stmt(
    "SELECT id FROM QuizAttempt WHERE userId = ? AND courseId = ? AND submittedAt IS NULL AND deadline < ?",
  ).all(learner.id, courseId, now.getTime() - graceMs()) as { id: number }[];
  for (const a of stale) await submitAttempt(learner, a.id, null, now, ip);
}
