import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { AttemptForm, AttemptStatus } from "#app/components/attempt-form.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { LEARNER_ROLES } from "#app/modules/learning/access.ts";
import { answersFromForm } from "#app/modules/learning/answers.ts";
import { attemptQuestions } from "#app/modules/learning/quiz-view.server.ts";
import {
  getOwnAttempt,
  isOpen,
  saveAnswers,
  submitAttempt,
} from "#app/modules/learning/quiz.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { readForm } from "#app/utils/form.server.ts";
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
    },
    course: attempt.course,
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
    const saved = await saveAnswers(user, attempt.id, parsed.answers, now);
    return saved.ok ? json({ ok: true as const, saved: true }) : fail(saved.message, saved.status);
  }
  const result = await submitAttempt(
    user,
    attempt.id,
    parsed.answers,
    now,
    clientIp(request),
    attempt,
  );
  if (!result.ok) return fail(result.message, result.status);
  return redirect(`/learn/quiz/${attempt.id}`);
}

export default function QuizPage() {
  const { attempt, course, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submitted = Boolean(attempt.submittedAt);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to={attempt.practice ? "/learn/wrong-answers" : `/learn/courses/${course.slug}`}>
          ← {attempt.practice ? "错题本" : course.title}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {attempt.practice ? "错题练习" : "案例研讨测验"}：{course.title}
      </h1>
      <AttemptStatus
        submittedAt={attempt.submittedAt}
        good={attempt.practice || Boolean(attempt.passed)}
        scoreLine={`得分 ${attempt.score} 分${attempt.practice ? "（练习，不计学时）" : attempt.passed ? `，通过（及格线 ${course.passMark} 分）` : `，未通过（及格线 ${course.passMark} 分）`}`}
        open={attempt.open}
        deadline={attempt.deadline}
        timeUp="答题时间已到：再次提交时将按已保存的答案评分。"
      />
      {course.quizIntroHtml && !attempt.practice ? (
        <div
          className="prose-content rounded-lg border border-stone-300 bg-white p-4"
          dangerouslySetInnerHTML={{ __html: course.quizIntroHtml }}
        />
      ) : null}
      <FormError message={actionData && !actionData.ok ? actionData.formError : null} />
      <AttemptForm questions={questions} submitted={submitted} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
