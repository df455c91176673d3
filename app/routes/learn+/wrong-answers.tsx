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
import { wrongBook } from "#app/modules/learning/my-learning.server.ts";
import { startPractice } from "#app/modules/learning/quiz.server.ts";
import { StartPracticeSchema } from "#app/modules/learning/schemas.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "错题本 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, LEARNER_ROLES);
  const rows = await wrongBook(user.id);
  const courses = [
    ...new Map(
      rows.map((r) => [
        r.courseId,
        {
          courseId: r.courseId,
          slug: r.slug,
          title: r.courseTitle,
          items: rows.filter((x) => x.courseId === r.courseId),
        },
      ]),
    ).values(),
  ];
  return json({ courses });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, LEARNER_ROLES);
  const parsed = await parseForm(request, StartPracticeSchema);
  if (!parsed.ok) return badRequest(parsed);
  const result = await startPractice(user, parsed.data.courseId, new Date());
  if (!result.ok)
    return json(
      { ok: false as const, formError: result.message, fieldErrors: {} },
      { status: result.status },
    );
  return redirect(`/learn/quiz/${result.attemptId}`);
}

export default function WrongAnswers() {
  const { courses } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">错题本</h1>
      <p className="text-stone-700">
        测验和练习中答错的题会收进错题本；同一道题连续答对两次后自动移出。错题练习不计入成绩和学时。
      </p>
      <FormError message={actionData?.formError} />
      {courses.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          错题本是空的。
        </p>
      ) : (
        courses.map((c) => (
          <section
            key={c.courseId}
            aria-labelledby={`wc-${c.courseId}`}
            className="rounded-lg border border-stone-300 bg-white p-4"
          >
            <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
              <h2 id={`wc-${c.courseId}`} className="text-lg font-semibold">
                <Link to={`/learn/courses/${c.slug}`}>{c.title}</Link>（{c.items.length} 题）
              </h2>
              <Form method="post">
                <input type="hidden" name="intent" value="practice" />
                <input type="hidden" name="courseId" value={c.courseId} />
                <Button type="submit">练习本课程错题</Button>
              </Form>
            </div>
            <ul className="list-disc space-y-1 pl-6">
              {c.items.map((q) => (
                <li key={q.questionId}>
                  {q.stem}
                  <span className="ml-2 text-sm text-stone-600">
                    答错 {q.wrongCount} 次{q.streak > 0 ? `，已连续答对 ${q.streak} 次` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
