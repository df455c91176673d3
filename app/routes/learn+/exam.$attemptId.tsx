import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AttemptForm, AttemptStatus } from "#app/components/attempt-form.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { answersFromForm } from "#app/modules/learning/answers.ts";
import {
  getOwnExamAttempt,
  isExamOpen,
  saveExamAnswers,
  submitExam,
} from "#app/modules/learning/exam.server.ts";
import { attemptQuestions } from "#app/modules/learning/quiz-view.server.ts";
import { EXAM_ROLES } from "#app/modules/learning/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { readForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { idField } from "#app/utils/input.ts";

export const meta: MetaFunction = () => [{ title: "年度学法考试 - 法治学堂" }];

const IdParam = idField();

async function load(request: Request, params: { attemptId?: string }) {
  const user = await requireRole(request, EXAM_ROLES);
  const id = IdParam.safeParse(params.attemptId);
  // Owner-scoped: another person's attempt id answers 404, like a missing one.
  const attempt = id.success ? await getOwnExamAttempt(id.data, user.id) : null;
  if (!attempt) throw new Response("考试记录不存在", { status: 404 });
  return { user, attempt };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { attempt } = await load(request, params);
  return json({
    attempt: {
      id: attempt.id,
      year: attempt.year,
      passMark: attempt.passMark,
      deadline: attempt.deadline,
      submittedAt: attempt.submittedAt,
      score: attempt.score,
      passed: attempt.passed,
      open: isExamOpen(attempt, new Date()),
    },
    questions: await attemptQuestions(attempt),
  });
}

const fail = (message: string, status: number) =>
  json({ ok: false as const, formError: message }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, attempt } = await load(request, params);
  const form = await readForm(request);
  const parsed = form
    ? answersFromForm(form)
    : ({ ok: false, message: "无法读取提交的表单" } as const);
  if (!parsed.ok) return fail(parsed.message, 400);
  const now = new Date();
  if (parsed.intent === "save") {
    const saved = await saveExamAnswers(user, attempt, parsed.answers, now);
    return saved.ok ? json({ ok: true as const, saved: true }) : fail(saved.message, saved.status);
  }
  const result = await submitExam(user, attempt, parsed.answers, now, clientIp(request));
  if (!result.ok) return fail(result.message, result.status);
  return redirect(`/learn/exam/${attempt.id}`);
}

export default function ExamAttemptPage() {
  const { attempt, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitted = Boolean(attempt.submittedAt);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/learn/exam">← 年度学法考试</Link>
      </p>
      <h1 className="text-2xl font-bold">
        {attempt.year} 年度学法考试（共 {questions.length} 题）
      </h1>
      <AttemptStatus
        submittedAt={attempt.submittedAt}
        good={Boolean(attempt.passed)}
        scoreLine={`得分 ${attempt.score} 分，${attempt.passed ? "通过" : "未通过"}（及格线 ${attempt.passMark} 分）`}
        open={attempt.open}
        deadline={attempt.deadline}
        timeUp="考试时间已到：再次提交时将按已保存的答案评分。"
      />
      <FormError message={actionData && !actionData.ok ? actionData.formError : null} />
      <AttemptForm questions={questions} submitted={submitted} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
