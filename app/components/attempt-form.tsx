import { Form, useFetcher } from "@remix-run/react";
import type { FormEvent } from "react";
import { QuizQuestion } from "#app/components/quiz-question.tsx";
import type { QuestionView } from "#app/modules/learning/quiz-view.server.ts";
import { ConfirmButton } from "#app/components/ui/confirm-button.tsx";
import { formatDateTime } from "#app/utils/dates.ts";

type SaveResult = { ok: true } | { ok: false; formError: string };

/**
 * The questions of a quiz or exam attempt. Answers save as the learner goes (a fetcher
 * posting intent=save); the final submit sends them all again, so it also works without
 * JavaScript. After submission the questions show the answers and explanations.
 */
export function AttemptForm({
  questions,
  submitted,
  submitLabel = "交卷",
}: {
  questions: QuestionView[];
  submitted: boolean;
  submitLabel?: string;
}) {
  const saver = useFetcher<SaveResult>();
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const input = event.target as HTMLInputElement;
    if (!input.name?.startsWith("q")) return;
    const data = new FormData();
    data.set("intent", "save");
    for (const checked of event.currentTarget.querySelectorAll<HTMLInputElement>(
      `input[name="${input.name}"]:checked`,
    ))
      data.append(input.name, checked.value);
    if (data.getAll(input.name).length > 0) saver.submit(data, { method: "post" });
  };
  return (
    <Form method="post" onChange={submitted ? undefined : onChange} className="space-y-4">
      {questions.map((q, i) => (
        <QuizQuestion key={q.id} q={q} index={i} disabled={submitted} />
      ))}
      {!submitted ? (
        <div className="flex flex-wrap items-center gap-4">
          <ConfirmButton
            name="intent"
            value="submit"
            label={submitLabel}
            question="交卷后不能再修改答案，确定交卷吗？"
            variant="secondary"
          />
          <span aria-live="polite" className="text-sm text-stone-600">
            {saver.state !== "idle"
              ? "正在保存…"
              : saver.data?.ok
                ? "答案已保存"
                : saver.data && !saver.data.ok
                  ? saver.data.formError
                  : ""}
          </span>
        </div>
      ) : null}
    </Form>
  );
}

/** The line above an attempt: the grade once submitted, the deadline while open. */
export function AttemptStatus(props: {
  submittedAt: string | null;
  good: boolean;
  scoreLine: string;
  open: boolean;
  deadline: string;
  timeUp: string;
}) {
  if (props.submittedAt) {
    return (
      <div
        role="status"
        className={
          props.good
            ? "rounded border border-green-700 bg-green-50 p-3"
            : "rounded border border-red-700 bg-red-50 p-3"
        }
      >
        <p className="text-lg font-semibold">{props.scoreLine}</p>
        <p>交卷时间 {formatDateTime(props.submittedAt)}。下面是每道题的正确答案和解析。</p>
      </div>
    );
  }
  return (
    <p className="rounded border border-amber-600 bg-amber-50 p-3">
      {props.open
        ? `请在 ${formatDateTime(props.deadline)} 前交卷；答案会自动保存。`
        : props.timeUp}
    </p>
  );
}
