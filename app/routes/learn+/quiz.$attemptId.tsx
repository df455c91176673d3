import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AttemptPage, type NextAction } from "#app/components/attempt-page.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { LEARNER_ROLES } from "#app/modules/learning/access.ts";
import { attemptAction, secondsUntil } from "#app/modules/learning/attempt-action.server.ts";
import { attemptQuestions } from "#app/modules/learning/quiz-view.server.ts";
import {
  getOwnAttempt,
  isOpen,
  saveAnswers,
  submitAttempt,
} from "#app/modules/learning/quiz.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { idField } from "#app/utils/input.ts";

export const meta: MetaFunction = () => [{ title: "案例研讨测验 - 法治学堂" }];

const IdParam = idField();

async function load(request: Request, params: { attemptId?: string }) {
  const user = await requireRole(request, LEARNER_ROLES);
  const id = IdParam.safeParse(params.attemptId);
  // Owner-scoped: another learner's attempt id answers 404, like a missing one.
  const attempt = id.success ? await getOwnAttempt(id.data, user.id) : null;
  if (!attempt) throw new Response("测验不存在", { status: 404 });
  return { user, attempt };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { attempt } = await load(request, params);
  const now = new Date();
  return json({
    attempt: {
      id: attempt.id,
      practice: attempt.practice,
      deadline: attempt.deadline,
      submittedAt: attempt.submittedAt,
      score: attempt.score,
      passed: attempt.passed,
      open: isOpen(attempt, now),
      secondsLeft: secondsUntil(attempt.deadline, now),
    },
    course: attempt.course,
    questions: await attemptQuestions(attempt),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, attempt } = await load(request, params);
  return attemptAction(request, {
    save: (answers, now) => saveAnswers(user, attempt.id, answers, now),
    submit: (answers, now) =>
      submitAttempt(user, attempt.id, answers, now, clientIp(request), attempt),
    reviewUrl: `/learn/quiz/${attempt.id}`,
  });
}

export default function QuizPage() {
  const { attempt, course, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const courseUrl = `/learn/courses/${course.slug}`;
  const next: NextAction[] = attempt.practice
    ? [
        { label: "继续练习错题", to: "/learn/wrong-answers" },
        { label: "返回课程", to: courseUrl },
      ]
    : [
        ...(attempt.passed
          ? []
          : [{ label: "再测一次", to: `${courseUrl}?index`, post: { intent: "start-quiz" } }]),
        { label: "去错题本", to: "/learn/wrong-answers" },
        { label: "返回课程", to: courseUrl },
      ];
  const pass = `（及格线 ${course.passMark} 分）`;
  return (
    <AttemptPage
      back={
        attempt.practice
          ? { to: "/learn/wrong-answers", label: "错题本" }
          : { to: courseUrl, label: course.title }
      }
      title={`${attempt.practice ? "错题练习" : "案例研讨测验"}：${course.title}`}
      note={
        course.quizIntroHtml && !attempt.practice ? (
          <div
            className="prose-content rounded-lg border border-stone-300 bg-white p-4"
            dangerouslySetInnerHTML={{ __html: course.quizIntroHtml }}
          />
        ) : null
      }
      attempt={attempt}
      result={{
        good: attempt.practice || Boolean(attempt.passed),
        line: `得分 ${attempt.score} 分${attempt.practice ? "（练习，不计学时）" : attempt.passed ? `，通过${pass}` : `，未通过${pass}`}`,
      }}
      timeUp="答题时间已到：再次提交时将按已保存的答案评分。"
      formError={actionData && !actionData.ok ? actionData.formError : null}
      questions={questions}
      next={next}
    />
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
