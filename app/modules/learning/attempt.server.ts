import { compiled } from "#app/data/compiled.server.ts";
import { write, type Tx } from "#app/data/db.server.ts";
import { env } from "#app/utils/env.server.ts";
import { answerKeyOf, answersProblem, type AnswerKey } from "./answer-key.server.ts";
import { grade, type Answers, type DrawItem } from "./grading.ts";

// THE attempt engine (issue 12): a course quiz (测验) and the annual exam (考试) are one
// algorithm — a stored draw, answers saved as the learner goes, graded once on the server —
// and differ only in what their AttemptPolicy says: the table, the wording, how `passed` is
// stored and what grading writes beside the grade (错题本 and completion; an audit row).

export type Learner = { id: number; username: string };
export type AttemptError = { ok: false; status: 400 | 403 | 404 | 409; message: string };
export const fail = (status: AttemptError["status"], message: string): AttemptError => ({
  ok: false,
  status,
  message,
});

/** What the engine needs of a loaded attempt (both tables have these columns). */
export type AttemptCore = {
  id: number;
  draw: string;
  deadline: Date;
  submittedAt: Date | null;
  score: number | null;
  passed: boolean | null;
};

export type Graded = {
  score: number;
  passed: boolean;
  late: boolean;
  results: { questionId: number; correct: boolean }[];
  /** The answers graded (saved merged with the submitted), for the 错题本's last answer. */
  answers: Answers;
};

export type AttemptPolicy<A extends AttemptCore, Extra extends object> = {
  table: "QuizAttempt" | "ExamAttempt";
  /** 测验 or 考试, in the refusals. */
  noun: string;
  /** Refusal when the time (plus grace) ran out. */
  timeUp: string;
  passMark(attempt: A): number;
  /** The `passed` column as stored (a practice round stores none). */
  storedPassed(attempt: A, passed: boolean): boolean | null;
  /** Inside the grading transaction, once this submit won: the policy's own records. */
  afterGrade(tx: Tx, attempt: A, graded: Graded, ctx: GradeContext): Promise<Extra>;
};
export type GradeContext = { learner: Learner; now: Date; ip: string | null };

type AttemptTable = AttemptPolicy<AttemptCore, object>["table"];

/** The save and grade statements of each attempt table, compiled once (the hot path). */
function statementsOf(table: AttemptTable) {
  return {
    current: compiled((q, id: number) =>
      q
        .selectFrom(table)
        .select(["submittedAt", "answers", "score", "passed"])
        .where("id", "=", id),
    ),
    save: compiled((q, id: number, answers: string) =>
      q.updateTable(table).set({ answers }).where("id", "=", id).where("submittedAt", "is", null),
    ),
    grade: compiled(
      (q, id: number, at: Date, answers: string, score: number, passed: boolean | null) =>
        q
          .updateTable(table)
          .set({ submittedAt: at, answers, score, passed })
          .where("id", "=", id)
          .where("submittedAt", "is", null),
    ),
  };
}
const STATEMENTS = {
  QuizAttempt: statementsOf("QuizAttempt"),
  ExamAttempt: statementsOf("ExamAttempt"),
};

const graceMs = () => env().QUIZ_GRACE_SECONDS * 1000;

/** Open: not submitted and not past its deadline plus the grace period. */
export function isAttemptOpen(a: { submittedAt: Date | null; deadline: Date }, now: Date): boolean {
  return !a.submittedAt && now.getTime() <= a.deadline.getTime() + graceMs();
}

/** Submitted answers are checked against the draw: unknown questions or options are refused, never ignored. */
export function checkAgainst(
  noun: string,
  key: AnswerKey,
  draw: DrawItem[],
  given: Answers,
): { ok: true } | AttemptError {
  const problem = answersProblem(key, draw, given);
  if (problem === "outside") return fail(400, `提交了不属于本次${noun}的题目`);
  if (problem === "invalid") return fail(400, "提交的答案无效");
  return { ok: true };
}

/** Saves answers as the learner goes; refused once submitted or past the deadline (plus grace). */
export async function saveAttemptAnswers<A extends AttemptCore>(
  policy: AttemptPolicy<A, object>,
  attempt: A,
  given: Answers,
  now: Date,
) {
  if (attempt.submittedAt) return fail(409, `本次${policy.noun}已经交卷`);
  if (!isAttemptOpen(attempt, now)) return fail(409, policy.timeUp);
  const draw = JSON.parse(attempt.draw) as DrawItem[];
  const check = checkAgainst(policy.noun, await answerKeyOf(draw), draw, given);
  if (!check.ok) return check;
  const statements = STATEMENTS[policy.table];
  await write(async (tx) => {
    const [current] = await statements.current.rows(tx, attempt.id);
    if (!current) throw new Error(`${policy.table} ${attempt.id} vanished`);
    const merged = { ...(JSON.parse(current.answers) as Answers), ...given };
    await statements.save.changes(tx, attempt.id, JSON.stringify(merged));
  });
  return { ok: true as const };
}

/**
 * Grades an attempt once. A double click, a second tab or a replay finds it already
 * submitted and gets the same grade. Answers sent with a late submit (past deadline + grace)
 * are ignored: the attempt is graded on what was saved.
 */
export async function submitAttemptWith<A extends AttemptCore, Extra extends object>(
  policy: AttemptPolicy<A, Extra>,
  attempt: A,
  given: Answers | null,
  ctx: GradeContext,
) {
  const already = (a: { score: number | null; passed: boolean | null }) => ({
    ok: true as const,
    score: a.score ?? 0,
    passed: a.passed ?? false,
    already: true as const,
  });
  if (attempt.submittedAt) return already(attempt);
  const draw = JSON.parse(attempt.draw) as DrawItem[];
  const questions = await answerKeyOf(draw);
  if (given) {
    const check = checkAgainst(policy.noun, questions, draw, given);
    if (!check.ok) return check;
  }
  const late = !isAttemptOpen(attempt, ctx.now);
  const key = new Map([...questions].map(([id, q]) => [id, q.answer]));
  const statements = STATEMENTS[policy.table];
  return write(async (tx) => {
    const [current] = await statements.current.rows(tx, attempt.id);
    if (!current) throw new Error(`${policy.table} ${attempt.id} vanished`);
    if (current.submittedAt) return already(current);
    const answers: Answers = {
      ...(JSON.parse(current.answers) as Answers),
      ...(given && !late ? given : {}),
    };
    const result = grade(draw, answers, key, policy.passMark(attempt));
    const won = await statements.grade.changes(
      tx,
      attempt.id,
      ctx.now,
      JSON.stringify(answers),
      result.score,
      policy.storedPassed(attempt, result.passed),
    );
    if (won !== 1n) throw new Error(`${policy.table} graded twice`);
    const extra = await policy.afterGrade(
      tx,
      attempt,
      { score: result.score, passed: result.passed, late, results: result.results, answers },
      ctx,
    );
    return {
      ok: true as const,
      score: result.score,
      passed: result.passed,
      already: false as const,
      ...extra,
    };
  });
}

export const graceCutoff = (now: Date) => new Date(now.getTime() - graceMs());
