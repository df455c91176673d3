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
import {
  getOwnExamAttempt,
  isExamOpen,
  saveExamAnswers,
  submitExam,
} from "#app/modules/learning/exam.server.ts";
import { attemptQuestions } from "#app/modules/learning/quiz-view.server.ts";
import { EXAM_ROLES } from "#app/modules/learning/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
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
  const now = new Date();
  return json({
    attempt: {
      id: attempt.id,
      year: attempt.year,
      passMark: attempt.passMark,
      deadline: attempt.deadline,
      submittedAt: attempt.submittedAt,
      score: attempt.score,
      passed: attempt.passed,
      open: isExamOpen(attempt, now),
      secondsLeft: secondsUntil(attempt.deadline, now),
    },
    questions: await attemptQuestions(attempt),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, attempt } = await load(request, params);
  return attemptAction(request, {
    save: (answers, now) => saveExamAnswers(user, attempt, answers, now),
    submit: (answers, now) => submitExam(user, attempt, answers, now, clientIp(request)),
    reviewUrl: `/learn/exam/${attempt.id}`,
  });
}

export default function ExamAttemptPage() {
  const { attempt, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <AttemptPage
      back={{ to: "/learn/exam", label: "年度学法考试" }}
      title={`${attempt.year} 年度学法考试（共 ${questions.length} 题）`}
      attempt={attempt}
      result={{
        good: Boolean(attempt.passed),
        line: `得分 ${attempt.score} 分，${attempt.passed ? "通过" : "未通过"}（及格线 ${attempt.passMark} 分）`,
      }}
      timeUp="考试时间已到：再次提交时将按已保存的答案评分。"
      formError={actionData && !actionData.ok ? actionData.formError : null}
      questions={questions}
      next={[
        ...(attempt.passed ? [] : [{ label: "再测一次", to: "/learn/exam/start" }]),
        { label: "去错题本", to: "/learn/wrong-answers" },
        { label: "返回考试首页", to: "/learn/exam" },
      ]}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
