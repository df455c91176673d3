import { db, write } from "#app/data/db.server.ts";
import { isCorrect, validAnswer, type Option } from "./grading.ts";
import { updateWrongBook } from "./quiz.server.ts";

// The 错题本 (issue 16): each entry with its scenario, the learner's last answer, the right
// answer and the 解析; practice one question at a time with the answer judged at once. The
// rule stays the quiz's (updateWrongBook): a wrong answer keeps the entry (streak back to 0),
// two right answers in a row remove it. Options appear in the bank's order, so the letters
// match the explanation as written.

export type WrongEntry = {
  questionId: number;
  courseId: number;
  courseSlug: string;
  courseTitle: string;
  type: string;
  scenarioHtml: string | null;
  stem: string;
  options: Option[];
  answer: string[];
  lastAnswer: string[];
  explanationHtml: string;
  wrongCount: number;
  streak: number;
};

function entries(userId: number, courseId?: number) {
  let q = db()
    .selectFrom("WrongAnswer as w")
    .innerJoin("Question as q", "q.id", "w.questionId")
    .innerJoin("Course as c", "c.id", "q.courseId")
    .select([
      "q.id as questionId",
      "c.id as courseId",
      "c.slug as courseSlug",
      "c.title as courseTitle",
      "q.type",
      "q.scenarioHtml",
      "q.stem",
      "q.options",
      "q.answer",
      "q.explanationHtml",
      "w.lastAnswer",
      "w.wrongCount",
      "w.streak",
    ])
    .where("w.userId", "=", userId)
    .where("q.active", "=", true);
  if (courseId !== undefined) q = q.where("c.id", "=", courseId);
  return q.orderBy("c.sortOrder").orderBy("q.id");
}

const parse = (r: Awaited<ReturnType<ReturnType<typeof entries>["execute"]>>[number]) => ({
  ...r,
  options: JSON.parse(r.options) as Option[],
  answer: JSON.parse(r.answer) as string[],
  lastAnswer: JSON.parse(r.lastAnswer) as string[],
});

/** The learner's 错题本, by course (course order), each entry in full. */
export async function wrongBookEntries(userId: number): Promise<WrongEntry[]> {
  return (await entries(userId).execute()).map(parse);
}

/**
 * The next entry to practise: the first after `after` (by question id) in the chosen course or in
 * the whole book, wrapping round to the first; null when nothing is left. Without the answer.
 */
export async function nextPractice(userId: number, scope: { courseId?: number; after?: number }) {
  const all = (await entries(userId, scope.courseId).execute()).map(parse);
  if (all.length === 0) return null;
  const pick = all.find((e) => scope.after === undefined || e.questionId > scope.after) ?? all[0]!;
  const { answer: _a, explanationHtml: _e, lastAnswer: _l, ...shown } = pick;
  return { entry: shown, remaining: all.length };
}

export type PracticeFeedback =
  | {
      ok: true;
      questionId: number;
      /** The question as shown (it may have left the book by now). */
      entry: {
        questionId: number;
        courseTitle: string;
        type: string;
        scenarioHtml: string | null;
        stem: string;
        options: Option[];
      };
      correct: boolean;
      given: string[];
      answer: string[];
      explanationHtml: string;
      /** After this answer: removed (second right in a row), or the streak now. */
      removed: boolean;
      streak: number;
    }
  | { ok: false; status: 400 | 404; message: string };

/** Judges one practice answer at once and applies the 错题本 rule in the same transaction. */
export async function answerPractice(
  userId: number,
  questionId: number,
  given: string[],
  now: Date,
): Promise<PracticeFeedback> {
  return write(async (tx) => {
    const row = await tx
      .selectFrom("WrongAnswer as w")
      .innerJoin("Question as q", "q.id", "w.questionId")
      .innerJoin("Course as c", "c.id", "q.courseId")
      .select([
        "q.type",
        "q.options",
        "q.answer",
        "q.explanationHtml",
        "q.scenarioHtml",
        "q.stem",
        "c.title as courseTitle",
      ])
      .where("w.userId", "=", userId)
      .where("w.questionId", "=", questionId)
      .where("q.active", "=", true)
      .executeTakeFirst();
    // Owner-scoped: a question outside the learner's own book is simply not found.
    if (!row) return { ok: false, status: 404, message: "这道题不在您的错题本中（可能已移出）" };
    const options = JSON.parse(row.options) as Option[];
    const optionIds = options.map((o) => o.id);
    if (!validAnswer(row.type, optionIds, given))
      return { ok: false, status: 400, message: "提交的答案无效" };
    const answer = JSON.parse(row.answer) as string[];
    const correct = isCorrect(given, answer);
    await updateWrongBook(tx, userId, [{ questionId, correct, given }], now);
    const after = await tx
      .selectFrom("WrongAnswer")
      .select("streak")
      .where("userId", "=", userId)
      .where("questionId", "=", questionId)
      .executeTakeFirst();
    return {
      ok: true,
      questionId,
      entry: {
        questionId,
        courseTitle: row.courseTitle,
        type: row.type,
        scenarioHtml: row.scenarioHtml,
        stem: row.stem,
        options,
      },
      correct,
      given,
      answer,
      explanationHtml: row.explanationHtml,
      removed: !after,
      streak: after?.streak ?? 2,
    };
  });
}
