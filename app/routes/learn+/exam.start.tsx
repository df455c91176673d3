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
import { windowRefusal, windowText } from "#app/modules/learning/exam-window.server.ts";
import { examStatus, gradeExpiredExams, startExam } from "#app/modules/learning/exam.server.ts";
import { EXAM_ROLES, StartExamSchema } from "#app/modules/learning/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "考前须知 - 年度学法考试 - 法治学堂" }];

// 考前须知 (issue 16): the rules before an attempt, and the one form that starts it. The
// action refuses without the ticked confirmation, so no attempt is used before it.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, EXAM_ROLES);
  const now = new Date();
  await gradeExpiredExams(user, now, clientIp(request));
  const d = await examStatus(user.id, now);
  const open = d.attempts.find((a) => a.open);
  if (open) throw redirect(`/learn/exam/${open.id}`);
  return json({
    year: d.year,
    settings: d.settings,
    remaining: d.remaining,
    passed: d.passed,
    windowLine: windowText(d.window),
    refusal: d.passed
      ? `您已通过 ${d.year} 年度学法考试`
      : d.remaining === 0
        ? `本年度考试次数已用完（共 ${d.settings.examAttempts} 次）`
        : windowRefusal(d.window, now),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, EXAM_ROLES);
  const parsed = await parseForm(request, StartExamSchema);
  if (!parsed.ok) return badRequest(parsed);
  const result = await startExam(user, new Date(), clientIp(request));
  if (!result.ok)
    return json(
      { ok: false as const, formError: result.message, fieldErrors: {} },
      { status: result.status },
    );
  return redirect(`/learn/exam/${result.attemptId}`);
}

export default function ExamRules() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const s = d.settings;
  const fieldErrors: Record<string, string | undefined> = actionData?.fieldErrors ?? {};
  const confirmError = fieldErrors.confirm;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p>
        <Link to="/learn/exam">← 年度学法考试</Link>
      </p>
      <h1 className="text-2xl font-bold">考前须知</h1>
      <section
        aria-label="考试规则"
        className="space-y-2 rounded-lg border border-stone-300 bg-white p-4"
      >
        <ol className="list-decimal space-y-2 pl-6">
          <li>
            本次为 {d.year} 年度学法考试，共 {s.examQuestions} 题，限时 {s.examMinutes} 分钟，
            {s.examPassMark} 分及格。
          </li>
          <li>
            每年可考 {s.examAttempts} 次，您还剩 <strong>{d.remaining}</strong>{" "}
            次。点击“确认开始考试”即用掉一次机会，中途离开不退回。
          </li>
          <li>计时以服务器时间为准；答案随答随存，时间到后按已保存的答案评分。</li>
          <li>可用“答题卡”查看未答题目并跳转；交卷后不能修改答案。</li>
          <li>考试开放时间：{d.windowLine ?? "全年开放"}。</li>
          <li>考试成绩单独记录，不计入课程学时；请独立作答。</li>
        </ol>
      </section>
      <FormError message={actionData?.formError ?? d.refusal} />
      {d.refusal ? null : (
        <Form method="post" className="space-y-3">
          <input type="hidden" name="intent" value="start" />
          <label className="flex min-h-11 items-center gap-2">
            <input
              type="checkbox"
              name="confirm"
              className="size-5"
              aria-invalid={confirmError ? true : undefined}
              aria-describedby={confirmError ? "confirm-error" : undefined}
            />
            我已阅读并同意以上考前须知
          </label>
          {confirmError ? (
            <p id="confirm-error" className="text-red-800">
              {confirmError}
            </p>
          ) : null}
          <Button type="submit">确认开始考试</Button>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
