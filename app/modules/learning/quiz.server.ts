import crypto from "node:crypto";
import { compiled } from "#app/data/compiled.server.ts";
import { db, write, type Tx } from "#app/data/db.server.ts";
import { completeIfEarned } from "./completion.server.ts";
import { markCourseStarted } from "./course-status.server.ts";
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
import { drawQuestions, type Answers, type Option } from "./grading.ts";

// The course quiz (测验) and its 错题本 practice rounds on the attempt engine (attempt.server.ts).

const cryptoRandom = () => crypto.randomInt(2 ** 32) / 2 ** 32;
export const PRACTICE_SIZE = 10;
const PRACTICE_MINUTES = 60;

export type QuizError = AttemptError;
export type OwnAttempt = NonNullable<Awaited<ReturnType<typeof getOwnAttempt>>>;

/** Only the learner's own attempt: another user's id is simply not found. One read. */
export async function getOwnAttempt(attemptId: number, userId: number) {
  const [r] = await OWN_ATTEMPT.rows(db(), attemptId, userId);
  if (!r) return null;
  const { slug, title, passMark, quizIntroHtml, attemptLimit, ...attempt } = r;
  return { ...attempt, course: { slug, title, passMark, quizIntroHtml, attemptLimit } };
}

const OWN_ATTEMPT = compiled((q, attemptId: number, userId: number) =>
  q
    .selectFrom("QuizAttempt as a")
    .innerJoin("Course as c", "c.id", "a.courseId")
    .select([
      "a.id",
      "a.userId",
      "a.courseId",
      "a.practice",
      "a.draw",
      "a.answers",
      "a.startedAt",
      "a.deadline",
      "a.submittedAt",
      "a.score",
      "a.passed",
      "c.slug",
      "c.title",
      "c.passMark",
      "c.quizIntroHtml",
      "c.attemptLimit",
    ])
    .where("a.id", "=", attemptId)
    .where("a.userId", "=", userId),
);

export const isOpen = isAttemptOpen;

/** The quiz's differences from the exam: a course's pass mark, 错题本 and completion on grading. */
const QUIZ: AttemptPolicy<OwnAttempt, { completed: boolean }> = {
  table: "QuizAttempt",
  noun: "测验",
  timeUp: "答题时间已到，已保存的答案将用于评分",
  passMark: (a) => a.course.passMark,
  storedPassed: (a, passed) => (a.practice ? null : passed),
  async afterGrade(tx, attempt, graded, { learner, now, ip }) {
    await updateWrongBook(
      tx,
      learner.id,
      graded.results.map((r) => ({ ...r, given: graded.answers[String(r.questionId)] ?? [] })),
      now,
    );
    const completed =
      attempt.practice || !graded.passed
        ? false
        : await completeIfEarned(tx, learner, attempt.courseId, now, ip);
    return { completed };
  },
};

/**
 * Starts an attempt: questions drawn at random and stored with their option order.
 * An open attempt is returned instead of a new one (a second tab); an expired one
 * is graded first. The attempt limit counts graded and open attempts.
 */
// The quiz start's reads and its insert (a POST the bench measures): compiled once (decision 0011).
const START = {
  bank: compiled((q, courseId: number) =>
    q
      .selectFrom("Question")
      .select(["id", "type", "options"])
      .where("courseId", "=", courseId)
      .where("active", "=", true),
  ),
  completion: compiled((q, userId: number, courseId: number) =>
    q
      .selectFrom("Completion")
      .select("id")
      .where("userId", "=", userId)
      .where("courseId", "=", courseId),
  ),
  attempts: compiled((q, userId: number, courseId: number) =>
    q
      .selectFrom("QuizAttempt")
      .select(["id", "submittedAt", "deadline"])
      .where("userId", "=", userId)
      .where("courseId", "=", courseId)
      .where("practice", "=", false),
  ),
  insert: compiled(
    (
      q,
      userId: number,
      courseId: number,
      courseVersion: string,
      draw: string,
      startedAt: Date,
      deadline: Date,
    ) =>
      q
        .insertInto("QuizAttempt")
        .values({
          userId,
          courseId,
          courseVersion,
          practice: false,
          draw,
          answers: "{}",
          startedAt,
          deadline,
        })
        .returning("id"),
  ),
};

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
  const bank = await START.bank.rows(db(), course.id);
  const draw = drawQuestions(
    bank.map((q) => ({ ...q, options: JSON.parse(q.options) as Option[] })),
    course.questionsPerAttempt,
    random,
  );
  return write(async (tx) => {
    const completion = await START.completion.first(tx, learner.id, course.id);
    if (completion) return fail(409, "您已完成本课程，无需再次测验");
    const attempts = await START.attempts.rows(tx, learner.id, course.id);
    const open = attempts.find((a) => isAttemptOpen(a, now));
    if (open) return { ok: true as const, attemptId: open.id, resumed: true };
    if (attempts.length >= course.attemptLimit)
      return fail(409, `测验次数已用完（共 ${course.attemptLimit} 次）`);
    const [row] = await START.insert.rows(
      tx,
      learner.id,
      course.id,
      course.version,
      JSON.stringify(draw),
      now,
      new Date(now.getTime() + course.timeLimitMinutes * 60_000),
    );
    const id = row!.id;
    await markCourseStarted(tx, learner.id, course.id, now);
    return { ok: true as const, attemptId: id, resumed: false };
  });
}

/** A 错题本 round: up to 10 of the learner's wrong questions from one course; never counted. */
export async function startPractice(
  learner: Learner,
  courseId: number,
  now: Date,
  random = cryptoRandom,
) {
  const wrong = await db()
    .selectFrom("WrongAnswer as w")
    .innerJoin("Question as q", "q.id", "w.questionId")
    .select(["q.id", "q.type", "q.options"])
    .where("w.userId", "=", learner.id)
    .where("q.courseId", "=", courseId)
    .where("q.active", "=", true)
    .execute();
  if (wrong.length === 0) return fail(404, "本课程的错题本是空的");
  const { version } = await db()
    .selectFrom("Course")
    .select("version")
    .where("id", "=", courseId)
    .executeTakeFirstOrThrow();
  const draw = drawQuestions(
    wrong.map((q) => ({ ...q, options: JSON.parse(q.options) as Option[] })),
    PRACTICE_SIZE,
    random,
  );
  const { id } = await write((tx) =>
    tx
      .insertInto("QuizAttempt")
      .values({
        userId: learner.id,
        courseId,
        courseVersion: version,
        practice: true,
        draw: JSON.stringify(draw),
        answers: "{}",
        startedAt: now,
        deadline: new Date(now.getTime() + PRACTICE_MINUTES * 60_000),
      })
      .returning("id")
      .executeTakeFirstOrThrow(),
  );
  return { ok: true as const, attemptId: id };
}

/** Saves answers as the learner goes; refused once the attempt is submitted or past its deadline (plus grace). */
export async function saveAnswers(learner: Learner, attemptId: number, given: Answers, now: Date) {
  const attempt = await getOwnAttempt(attemptId, learner.id);
  if (!attempt) return fail(404, "测验不存在");
  return saveAttemptAnswers(QUIZ, attempt, given, now);
}

/** Grades an attempt once (the engine's rule); a passing graded quiz may complete the course. */
export async function submitAttempt(
  learner: Learner,
  attemptId: number,
  given: Answers | null,
  now: Date,
  ip: string | null,
  loaded?: OwnAttempt,
) {
  const attempt = loaded ?? (await getOwnAttempt(attemptId, learner.id));
  if (!attempt) return fail(404, "测验不存在");
  return submitAttemptWith(QUIZ, attempt, given, { learner, now, ip });
}

const WRONG = {
  add: compiled((q, userId: number, questionId: number, at: Date, lastAnswer: string) =>
    q
      .insertInto("WrongAnswer")
      .values({ userId, questionId, streak: 0, wrongCount: 1, lastWrongAt: at, lastAnswer })
      .onConflict((oc) =>
        oc.columns(["userId", "questionId"]).doUpdateSet((eb) => ({
          streak: 0,
          wrongCount: eb("WrongAnswer.wrongCount", "+", 1),
          lastWrongAt: eb.ref("excluded.lastWrongAt"),
          lastAnswer: eb.ref("excluded.lastAnswer"),
        })),
      ),
  ),
  removeSecondRight: compiled((q, userId: number, ...ids: number[]) =>
    q
      .deleteFrom("WrongAnswer")
      .where("userId", "=", userId)
      .where("streak", ">=", 1)
      .where("questionId", "in", ids),
  ),
  countRight: compiled((q, userId: number, ...ids: number[]) =>
    q
      .updateTable("WrongAnswer")
      .set((eb) => ({ streak: eb("streak", "+", 1) }))
      .where("userId", "=", userId)
      .where("questionId", "in", ids),
  ),
};

/** 错题本 rule: a wrong answer adds the question (or resets its streak); two right answers in a row remove it. */
export async function updateWrongBook(
  tx: Tx,
  userId: number,
  results: { questionId: number; correct: boolean; given?: string[] }[],
  now: Date,
): Promise<void> {
  for (const r of results.filter((x) => !x.correct))
    await WRONG.add.changes(tx, userId, r.questionId, now, JSON.stringify(r.given ?? []));
  const right = results.filter((r) => r.correct).map((r) => r.questionId);
  if (right.length === 0) return;
  // A second right answer in a row removes the question; a first one starts the streak.
  await WRONG.removeSecondRight.changes(tx, userId, ...right);
  await WRONG.countRight.changes(tx, userId, ...right);
}

const STALE = compiled((q, userId: number, courseId: number, cutoff: Date) =>
  q
    .selectFrom("QuizAttempt")
    .select("id")
    .where("userId", "=", userId)
    .where("courseId", "=", courseId)
    .where("submittedAt", "is", null)
    .where("deadline", "<", cutoff),
);

/** Grades the learner's attempts on a course whose time (and grace) ran out, on their saved answers. */
export async function gradeExpired(
  learner: Learner,
  courseId: number,
  now: Date,
  ip: string | null,
) {
  // On nearly every visit there is nothing to grade; this runs on every course page.
  const stale = await STALE.rows(db(), learner.id, courseId, graceCutoff(now));
  for (const a of stale) await submitAttempt(learner, a.id, null, now, ip);
}
