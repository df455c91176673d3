import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { Button } from "#app/components/ui/button.tsx";
import { Pager } from "#app/components/ui/pager.tsx";
import { annualPage, AnnualQuerySchema } from "#app/modules/annual/page.server.ts";
import { ANNUAL_SORT_TEXT, ANNUAL_SORTS } from "#app/modules/annual/rates.ts";
import { MANAGER_ROLES, requireManagerUnit } from "#app/modules/assignments/scope.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "年度学法统计 - 法治学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, MANAGER_ROLES);
  const query = parseQuery(request, AnnualQuerySchema);
  if (!query.success)
    throw new Response(query.error.issues[0]?.message ?? "筛选条件无效", { status: 400 });
  const { unit } = await requireManagerUnit(request, query.data.unit);
  return json(await annualPage(unit, query.data));
}

const pct = (v: number | null) => (v === null ? "—" : `${v}%`);

export default function AnnualStats() {
  const d = useLoaderData<typeof loader>();
  const params = (extra: Record<string, string | number>) =>
    `?${new URLSearchParams({
      unit: String(d.unit.id),
      year: String(d.year),
      sort: d.filter.sort,
      below: d.filter.below ? "1" : "0",
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])),
    })}`;
  // The same as params({ unit, page: 1, upage: 1 }) (numbers and fixed words need no escaping),
  // built once: the table links every child unit of the page.
  const drillRest = `&year=${d.year}&sort=${d.filter.sort}&below=${d.filter.below ? "1" : "0"}&page=1&upage=1`;
  const drillHref = (unitId: number) => `?unit=${unitId}${drillRest}`;
  const exportHref = (table: "units" | "people", format: "csv" | "xlsx") =>
    `/manage/annual-export${params({ table, format })}`;
  return (
    <div className="space-y-6">
      <p className="flex flex-wrap gap-x-4">
        <Link to={`/manage/overview?unit=${d.unit.id}&year=${d.year}`}>← 达标率总览</Link>
        {d.unit.parentId !== null ? (
          <Link to={params({ unit: d.unit.parentId })}>↑ 上级单位</Link>
        ) : null}
      </p>
      <h1 className="text-2xl font-bold">
        {d.year} 年度学法统计：{d.unit.name}
      </h1>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="unit" value={d.unit.id} />
        <div>
          <label htmlFor="year" className="block font-medium">
            年度
          </label>
          <input
            id="year"
            name="year"
            type="number"
            inputMode="numeric"
            min={2020}
            max={2100}
            defaultValue={d.year}
            className="w-28 rounded border border-stone-400 px-3 py-2"
          />
        </div>
        <div>
          <label htmlFor="sort" className="block font-medium">
            单位排序
          </label>
          <select
            id="sort"
            name="sort"
            defaultValue={d.filter.sort}
            className="max-w-full rounded border border-stone-400 px-3 py-2"
          >
            {ANNUAL_SORTS.map((s) => (
              <option key={s} value={s}>
                {ANNUAL_SORT_TEXT[s]}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend className="font-medium">人员范围</legend>
          <div className="flex gap-3">
            <label className="flex min-h-[44px] items-center gap-1">
              <input type="radio" name="below" value="0" defaultChecked={!d.filter.below} />
              全部人员
            </label>
            <label className="flex min-h-[44px] items-center gap-1">
              <input type="radio" name="below" value="1" defaultChecked={d.filter.below} />
              仅未达标
            </label>
          </div>
        </fieldset>
        <Button type="submit" variant="secondary">
          查看
        </Button>
      </Form>
      <p aria-live="polite" id="annual-summary">
        本年度学时要求 {d.required} 学时。共 {d.total.staff} 人，学时达标 {d.total.met}{" "}
        人，学时达标率 <strong>{pct(d.total.metRate)}</strong>；参加考试 {d.total.sat}{" "}
        人，考试参考率 <strong>{pct(d.total.satRate)}</strong>；考试合格 {d.total.passed} 人，合格率{" "}
        <strong>{pct(d.total.passRate)}</strong>。
      </p>
      <section
        aria-labelledby="by-unit"
        className="rounded-lg border border-stone-300 bg-white p-4"
      >
        <h2 id="by-unit" className="mb-2 text-lg font-semibold">
          各单位情况（{ANNUAL_SORT_TEXT[d.filter.sort]}）
        </h2>
        {d.units.count === 0 ? (
          <p>本单位没有下级单位，也没有工作人员。</p>
        ) : (
          <table className="cards-sm w-full bg-white text-left text-sm sm:[&_td]:p-2 sm:[&_td]:text-right sm:[&_th]:p-2">
            <caption className="sr-only">各单位年度学法统计</caption>
            <thead>
              <tr className="border-b-2 border-stone-300">
                <th scope="col">排名</th>
                <th scope="col">单位</th>
                <th scope="col">人数</th>
                <th scope="col">学时达标</th>
                <th scope="col">学时达标率</th>
                <th scope="col">考试参考率</th>
                <th scope="col">合格率</th>
              </tr>
            </thead>
            <tbody>
              {d.units.rows.map((r, i) => (
                <tr key={`${r.unitId}-${r.own}`} className="border-b border-stone-200">
                  <td data-label="排名">{d.filter.sort === "order" ? "" : d.units.first + i}</td>
                  <th scope="row" data-status className="font-normal">
                    {r.own ? r.name : <Link to={drillHref(r.unitId)}>{r.name}</Link>}
                  </th>
                  <td data-label="人数">{r.staff}</td>
                  <td data-label="学时达标">{r.met}</td>
                  <td data-label="学时达标率">{pct(r.metRate)}</td>
                  <td data-label="考试参考率">{pct(r.satRate)}</td>
                  <td data-label="合格率">{pct(r.passRate)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr className="border-t-2 border-stone-300 font-semibold">
                <td data-label="排名"></td>
                <th scope="row" data-status>
                  合计（含下级）
                </th>
                <td data-label="人数">{d.total.staff}</td>
                <td data-label="学时达标">{d.total.met}</td>
                <td data-label="学时达标率">{pct(d.total.metRate)}</td>
                <td data-label="考试参考率">{pct(d.total.satRate)}</td>
                <td data-label="合格率">{pct(d.total.passRate)}</td>
              </tr>
            </tfoot>
          </table>
        )}
        {d.units.pages > 1 ? (
          <Pager
            page={d.units.page}
            pages={d.units.pages}
            total={d.units.count}
            noun="个单位"
            param="upage"
            label="单位分页"
          />
        ) : null}
        <p className="mt-2 text-sm text-stone-700">
          学时达标率 = 本年度学时达到要求的人数 ÷ 在岗工作人员数；考试参考率 =
          参加年度学法考试（已交卷）的人数 ÷ 在岗工作人员数；合格率 = 考试合格人数 ÷
          在岗工作人员数。
        </p>
      </section>
      <section aria-labelledby="people" className="rounded-lg border border-stone-300 bg-white p-4">
        <h2 id="people" className="mb-2 text-lg font-semibold">
          {d.filter.below ? "未达标人员" : "人员明细"}（{d.people.count} 人）
        </h2>
        {d.people.rows.length === 0 ? (
          <p>
            {d.filter.below ? "所有人员均已达到本年度学时要求。" : "本单位及下级单位暂无工作人员。"}
          </p>
        ) : (
          <table className="cards-sm w-full text-left text-sm sm:[&_td]:p-2 sm:[&_th]:p-2">
            <caption className="sr-only">人员年度学法情况</caption>
            <thead>
              <tr className="border-b-2 border-stone-300">
                <th scope="col">姓名</th>
                <th scope="col">工号</th>
                <th scope="col">单位</th>
                <th scope="col">本年度学时</th>
                <th scope="col">完成课程</th>
                <th scope="col">年度考试</th>
              </tr>
            </thead>
            <tbody>
              {d.people.rows.map((p) => (
                <tr key={p.userId} className="border-b border-stone-200">
                  <th scope="row" data-status className="font-normal">
                    <Link to={`/manage/people/${p.userId}`}>{p.name}</Link>
                  </th>
                  <td data-label="工号">{p.username}</td>
                  <td data-label="单位">{p.unitName}</td>
                  <td data-label="本年度学时">
                    {p.hours} / {d.required}
                    {p.met ? "（达标）" : "（未达标）"}
                  </td>
                  <td data-label="完成课程">{p.courses} 门</td>
                  <td data-label="年度考试">
                    {p.examSat
                      ? `${p.examPassed ? "合格" : "不合格"}，最高 ${p.bestScore ?? 0} 分`
                      : "未参加"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {d.people.pages > 1 ? (
          <Pager
            page={d.people.page}
            pages={d.people.pages}
            total={d.people.count}
            noun="人"
            label="人员分页"
          />
        ) : null}
      </section>
      <section aria-labelledby="export" className="rounded-lg border border-stone-300 bg-white p-4">
        <h2 id="export" className="mb-2 text-lg font-semibold">
          导出
        </h2>
        <ul className="flex flex-wrap gap-x-6">
          <li>
            <a href={exportHref("units", "xlsx")}>各单位统计（Excel）</a>
          </li>
          <li>
            <a href={exportHref("units", "csv")}>各单位统计（CSV）</a>
          </li>
          <li>
            <a href={exportHref("people", "xlsx")}>
              {d.filter.below ? "未达标人员" : "人员明细"}（Excel）
            </a>
          </li>
          <li>
            <a href={exportHref("people", "csv")}>
              {d.filter.below ? "未达标人员" : "人员明细"}（CSV）
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
