import clsx from "clsx";
import type { QuestionView } from "#app/modules/learning/quiz-view.server.ts";
import { optionLetter } from "#app/modules/learning/relabel.ts";

export const TYPE_LABEL: Record<string, string> = {
  single: "单选题",
  multiple: "多选题",
  truefalse: "判断题",
};

/** The letters of the given options as shown ("A、C"), or 未作答. */
export function shownAnswer(q: QuestionView, ids: string[]): string {
  if (ids.length === 0) return "未作答";
  const labels = q.options.flatMap((o, i) =>
    ids.includes(o.id) ? [q.type === "truefalse" ? o.text : optionLetter(i)] : [],
  );
  return labels.join("、");
}

/**
 * One question: inputs while the attempt is open; after submit the review: the options in the
 * order the learner saw them, the learner's choice and the right answer marked in text as well as
 * colour (✓/✗), and the explanation (its letters rewritten to this order) with article links.
 */
export function QuizQuestion({
  q,
  index,
  disabled,
  hidden,
}: {
  q: QuestionView;
  index: number;
  disabled: boolean;
  hidden?: boolean;
}) {
  const name = `q${q.id}`;
  const review = q.review;
  return (
    <fieldset
      id={`question-${index + 1}`}
      data-question={index + 1}
      hidden={hidden}
      className={clsx(
        "scroll-mt-24 rounded-lg border bg-white p-4",
        review ? (review.correct ? "border-green-700" : "border-red-700") : "border-stone-300",
      )}
    >
      <legend className="px-1 font-semibold">
        第 {index + 1} 题（{TYPE_LABEL[q.type] ?? q.type}）
        {review ? (review.correct ? " ✓ 回答正确" : " ✗ 回答错误") : ""}
      </legend>
      {q.scenarioHtml ? (
        <div
          className="prose-content mb-2 rounded bg-stone-100 p-3"
          dangerouslySetInnerHTML={{ __html: q.scenarioHtml }}
        />
      ) : null}
      <p className="mb-3">{q.stem}</p>
      <div className="space-y-2">
        {q.options.map((o, i) => {
          const id = `${name}-${o.id}`;
          const isAnswer = review?.answer.includes(o.id) ?? false;
          const chosen = q.given.includes(o.id);
          return (
            <div
              key={o.id}
              className={clsx(
                "flex min-h-11 items-start gap-2 rounded px-2 py-1",
                review && isAnswer && "bg-green-50",
                review && chosen && !isAnswer && "bg-red-50",
              )}
            >
              <input
                id={id}
                type={q.type === "multiple" ? "checkbox" : "radio"}
                name={name}
                value={o.id}
                defaultChecked={chosen}
                disabled={disabled}
                className="mt-1.5 size-5 shrink-0"
              />
              <label htmlFor={id} className="flex-1">
                {q.type === "truefalse" ? "" : `${optionLetter(i)}. `}
                {o.text}
                {review && chosen ? (
                  <span
                    className={clsx(
                      "ml-2 text-sm font-semibold",
                      isAnswer ? "text-green-800" : "text-red-800",
                    )}
                  >
                    {isAnswer ? "（✓ 你的选择）" : "（✗ 你的选择）"}
                  </span>
                ) : null}
                {review && isAnswer ? (
                  <span className="ml-2 text-sm font-semibold text-green-800">（正确答案）</span>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
      {review ? (
        <div className="mt-3 space-y-2 border-t pt-3">
          <p>
            你的答案：<strong>{shownAnswer(q, q.given)}</strong>
            {review.correct ? "（✓ 正确）" : "（✗ 错误）"}；正确答案：
            <strong>{shownAnswer(q, review.answer)}</strong>
          </p>
          <p className="font-semibold">解析</p>
          <div
            className="prose-content"
            dangerouslySetInnerHTML={{ __html: review.explanationHtml }}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
