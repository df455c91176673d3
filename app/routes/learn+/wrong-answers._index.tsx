import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { bankLetters, OptionList } from "#app/components/wrong-entry.tsx";
import { TYPE_LABEL } from "#app/components/quiz-question.tsx";
import { LEARNER_ROLES } from "#app/modules/learning/access.ts";
import { wrongBookEntries, type WrongEntry } from "#app/modules/learning/wrong-book.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";

export const meta: MetaFunction = () => [{ title: "错题本 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, LEARNER_ROLES);
  const rows = await wrongBookEntries(user.id);
  const courses = new Map<
    number,
    { courseId: number; slug: string; title: string; items: WrongEntry[] }
  >();
  for (const r of rows) {
    const c = courses.get(r.courseId) ?? {
      courseId: r.courseId,
      slug: r.courseSlug,
      title: r.courseTitle,
      items: [],
    };
    c.items.push(r);
    courses.set(r.courseId, c);
  }
  return json({ total: rows.length, courses: [...courses.values()] });
}

const practiceClass =
  "inline-flex min-h-11 items-center rounded border border-brand-700 bg-brand-600 px-4 font-medium text-white no-underline hover:bg-brand-700";

export default function WrongAnswers() {
  const { total, courses } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">错题本</h1>
      <p className="text-stone-700">
        测验中答错的题会收进错题本；同一道题连续答对两次后自动移出。错题练习逐题作答、当场判分，不计入成绩和学时。
      </p>
      {total === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          错题本是空的。
        </p>
      ) : (
        <>
          <p>
            <Link to="/learn/wrong-answers/practice" className={practiceClass}>
              逐题练习全部错题（{total} 题）
            </Link>
          </p>
          {courses.map((c) => (
            <section
              key={c.courseId}
              aria-labelledby={`wc-${c.courseId}`}
              className="space-y-3 rounded-lg border border-stone-300 bg-white p-4"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <h2 id={`wc-${c.courseId}`} className="text-lg font-semibold">
                  <Link to={`/learn/courses/${c.slug}`}>{c.title}</Link>（{c.items.length} 题）
                </h2>
                <Link
                  to={`/learn/wrong-answers/practice?course=${c.courseId}`}
                  className={practiceClass}
                >
                  练习本课程错题
                </Link>
              </div>
              <ul className="space-y-3">
                {c.items.map((q) => (
                  <li
                    key={q.questionId}
                    data-testid="wrong-entry"
                    className="space-y-2 rounded border border-stone-200 p-3"
                  >
                    <p className="text-sm text-stone-600">
                      {TYPE_LABEL[q.type] ?? q.type} · 答错 {q.wrongCount} 次
                      {q.streak > 0 ? `，已连续答对 ${q.streak} 次` : ""}
                    </p>
                    {q.scenarioHtml ? (
                      <div
                        className="prose-content rounded bg-stone-100 p-3"
                        dangerouslySetInnerHTML={{ __html: q.scenarioHtml }}
                      />
                    ) : null}
                    <p className="font-medium">{q.stem}</p>
                    <OptionList type={q.type} options={q.options} />
                    <p>
                      上次作答：
                      <strong>✗ {bankLetters(q.type, q.options, q.lastAnswer)}</strong>；正确答案：
                      <strong>✓ {bankLetters(q.type, q.options, q.answer)}</strong>
                    </p>
                    <details>
                      <summary className="inline-flex min-h-11 cursor-pointer items-center">
                        查看解析
                      </summary>
                      <div
                        className="prose-content mt-2"
                        dangerouslySetInnerHTML={{ __html: q.explanationHtml }}
                      />
                    </details>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
