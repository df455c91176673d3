import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { AttemptForm } from "#app/components/attempt-form.tsx";
import { QuizQuestion } from "#app/components/quiz-question.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import type { QuestionView } from "#app/modules/learning/quiz-view.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";

/** A next step after the review: a link, or a POST (再测一次 starts the next attempt at once). */
export type NextAction = { label: string; to: string; post?: Record<string, string> };

export type AttemptPageProps = {
  back: { to: string; label: string };
  title: string;
  note?: ReactNode;
  attempt: {
    submittedAt: string | null;
    deadline: string;
    open: boolean;
    secondsLeft: number;
  };
  /** The grade line once submitted ("得分 80 分，通过（及格线 80 分）"), and whether it is good news. */
  result: { line: string; good: boolean };
  timeUp: string;
  formError?: string | null;
  questions: QuestionView[];
  next: NextAction[];
};

const actionClass =
  "inline-flex min-h-11 items-center rounded border border-brand-700 bg-white px-4 font-medium no-underline hover:bg-stone-100";

/**
 * The page of one quiz, exam or mock-exam attempt (the three routes share it): while open the
 * answer form with its timer and 答题卡; once submitted the grade, the review of every question
 * and what to do next (再测一次 / 去错题本 / 返回).
 */
export function AttemptPage(p: AttemptPageProps) {
  const submitted = Boolean(p.attempt.submittedAt);
  const right = p.questions.filter((q) => q.review?.correct).length;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={p.back.to}>← {p.back.label}</Link>
      </p>
      <h1 className="text-2xl font-bold">{p.title}</h1>
      {p.note}
      {p.attempt.submittedAt ? (
        <div
          role="status"
          className={
            p.result.good
              ? "rounded border border-green-700 bg-green-50 p-3"
              : "rounded border border-red-700 bg-red-50 p-3"
          }
        >
          <p className="text-lg font-semibold">{p.result.line}</p>
          <p>
            答对 {right} / {p.questions.length} 题，交卷时间 {formatDateTime(p.attempt.submittedAt)}
            。下面是每道题的你的答案、正确答案和解析。
          </p>
        </div>
      ) : (
        <p className="rounded border border-amber-600 bg-amber-50 p-3">
          {p.attempt.open
            ? `请在 ${formatDateTime(p.attempt.deadline)} 前交卷；答案会自动保存。`
            : p.timeUp}
        </p>
      )}
      <FormError message={p.formError} />
      {submitted ? (
        <>
          <div className="space-y-4">
            {p.questions.map((q, i) => (
              <QuizQuestion key={q.id} q={q} index={i} disabled />
            ))}
          </div>
          <NextActions actions={p.next} />
        </>
      ) : (
        <AttemptForm questions={p.questions} secondsLeft={p.attempt.secondsLeft} />
      )}
    </div>
  );
}

function NextActions({ actions }: { actions: NextAction[] }) {
  return (
    <nav aria-label="下一步" className="flex flex-wrap gap-3 border-t border-stone-300 pt-4">
      {actions.map((a) =>
        a.post ? (
          <Form key={a.label} method="post" action={a.to}>
            {Object.entries(a.post).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <button type="submit" className={actionClass}>
              {a.label}
            </button>
          </Form>
        ) : (
          <Link key={a.label} to={a.to} className={actionClass}>
            {a.label}
          </Link>
        ),
      )}
    </nav>
  );
}
