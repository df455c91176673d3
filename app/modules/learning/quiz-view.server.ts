import { compiled } from "#app/data/compiled.server.ts";
import type { Answers, DrawItem, Option } from "./grading.ts";
import { isCorrect } from "./grading.ts";
import { relabelExplanation } from "./relabel.ts";

export type QuestionView = {
  id: number;
  type: string;
  scenarioHtml: string | null;
  stem: string;
  /** In the order the learner sees them (the attempt's draw), lettered A, B, … by position. */
  options: Option[];
  given: string[];
  /** Only after the attempt is submitted; the explanation's letters rewritten to the shown order. */
  review: { answer: string[]; correct: boolean; explanationHtml: string } | null;
};

// Compiled once per number of ids (the 每日一题 on every home asks for one; issue 14).
const QUESTION_ROWS = compiled((q, ...ids: number[]) =>
  q
    .selectFrom("Question")
    .select(["id", "type", "scenarioHtml", "stem", "options", "answer", "explanationHtml"])
    .where("id", "in", ids),
);

async function questionRows(ids: number[]) {
  if (ids.length === 0) return [];
  return QUESTION_ROWS.read(...ids);
}

/**
 * Questions as the attempt form and its review render them: in the order drawn with the drawn
 * option order; answer and explanation (with its article links) only when `reviewed`.
 */
export async function questionViews(
  draw: DrawItem[],
  answers: Answers,
  reviewed: boolean,
): Promise<QuestionView[]> {
  return viewsOf(await questionRows(draw.map((d) => d.questionId)), draw, answers, reviewed);
}

/**
 * questionViews for questions shown with their options in the stored order (the 每日一题), from
 * one read of the rows: the order is the row's own, no separate read of the options.
 */
export async function storedOrderViews(
  ids: number[],
  answers: Answers,
  reviewed: boolean,
): Promise<QuestionView[]> {
  const rows = await questionRows(ids);
  const order = new Map(
    rows.map((r) => [r.id, (JSON.parse(r.options) as Option[]).map((o) => o.id)]),
  );
  const draw = ids.flatMap((id) => {
    const options = order.get(id);
    return options ? [{ questionId: id, options }] : [];
  });
  return viewsOf(rows, draw, answers, reviewed);
}

type QuestionRow = Awaited<ReturnType<typeof questionRows>>[number];

function viewsOf(
  rows: QuestionRow[],
  draw: DrawItem[],
  answers: Answers,
  reviewed: boolean,
): QuestionView[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return draw.flatMap((d) => {
    const q = byId.get(d.questionId);
    if (!q) return [];
    const options = JSON.parse(q.options) as Option[];
    const answer = JSON.parse(q.answer) as string[];
    const given = answers[String(q.id)] ?? [];
    const shown = d.options.flatMap((id) => options.filter((o) => o.id === id));
    return [
      {
        id: q.id,
        type: q.type,
        scenarioHtml: q.scenarioHtml,
        stem: q.stem,
        options: shown,
        given,
        review: reviewed
          ? {
              answer,
              correct: isCorrect(given, answer),
              explanationHtml: relabelExplanation(
                q.explanationHtml,
                shown.map((o) => o.id),
              ),
            }
          : null,
      },
    ];
  });
}

/** A stored attempt's questions; answers and explanations only once submitted. */
export async function attemptQuestions(attempt: {
  draw: string;
  answers: string;
  submittedAt: Date | null;
}): Promise<QuestionView[]> {
  return questionViews(
    JSON.parse(attempt.draw) as DrawItem[],
    JSON.parse(attempt.answers) as Answers,
    Boolean(attempt.submittedAt),
  );
}
