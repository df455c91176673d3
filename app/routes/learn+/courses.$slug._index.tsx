import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { LEARNER_ROLES } from "#app/modules/learning/access.ts";
import { courseProgress, findCourseForLearner } from "#app/modules/learning/course.server.ts";
import { gradeExpired, startAttempt } from "#app/modules/learning/quiz.server.ts";
import { StartQuizSchema } from "#app/modules/learning/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? "课程"} - 法治学堂` },
];

async function load(request: Request, slug: string | undefined) {
  const user = await requireRole(request, LEARNER_ROLES);
  const course = await findCourseForLearner(slug ?? "", user.role);
  if (!course) throw new Response("课程不存在", { status: 404 });
  return { user, course };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course } = await load(request, params.slug);
  await gradeExpired(user, course.id, new Date(), clientIp(request));
  return json({ course, progress: await courseProgress(user.id, course.id) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course } = await load(request, params.slug);
  const parsed = await parseForm(request, StartQuizSchema);
  if (!parsed.ok) return badRequest(parsed);
  const result = await startAttempt(user, course, new Date(), clientIp(request));
  if (!result.ok)
    return json(
      { ok: false as const, formError: result.message, fieldErrors: {} },
      { status: result.status },
    );
  return redirect(`/learn/quiz/${result.attemptId}`);
}

export default function CoursePage() {
  const { course, progress } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const read = progress.lessons.filter((l) => l.readAt).length;
  const open = progress.attempts.find((a) => !a.submittedAt);
  const used = progress.attempts.length;
  return (
    <div className="space-y-6">
      <p className="no-print">
        <Link to="/learn/courses">← 课程中心</Link>
      </p>
      <h1 className="text-2xl font-bold">{course.title}</h1>
      <p className="text-stone-700">
        {course.category} · {course.creditHours} 学时 · 及格线 {course.passMark} 分
      </p>
      <p>{course.summary}</p>
      {progress.completion ? (
        <div role="status" className="rounded border border-green-700 bg-green-50 p-3">
          已于 {formatDateTime(progress.completion.completedAt)} 完成本课程（
          {progress.completion.score} 分）。
          <Link to={`/learn/certificates/${progress.completion.certificateNo}`}>查看证书</Link>
        </div>
      ) : null}
      <section
        aria-labelledby="lessons-title"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="lessons-title" className="mb-2 text-lg font-semibold">
          课程内容（已读 {read} / {progress.lessons.length}）
        </h2>
        {progress.next ? (
          <p className="mb-3">
            <Link
              to={`/learn/courses/${course.slug}/lessons/${progress.next.slug}`}
              className="font-semibold"
            >
              {read > 0 ? "继续学习" : "开始学习"}：{progress.next.title}
            </Link>
          </p>
        ) : null}
        <ol className="list-decimal space-y-1 pl-6">
          {progress.lessons.map((l) => (
            <li key={l.id}>
              <Link to={`/learn/courses/${course.slug}/lessons/${l.slug}`}>{l.title}</Link>
              <span className="ml-2 text-sm text-stone-600">
                {l.readAt ? "已读" : l.openedAt ? "阅读中" : "未读"}
              </span>
            </li>
          ))}
        </ol>
      </section>
      <section
        aria-labelledby="quiz-title"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="quiz-title" className="mb-2 text-lg font-semibold">
          案例研讨测验
        </h2>
        <p className="mb-3">
          每次随机抽取 {course.questionsPerAttempt} 题，限时 {course.timeLimitMinutes}{" "}
          分钟，共可测验 {course.attemptLimit} 次（已用 {used} 次）。
        </p>
        <FormError message={actionData?.formError} />
        {!progress.completion && (open || used < course.attemptLimit) ? (
          <Form method="post">
            <input type="hidden" name="intent" value="start-quiz" />
            <Button type="submit">{open ? "继续作答" : "开始测验"}</Button>
          </Form>
        ) : null}
        {progress.attempts.length > 0 ? (
          <table className="mt-4 w-full text-left text-sm">
            <caption className="sr-only">测验记录</caption>
            <thead>
              <tr className="border-b">
                <th scope="col">次序</th>
                <th scope="col">开始时间</th>
                <th scope="col">成绩</th>
                <th scope="col">结果</th>
              </tr>
            </thead>
            <tbody>
              {progress.attempts.map((a, i) => (
                <tr key={a.id} className="border-b border-stone-200">
                  <td className="py-1">
                    <Link to={`/learn/quiz/${a.id}`}>第 {i + 1} 次</Link>
                  </td>
                  <td>{formatDateTime(a.startedAt)}</td>
                  <td>{a.submittedAt ? `${a.score} 分` : "作答中"}</td>
                  <td>{a.submittedAt ? (a.passed ? "通过" : "未通过") : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
