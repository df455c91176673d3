import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { TYPE_LABEL } from "#app/components/quiz-question.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { bankLetters } from "#app/components/wrong-entry.tsx";
import { LEARNER_ROLES } from "#app/modules/learning/access.ts";
import { PracticeAnswerSchema, PracticeQuerySchema } from "#app/modules/learning/schemas.ts";
import { optionLetter } from "#app/modules/learning/relabel.ts";
import { answerPractice, nextPractice } from "#app/modules/learning/wrong-book.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm, parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "错题练习 - 法治学堂" }];

// 错题本 practice (issue 16): one question per page, judged at once on submit (a plain form,
// so it works without JavaScript), then 下一题. Never counted as a grade or 学时.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, LEARNER_ROLES);
  const query = parseQuery(request, PracticeQuerySchema);
  if (!query.success) throw new Response("练习参数无效", { status: 400 });
  const next = await nextPractice(user.id, {
    courseId: query.data.course,
    after: query.data.after,
  });
  return json({ course: query.data.course ?? null, next });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, LEARNER_ROLES);
  const parsed = await parseForm(request, PracticeAnswerSchema);
  if (!parsed.ok) return badRequest(parsed);
  const { questionId, answer } = parsed.data;
  const result = await answerPractice(user.id, questionId, answer, new Date());
  if (!result.ok)
    return json(
      { ok: false as const, formError: result.message, fieldErrors: {} },
      { status: result.status },
    );
  return json(result);
}

export default function PracticePage() {
  const { course, next } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The answered question comes back with the feedback: by now it may have left the book.
  const feedback = actionData && actionData.ok ? actionData : null;
  const scope = course ? `course=${course}&` : "";
  if (!next && !feedback)
    return (
      <div className="mx-auto max-w-2xl space-y-4">
        <h1 className="text-2xl font-bold">错题练习</h1>
        <p role="status" className="rounded border border-green-700 bg-green-50 p-4">
          {course ? "本课程的错题已全部移出错题本。" : "错题本是空的，没有需要练习的题目。"}
        </p>
        <Link to="/learn/wrong-answers">返回错题本</Link>
      </div>
    );
  const q = feedback?.entry ?? next!.entry;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p>
        <Link to="/learn/wrong-answers">← 错题本</Link>
      </p>
      <h1 className="text-2xl font-bold">错题练习：{course ? q.courseTitle : "全部错题"}</h1>
      <p className="text-sm text-stone-600">
        错题本中还有 {next?.remaining ?? 0} 题；连续答对两次的题自动移出。
      </p>
      <FormError message={actionData && !actionData.ok ? actionData.formError : null} />
      <Form method="post" className="space-y-3 rounded-lg border border-stone-300 bg-white p-4">
        <input type="hidden" name="intent" value="answer" />
        <input type="hidden" name="questionId" value={q.questionId} />
        {course ? <input type="hidden" name="course" value={course} /> : null}
        <fieldset className="space-y-2">
          <legend className="font-semibold">
            {TYPE_LABEL[q.type] ?? q.type}（{q.courseTitle}）
          </legend>
          {q.scenarioHtml ? (
            <div
              className="prose-content rounded bg-stone-100 p-3"
              dangerouslySetInnerHTML={{ __html: q.scenarioHtml }}
            />
          ) : null}
          <p>{q.stem}</p>
          {q.options.map((o, i) => (
            <label
              key={`${q.questionId}-${o.id}`}
              className="flex min-h-11 items-start gap-2 rounded px-2 py-1"
            >
              <input
                type={q.type === "multiple" ? "checkbox" : "radio"}
                name="answer"
                value={o.id}
                defaultChecked={feedback?.given.includes(o.id)}
                disabled={Boolean(feedback)}
                className="mt-1.5 size-5 shrink-0"
              />
              <span>
                {q.type === "truefalse" ? "" : `${optionLetter(i)}. `}
                {o.text}
              </span>
            </label>
          ))}
        </fieldset>
        {feedback ? null : <Button type="submit">提交答案</Button>}
      </Form>
      {feedback ? (
        <section
          aria-label="判题结果"
          className={
            feedback.correct
              ? "space-y-2 rounded border border-green-700 bg-green-50 p-4"
              : "space-y-2 rounded border border-red-700 bg-red-50 p-4"
          }
        >
          <p role="status" className="text-lg font-semibold">
            {feedback.correct ? "✓ 回答正确" : "✗ 回答错误"}
            {feedback.removed
              ? "：已连续答对两次，本题移出错题本。"
              : feedback.correct
                ? "：再答对一次即移出错题本。"
                : "：本题留在错题本中。"}
          </p>
          <p>
            你的答案：<strong>{bankLetters(q.type, q.options, feedback.given)}</strong>；正确答案：
            <strong>{bankLetters(q.type, q.options, feedback.answer)}</strong>
          </p>
          <p className="font-semibold">解析</p>
          <div
            className="prose-content"
            dangerouslySetInnerHTML={{ __html: feedback.explanationHtml }}
          />
          <Link
            to={`/learn/wrong-answers/practice?${scope}after=${q.questionId}`}
            className="inline-flex min-h-11 items-center rounded border border-brand-700 bg-brand-600 px-4 font-medium text-white no-underline"
          >
            下一题
          </Link>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
