import clsx from "clsx";
import type { QuestionView } from "#app/modules/learning/quiz-view.server.ts";

const TYPE_LABEL: Record<string, string> = {
  single: "单选题",
  multiple: "多选题",
  truefalse: "判断题",
};
const letter = (i: number) => String.fromCharCode(65 + i);

/** One question: inputs while the attempt is open, the review (answer, explanation with article links) after submit. */
export function QuizQuestion({
  q,
  index,
  disabled,
}: {
  q: QuestionView;
  index: number;
  disabled: boolean;
}) {
  const name = `q${q.id}`;
  const review = q.review;
  return (
    <fieldset
      className={clsx(
        "rounded-lg border bg-white p-4",
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
        {/* While answering: the attempt's shuffled order, lettered by position. In the review: the
            bank's order, lettered by the option ids the explanation refers to ("B 项错误在于…"). */}
        {(review ? [...q.options].sort((a, b) => a.id.localeCompare(b.id)) : q.options).map(
          (o, i) => {
            const id = `${name}-${o.id}`;
            const isAnswer = review?.answer.includes(o.id);
            return (
              <div
                key={o.id}
                className={clsx(
                  "flex items-start gap-2 rounded px-2 py-1",
                  review && isAnswer && "bg-green-50",
                )}
              >
                <input
                  id={id}
                  type={q.type === "multiple" ? "checkbox" : "radio"}
                  name={name}
                  value={o.id}
                  defaultChecked={q.given.includes(o.id)}
                  disabled={disabled}
                  className="mt-1.5 size-4"
                />
                <label htmlFor={id}>
                  {q.type === "truefalse" ? "" : `${review ? o.id.toUpperCase() : letter(i)}. `}
                  {o.text}
                  {review && isAnswer ? (
                    <span className="ml-2 text-sm font-semibold text-green-800">（正确答案）</span>
                  ) : null}
                </label>
              </div>
            );
          },
        )}
      </div>
      {review ? (
        <div className="mt-3 border-t pt-3">
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
