import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { LineChart } from "#app/components/charts.tsx";
import { trendTableHtml } from "#app/components/charts-html.ts";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { UnitRates } from "#app/components/unit-rates.tsx";
import { YearFilter } from "#app/components/year-filter.tsx";
import { yearOverview } from "#app/modules/assignments/overview-page.server.ts";
import { BEHIND_LIMIT, BEHIND_SMALL, UNIT_SORTS } from "#app/modules/assignments/unit-page.ts";
import { rate } from "#app/modules/assignments/status.ts";
import { trendPoints } from "#app/modules/assignments/trend.ts";
import { MANAGER_ROLES, requireManagerUnit } from "#app/modules/assignments/scope.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { MAX_ID, boundedInt, idField } from "#app/utils/input.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "达标率总览 - 法治学堂" }];

const FilterSchema = z.object({
  year: z.coerce.number().int().min(2020).max(2100).optional(),
  unit: idField().optional(),
  course: boundedInt(0, MAX_ID).optional(),
  assignment: boundedInt(0, MAX_ID).optional(),
  sort: z.enum(UNIT_SORTS).default("order"),
  upage: boundedInt(1, 10_000).default(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, MANAGER_ROLES);
  const filter = parseQuery(request, FilterSchema);
  if (!filter.success) throw new Response("筛选条件无效", { status: 400 });
  const { user, unit } = await requireManagerUnit(request, filter.data.unit);
  return json(await yearOverview(user, unit, filter.data));
}

export default function Overview() {
  const d = useLoaderData<typeof loader>();
  const trend = trendPoints(d.trend, d.total.assigned);
  return (
    <div className="space-y-6">
      <p>
        <Link to="/manage/assignments">← 学习任务</Link>
      </p>
      <h1 className="text-2xl font-bold">
        {d.year} 年度达标率总览：{d.unit.name}
      </h1>
      <YearFilter unitId={d.unit.id} year={d.year}>
        <div>
          <label htmlFor="assignment" className="block font-medium">
            学习任务
          </label>
          <select
            id="assignment"
            name="assignment"
            defaultValue={d.filter.assignment}
            className="max-w-[16rem] rounded border border-stone-400 px-3 py-2"
          >
            <option value={0}>全部任务</option>
            {d.choices.assignments.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="course" className="block font-medium">
            课程
          </label>
          <select
            id="course"
            name="course"
            defaultValue={d.filter.course}
            className="max-w-[16rem] rounded border border-stone-400 px-3 py-2"
          >
            <option value={0}>全部课程</option>
            {d.choices.courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <input type="hidden" name="sort" value={d.filter.sort} />
      </YearFilter>
      <p>
        {d.filter.assignment || d.filter.course ? "所选" : "本年度截止的"}学习任务 {d.assignments}{" "}
        项，应学 {d.total.assigned} 人次，已完成 {d.total.completed} 人次，完成率{" "}
        <strong>{d.total.rate}%</strong>，逾期未完成 {d.total.overdue} 人次。
      </p>
      <section
        aria-labelledby="by-unit"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="by-unit" className="mb-2 text-lg font-semibold">
          各单位完成率
        </h2>
        <UnitRates
          units={d.units}
          sort={d.filter.sort}
          total={d.total}
          title="各单位完成率"
          caption="各单位完成情况"
          drillHref={(u) =>
            `?${new URLSearchParams({ unit: String(u), year: String(d.year), assignment: String(d.filter.assignment), course: String(d.filter.course), sort: d.filter.sort })}`
          }
        />
      </section>
      <section aria-labelledby="trend" className="rounded-lg border border-stone-300 bg-white p-4">
        <h2 id="trend" className="mb-2 text-lg font-semibold">
          累计完成率（按周）
        </h2>
        <LineChart title="累计完成率按周变化" points={trend} />
        <details className="mt-2" dangerouslySetInnerHTML={{ __html: trendTableHtml(trend) }} />
      </section>
      <p>
        <Link
          to={`/manage/exam?${new URLSearchParams({ unit: String(d.unit.id), year: String(d.year) })}`}
        >
          查看 {d.year} 年度学法考试参考和通过情况 →
        </Link>
        <br />
        <Link
          to={`/manage/annual?${new URLSearchParams({ unit: String(d.unit.id), year: String(d.year) })}`}
        >
          查看 {d.year} 年度学法统计（学时达标率、考试参考率、合格率）→
        </Link>
      </p>
      <section aria-labelledby="behind" className="rounded-lg border border-stone-300 bg-white p-4">
        <h2 id="behind" className="mb-2 text-lg font-semibold">
          完成率最低的单位
        </h2>
        <p className="mb-2 text-sm text-stone-700">
          按人员所在单位（不含下级单位）计算，列出完成率最低的 {BEHIND_LIMIT}{" "}
          个单位；有人员应学的单位都参与排名，应学人数少于 {BEHIND_SMALL} 人的单位已标注。
        </p>
        {d.behind.length === 0 ? (
          <p>暂无数据。</p>
        ) : (
          <ol className="list-decimal pl-6">
            {d.behind.map((b) => (
              <li key={b.unitId}>
                {b.name}（{b.code}）：{rate(b)}%，{b.completed} / {b.assigned}，逾期 {b.overdue}
                {b.assigned < BEHIND_SMALL ? (
                  <span className="ml-1 rounded bg-stone-200 px-1 text-sm">
                    人数少于 {BEHIND_SMALL}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
