import { Form, useFetcher } from "@remix-run/react";
import type { FormEvent } from "react";
import { QuizQuestion } from "#app/components/quiz-question.tsx";
import type { QuestionView } from "#app/modules/learning/quiz-view.server.ts";
import { ConfirmButton } from "#app/components/ui/confirm-button.tsx";

type SaveResult = { ok: true } | { ok: false; formError: string };

/**
 * The questions of a quiz or exam attempt. Answers save as the learner goes (a fetcher
 * posting intent=save); the final submit sends them all again, so it also works without
 * JavaScript. After submission the questions show the answers and explanations.
 */
export function AttemptForm({ questions, submitted, submitLabel = "交卷" }: { questions: QuestionView[]; submitted: boolean; submitLabel?: string }) {
  const saver = useFetcher<SaveResult>();
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const input = event.target as HTMLInputElement;
    if (!input.name?.startsWith("q")) return;
    const data = new FormData();
    data.set("intent", "save");
    for (const checked of event.currentTarget.querySelectorAll<HTMLInputElement>(`input[name="${input.name}"]:checked`)) data.append(input.name, checked.value);
    if (data.getAll(input.name).length > 0) saver.submit(data, { method: "post" });
  };
  return (
    <Form method="post" onChange={submitted ? undefined : onChange} className="space-y-4">
      {questions.map((q, i) => (
        <QuizQuestion key={q.id} q={q} index={i} disabled={submitted} />
      ))}
      {!submitted ? (
        <div className="flex flex-wrap items-center gap-4">
          <ConfirmButton name="intent" value="submit" label={submitLabel} question="交卷后不能再修改答案，确定交卷吗？" variant="secondary" />
          <span aria-live="polite" className="text-sm text-stone-600">{saver.state !== "idle" ? "正在保存…" : saver.data?.ok ? "答案已保存" : saver.data && !saver.data.ok ? saver.data.formError : ""}</span>
        </div>
      ) : null}
    </Form>
  );
}
