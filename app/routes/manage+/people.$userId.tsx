import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { personRecord } from "#app/modules/assignments/person.server.ts";
import { MANAGER_ROLES } from "#app/modules/assignments/scope.server.ts";
import { requireOrgScope, requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { idField } from "#app/utils/input.ts";

export const meta: MetaFunction = () => [{ title: "个人学习档案 - 法治学堂" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, MANAGER_ROLES);
  const id = idField().safeParse(params.userId);
  const record = id.success ? await personRecord(id.data) : null;
  if (!record) throw new Response("人员不存在", { status: 404 });
  // A manager reads only people in his own subtree (403 and an audit row otherwise).
  await requireOrgScope(request, user, record.user.unitPath);
  return json(record);
}

export default function PersonPage() {
  const { user, courses, exams, notStarted, year } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <p>
        <Link to="/manage/assignments">← 学习任务</Link>
      </p>
      <h1 className="text-2xl font-bold">
        {user.name}（{user.username}）的学习档案
      </h1>
      <p className="text-stone-700">单位：{user.unitName}</p>
      <section aria-labelledby="hours" className="rounded-lg border border-stone-300 bg-white p-4">
        <h2 id="hours" className="text-lg font-semibold">
          {year.year} 年度学时
        </h2>
        <p>
          已获得 <strong>{year.hours}</strong> 学时，本年度要求 {year.required} 学时：
          {year.hours >= year.required
            ? "已达标。"
            : `未达标，还差 ${Math.round((year.required - year.hours) * 10) / 10} 学时。`}
        </p>
      </section>
      <section
        aria-labelledby="not-started"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="not-started" className="text-lg font-semibold">
          已布置但尚未开始的课程
        </h2>
        {notStarted.length === 0 ? (
          <p className="text-sm text-stone-600">没有尚未开始的必修课程。</p>
        ) : (
          <ul className="list-disc pl-6 text-sm">
            {notStarted.map((a) => (
              <li key={`${a.assignmentId}-${a.courseId}`}>
                {a.title}（学习任务“{a.assignment}”，截止 {formatDateTime(a.dueAt)}
                {a.overdue ? "，已逾期" : ""}）
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="exams" className="rounded-lg border border-stone-300 bg-white p-4">
        <h2 id="exams" className="text-lg font-semibold">
          年度学法考试
        </h2>
        {exams.length === 0 ? (
          <p className="text-sm text-stone-600">没有考试记录。</p>
        ) : (
          <ul className="text-sm">
            {exams.map((e) => (
              <li key={e.id}>
                {e.year} 年：开始于 {formatDateTime(e.startedAt)}，
                {e.submittedAt ? `${e.score} 分（${e.passed ? "通过" : "未通过"}）` : "未交卷"}
              </li>
            ))}
          </ul>
        )}
      </section>
      {courses.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          尚未开始任何课程。
        </p>
      ) : null}
      {courses.map((c) => (
        <section
          key={c.courseId}
          aria-labelledby={`c-${c.courseId}`}
          className="rounded-lg border border-stone-300 bg-white p-4"
        >
          <h2 id={`c-${c.courseId}`} className="text-lg font-semibold">
            {c.title}
          </h2>
          <p>
            开始于 {formatDateTime(c.startedAt)}；已读 {c.read} / {c.lessons} 课；
            {c.completion
              ? `已于 ${formatDateTime(c.completion.completedAt)} 完成（${c.completion.score} 分，${c.completion.creditHours} 学时，证书 ${c.completion.certificateNo}）`
              : "尚未完成"}
            。
          </p>
          {c.attempts.length > 0 ? (
            <table className="mt-2 w-full text-left text-sm">
              <caption className="sr-only">测验记录</caption>
              <thead>
                <tr className="border-b">
                  <th scope="col">次序</th>
                  <th scope="col">开始</th>
                  <th scope="col">交卷</th>
                  <th scope="col">成绩</th>
                </tr>
              </thead>
              <tbody>
                {c.attempts.map((a, i) => (
                  <tr key={a.id} className="border-b border-stone-200">
                    <td>第 {i + 1} 次</td>
                    <td>{formatDateTime(a.startedAt)}</td>
                    <td>{a.submittedAt ? formatDateTime(a.submittedAt) : "未交卷"}</td>
                    <td>
                      {a.submittedAt ? `${a.score} 分（${a.passed ? "通过" : "未通过"}）` : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-stone-600">没有测验记录。</p>
          )}
        </section>
      ))}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
