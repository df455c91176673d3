import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import {
  listAssignments,
  visibleAssignmentIds,
} from "#app/modules/assignments/assignments.server.ts";
import { requireManagerUnit } from "#app/modules/assignments/scope.server.ts";
import { dueDayOf } from "#app/modules/assignments/schemas.ts";

export const meta: MetaFunction = () => [{ title: "学习任务 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, unit } = await requireManagerUnit(request);
  const assignments = await listAssignments(await visibleAssignmentIds(user));
  return json({
    unit: { name: unit.name },
    assignments: assignments.map((a) => ({ ...a, dueDay: dueDayOf(a.dueAt) })),
  });
}

export default function Assignments() {
  const { unit, assignments } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">学习任务</h1>
        <div className="flex gap-4">
          <Link to="/manage/overview">达标率总览</Link>
          <Link
            to="/manage/assignments/new"
            className="rounded bg-brand-600 px-4 py-2 text-white no-underline hover:bg-brand-700"
          >
            布置学习任务
          </Link>
        </div>
      </div>
      <p className="text-stone-700">管理范围：{unit.name}及其下级单位。</p>
      {assignments.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-6 text-center">
          还没有学习任务。
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="cards-sm w-full min-w-[36rem] bg-white text-left">
            <caption className="sr-only">学习任务列表</caption>
            <thead>
              <tr className="border-b-2 border-stone-300">
                <th scope="col" className="p-2">
                  任务
                </th>
                <th scope="col" className="p-2">
                  课程
                </th>
                <th scope="col" className="p-2">
                  截止日期
                </th>
                <th scope="col" className="p-2">
                  状态
                </th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.id} className="border-b border-stone-200">
                  <td className="p-2" data-label="任务">
                    <Link to={`/manage/assignments/${a.id}`}>{a.title}</Link>
                  </td>
                  <td className="p-2" data-label="课程">
                    {a.courses.map((c) => c.course.title).join("、")}
                  </td>
                  <td className="p-2" data-label="截止日期">
                    {a.dueDay}
                  </td>
                  <td className="p-2" data-label="状态" data-status="">
                    {a.withdrawnAt ? "已撤回" : "进行中"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
