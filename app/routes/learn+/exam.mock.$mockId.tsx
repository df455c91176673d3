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
import type { DrawItem } from "#app/modules/learning/grading.ts";
import { questionViews } from "#app/modules/practice/bank.server.ts";
import {
  getOwnMock,
  gradeExpiredMocks,
  isMockOpen,
  saveMockAnswers,
  submitMock,
} from "#app/modules/practice/mock.server.ts";
import { MockIdSchema, PRACTICE_ROLES } from "#app/modules/practice/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { readForm } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "模拟考试 - 法治学堂" }];

async function load(request: Request, params: { mockId?: string }) {
  const user = await requireRole(request, PRACTICE_ROLES);
  const id = MockIdSchema.safeParse(params.mockId);
  // Owner-scoped: another person's mock exam answers 404, like a missing one.
  const mock = id.success ? await getOwnMock(id.data, user.id) : undefined;
  if (!mock) throw new Response("模拟考试记录不存在", { status: 404 });
  return { user, mock };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, mock: found } = await load(request, params);
  const now = new Date();
  let mock = found;
  if (!mock.submittedAt && !isMockOpen(mock, now)) {
    await gradeExpiredMocks(user, now);
    mock = (await getOwnMock(mock.id, user.id)) ?? mock;
  }
  const submitted = Boolean(mock.submittedAt);
  return json({
    mock: {
      id: mock.id,
      passMark: mock.passMark,
      deadline: mock.deadline,
      submittedAt: mock.submittedAt,
      score: mock.score,
      passed: mock.passed,
      open: isMockOpen(mock, now),
    },
    questions: await questionViews(
      JSON.parse(mock.draw) as DrawItem[],
      JSON.parse(mock.answers) as Record<string, string[]>,
      submitted,
    ),
  });
}

const fail = (message: string, status: number) =>
  json({ ok: false as const, formError: message }, { status });

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, mock } = await load(request, params);
  const form = await readForm(request);
  const parsed = form
    ? answersFromForm(form)
    : ({ ok: false, message: "无法读取提交的表单" } as const);
  if (!parsed.ok) return fail(parsed.message, 400);
  const now = new Date();
  if (parsed.intent === "save") {
    const saved = await saveMockAnswers(user, mock, parsed.answers, now);
    return saved.ok ? json({ ok: true as const, saved: true }) : fail(saved.message, saved.status);
  }
  const result = await submitMock(user, mock, parsed.answers, now);
  if (!result.ok) return fail(result.message, result.status);
  return redirect(`/learn/exam/mock/${mock.id}`);
}

export default function MockExamPage() {
  const { mock, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/learn/exam/mock">← 模拟考试</Link>
      </p>
      <h1 className="text-2xl font-bold">模拟考试（共 {questions.length} 题）</h1>
      <p className="text-sm text-stone-600">模拟考试不占用年度考试次数，成绩不计入考试记录。</p>
      <AttemptStatus
        submittedAt={mock.submittedAt}
        good={Boolean(mock.passed)}
        scoreLine={`得分 ${mock.score} 分，${mock.passed ? "及格" : "不及格"}（及格线 ${mock.passMark} 分）`}
        open={mock.open}
        deadline={mock.deadline}
        timeUp="考试时间已到：再次提交时将按已保存的答案评分。"
      />
      <FormError message={actionData && !actionData.ok ? actionData.formError : null} />
      <AttemptForm questions={questions} submitted={Boolean(mock.submittedAt)} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
