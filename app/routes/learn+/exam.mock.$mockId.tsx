import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AttemptPage } from "#app/components/attempt-page.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { attemptAction, secondsUntil } from "#app/modules/learning/attempt-action.server.ts";
import { questionViews } from "#app/modules/learning/quiz-view.server.ts";
import type { DrawItem } from "#app/modules/learning/grading.ts";
import {
  getOwnMock,
  gradeExpiredMocks,
  isMockOpen,
  saveMockAnswers,
  submitMock,
} from "#app/modules/practice/mock.server.ts";
import { MockIdSchema, PRACTICE_ROLES } from "#app/modules/practice/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";

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
  return json({
    mock: {
      id: mock.id,
      passMark: mock.passMark,
      deadline: mock.deadline,
      submittedAt: mock.submittedAt,
      score: mock.score,
      passed: mock.passed,
      open: isMockOpen(mock, now),
      secondsLeft: secondsUntil(mock.deadline, now),
    },
    questions: await questionViews(
      JSON.parse(mock.draw) as DrawItem[],
      JSON.parse(mock.answers) as Record<string, string[]>,
      Boolean(mock.submittedAt),
    ),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, mock } = await load(request, params);
  return attemptAction(request, {
    save: (answers, now) => saveMockAnswers(user, mock, answers, now),
    submit: (answers, now) => submitMock(user, mock, answers, now),
    reviewUrl: `/learn/exam/mock/${mock.id}`,
  });
}

export default function MockExamPage() {
  const { mock, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <AttemptPage
      back={{ to: "/learn/exam/mock", label: "模拟考试" }}
      title={`模拟考试（共 ${questions.length} 题）`}
      note={
        <p className="text-sm text-stone-600">模拟考试不占用年度考试次数，成绩不计入考试记录。</p>
      }
      attempt={mock}
      result={{
        good: Boolean(mock.passed),
        line: `得分 ${mock.score} 分，${mock.passed ? "及格" : "不及格"}（及格线 ${mock.passMark} 分）`,
      }}
      timeUp="考试时间已到：再次提交时将按已保存的答案评分。"
      formError={actionData && !actionData.ok ? actionData.formError : null}
      questions={questions}
      next={[
        { label: "再测一次", to: "/learn/exam/mock" },
        { label: "去错题本", to: "/learn/wrong-answers" },
        { label: "返回考试首页", to: "/learn/exam" },
      ]}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
