import { stmt } from "#app/utils/db.server.ts";
import { validAnswer, type Answers, type DrawItem, type Option } from "./grading.ts";

export type AnswerKey = Map<number, { type: string; optionIds: string[]; answer: string[] }>;

/** The drawn questions' types, option ids and right answers: one raw read. */
export function answerKeyOf(draw: DrawItem[]): AnswerKey {
  const rows = stmt(
    "SELECT id, type, options, answer FROM Question WHERE id IN (SELECT value FROM json_each(?))",
  ).all(JSON.stringify(draw.map((d) => d.questionId))) as {
    id: number;
    type: string;
    options: string;
    answer: string;
  }[];
  return new Map(
    rows.map((q) => [
      q.id,
      {
        type: q.type,
        optionIds: (JSON.parse(q.options) as Option[]).map((o) => o.id),
        answer: JSON.parse(q.answer) as string[],
      },
    ]),
  );
}

/** What is wrong with submitted answers, if anything: a question outside the draw, or an invalid answer. Never ignored. */
export function answersProblem(
  key: AnswerKey,
  draw: DrawItem[],
  given: Answers,
): "outside" | "invalid" | null {
  for (const [qid, answer] of Object.entries(given)) {
    const q = key.get(Number(qid));
    if (!q || !draw.some((d) => d.questionId === Number(qid))) return "outside";
    if (!validAnswer(q.type, q.optionIds, answer)) return "invalid";
  }
  return null;
}
