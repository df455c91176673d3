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
import {
  examFormat,
  gradeExpiredMocks,
  isMockOpen,
  recentMocks,
  startMock,
} from "#app/modules/practice/mock.server.ts";
import { PRACTICE_ROLES, StartMockSchema } from "#app/modules/practice/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "模拟考试 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, PRACTICE_ROLES);
  const now = new Date();
  await gradeExpiredMocks(user, now);
  const mocks = await recentMocks(user.id);
  return json({
    format: await examFormat(),
    mocks: mocks.map((m) => ({ ...m, open: isMockOpen(m, now) })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, PRACTICE_ROLES);
  const parsed = await parseForm(request, StartMockSchema);
  if (!parsed.ok) return badRequest(parsed);
  const result = await startMock(user, new Date());
  if (!result.ok)
    return json({ ok: false as const, formError: result.message }, { status: result.status });
  return redirect(`/learn/exam/mock/${result.mockId}`);
}

export default function MockHome() {
  const { format, mocks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const open = mocks.find((m) => m.open);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <Link to="/learn/exam">← 年度学法考试</Link>
      </p>
      <h1 className="text-2xl font-bold">模拟考试</h1>
      <p>
        与年度学法考试格式相同：从全部工作人员课程的题库中随机抽取 {format.examQuestions} 道题，限时{" "}
        {format.examMinutes} 分钟，{format.examPassMark} 分及格。
      </p>
      <p className="rounded border border-stone-300 bg-white p-3">
        模拟考试不限次数，不占用年度考试次数，成绩不计入考试记录和学时，也不进入错题本。
      </p>
      <FormError message={actionData && "formError" in actionData ? actionData.formError : null} />
      <Form method="post">
        <input type="hidden" name="intent" value="start-mock" />
        <Button type="submit">{open ? "继续模拟考试" : "开始模拟考试"}</Button>
      </Form>
      <section aria-labelledby="mocks">
        <h2 id="mocks" className="mb-2 text-lg font-semibold">
          最近的模拟考试
        </h2>
        {mocks.length === 0 ? (
          <p>暂无记录。</p>
        ) : (
          <ul className="space-y-2">
            {mocks.map((m) => (
              <li key={m.id} className="rounded border border-stone-300 bg-white p-3">
                <Link to={`/learn/exam/mock/${m.id}`}>{formatDateTime(m.startedAt)}</Link>：
                {m.submittedAt
                  ? `${m.score} 分，${m.passed ? "及格" : "不及格"}`
                  : m.open
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
