import { compiled } from "#app/data/compiled.server.ts";
import { db, type Tx } from "#app/data/db.server.ts";
import { validAnswer, type Answers, type DrawItem, type Option } from "./grading.ts";

export type AnswerKey = Map<number, { type: string; optionIds: string[]; answer: string[] }>;

/** Compiled once per draw size (a course's draw size rarely changes): the quiz hot path. */
const keyQuery = compiled((q, ...ids: number[]) =>
  q.selectFrom("Question").select(["id", "type", "options", "answer"]).where("id", "in", ids),
);

/** The drawn questions' types, option ids and right answers: one read. */
export async function answerKeyOf(draw: DrawItem[], q: Tx = db()): Promise<AnswerKey> {
  const ids = draw.map((d) => d.questionId);
  if (ids.length === 0) return new Map();
  const rows = await keyQuery.rows(q, ...ids);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        type: r.type,
        optionIds: (JSON.parse(r.options) as Option[]).map((o) => o.id),
        answer: JSON.parse(r.answer) as string[],
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
