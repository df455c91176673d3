// Pure quiz logic: the random draw and the grading, tested on their own.

export type Option = { id: string; text: string };
export type DrawItem = { questionId: number; options: string[] };
export type Answers = Record<string, string[]>;

/** Fisher–Yates with an injectable random source. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** n questions at random from the bank, each with its options in a random order (true/false stays 正确, 错误). */
export function drawQuestions(
  bank: { id: number; type: string; options: Option[] }[],
  n: number,
  random: () => number,
): DrawItem[] {
  return shuffle(bank, random)
    .slice(0, n)
    .map((q) => ({
      questionId: q.id,
      options:
        q.type === "truefalse"
          ? q.options.map((o) => o.id)
          : shuffle(
              q.options.map((o) => o.id),
              random,
            ),
    }));
}

export function isCorrect(given: string[] | undefined, answer: string[]): boolean {
  if (!given || given.length !== answer.length) return false;
  const set = new Set(given);
  return answer.every((a) => set.has(a));
}

export function grade(
  draw: DrawItem[],
  answers: Answers,
  key: Map<number, string[]>,
  passMark: number,
) {
  const results = draw.map((d) => ({
    questionId: d.questionId,
    correct: isCorrect(answers[String(d.questionId)], key.get(d.questionId) ?? []),
  }));
  const right = results.filter((r) => r.correct).length;
  const score = draw.length ? Math.round((100 * right) / draw.length) : 0;
  return { results, right, score, passed: score >= passMark };
}

/** An answer is valid when every id is one of the question's options and single-answer types have exactly one. */
export function validAnswer(type: string, optionIds: string[], given: string[]): boolean {
  if (given.length === 0) return false;
  if (new Set(given).size !== given.length) return false;
  if (given.some((g) => !optionIds.includes(g))) return false;
  return type === "multiple" ? true : given.length === 1;
}
