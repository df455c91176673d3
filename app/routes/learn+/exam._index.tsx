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
import { examStatus, gradeExpiredExams, startExam } from "#app/modules/learning/exam.server.ts";
import { EXAM_ROLES, StartExamSchema } from "#app/modules/learning/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "年度学法考试 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, EXAM_ROLES);
  const now = new Date();
  await gradeExpiredExams(user, now, clientIp(request));
  return json(await examStatus(user.id, now));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, EXAM_ROLES);
  const parsed = await parseForm(request, StartExamSchema);
  if (!parsed.ok) return badRequest(parsed);
  const result = await startExam(user, new Date(), clientIp(request));
  if (!result.ok)
    return json({ ok: false as const, formError: result.message }, { status: result.status });
  return redirect(`/learn/exam/${result.attemptId}`);
}

export default function ExamHome() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const open = d.attempts.find((a) => a.open);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/learn">← 我的学习</Link>
      </p>
      <h1 className="text-2xl font-bold">{d.year} 年度学法考试</h1>
      <p>
        试题从全部工作人员课程的题库中随机抽取 {d.settings.examQuestions} 道，限时{" "}
        {d.settings.examMinutes} 分钟，{d.settings.examPassMark} 分及格， 每年可考{" "}
        {d.settings.examAttempts} 次。考试成绩单独记录，不计入课程学时。
      </p>
      <p>
        <Link to="/learn/exam/mock">模拟考试</Link>
        ：同样格式、不限次数，不占用考试次数，适合考前练习。
      </p>
      <p
        role="status"
        className={
          d.passed
            ? "rounded border border-green-700 bg-green-50 p-3"
            : "rounded border border-stone-300 bg-white p-3"
        }
      >
        {d.passed
          ? `您已通过本年度考试（最高 ${d.best} 分）。`
          : d.attempts.length === 0
            ? "您本年度还没有参加考试。"
            : `本年度最高 ${d.best ?? "—"} 分，尚未通过；剩余 ${d.remaining} 次机会。`}
      </p>
      <FormError message={actionData && "formError" in actionData ? actionData.formError : null} />
      {!d.passed && (open || d.remaining > 0) ? (
        <Form method="post">
          <input type="hidden" name="intent" value="start" />
          <Button type="submit">{open ? "继续考试" : "开始考试"}</Button>
        </Form>
      ) : null}
      <section aria-labelledby="attempts">
        <h2 id="attempts" className="mb-2 text-lg font-semibold">
          本年度考试记录
        </h2>
        {d.attempts.length === 0 ? (
          <p>暂无记录。</p>
        ) : (
          <ul className="space-y-2">
            {d.attempts.map((a, i) => (
              <li key={a.id} className="rounded border border-stone-300 bg-white p-3">
                <Link to={`/learn/exam/${a.id}`}>第 {i + 1} 次</Link>：开始于{" "}
                {formatDateTime(a.startedAt)}，
                {a.submittedAt
                  ? `${a.score} 分，${a.passed ? "通过" : "未通过"}`
                  : a.open
                    ? "进行中"
                    : "待评分"}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
