import { db } from "#app/data/db.server.ts";
import type { Answers, DrawItem, Option } from "./grading.ts";
import { isCorrect } from "./grading.ts";

export type QuestionView = {
  id: number;
  type: string;
  scenarioHtml: string | null;
  stem: string;
  options: Option[];
  given: string[];
  /** Only after the attempt is submitted. */
  review: { answer: string[]; correct: boolean; explanationHtml: string } | null;
};

/** The attempt's questions in the order drawn, options in the order stored; answers and explanations only once submitted. */
export async function attemptQuestions(attempt: {
  draw: string;
  answers: string;
  submittedAt: Date | null;
}): Promise<QuestionView[]> {
  const draw = JSON.parse(attempt.draw) as DrawItem[];
  const answers = JSON.parse(attempt.answers) as Answers;
  const ids = draw.map((d) => d.questionId);
  const rows =
    ids.length === 0
      ? []
      : await db()
          .selectFrom("Question")
          .select(["id", "type", "scenarioHtml", "stem", "options", "answer", "explanationHtml"])
          .where("id", "in", ids)
          .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return draw.flatMap((d) => {
    const q = byId.get(d.questionId);
    if (!q) return [];
    const options = JSON.parse(q.options) as Option[];
    const answer = JSON.parse(q.answer) as string[];
    const given = answers[String(q.id)] ?? [];
    return [
      {
        id: q.id,
        type: q.type,
        scenarioHtml: q.scenarioHtml,
        stem: q.stem,
        options: d.options.map((id) => options.find((o) => o.id === id)!).filter(Boolean),
        given,
        review: attempt.submittedAt
          ? { answer, correct: isCorrect(given, answer), explanationHtml: q.explanationHtml }
          : null,
      },
    ];
  });
}
