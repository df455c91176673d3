import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { YearFilter } from "#app/components/year-filter.tsx";
import { examRollup } from "#app/modules/learning/exam.server.ts";
import { MANAGER_ROLES, requireManagerUnit } from "#app/modules/assignments/scope.server.ts";
import { listChildNames } from "#app/modules/org/org.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { idField } from "#app/utils/input.ts";
import { parseQuery } from "#app/utils/form.server.ts";

export const meta: MetaFunction = () => [{ title: "年度学法考试情况 - 法治学堂" }];

const FilterSchema = z.object({
  year: z.coerce.number().int().min(2020).max(2100).optional(),
  unit: idField().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, MANAGER_ROLES);
  const filter = parseQuery(request, FilterSchema);
  if (!filter.success) throw new Response("筛选条件无效", { status: 400 });
  const { unit } = await requireManagerUnit(request, filter.data.unit);
  const year = filter.data.year ?? new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  const counts = new Map((await examRollup(unit, year)).map((r) => [r.unitId, r]));
  const zero = { staff: 0, sat: 0, passed: 0 };
  const children = await listChildNames(unit.id);
  const rows = children.map((c) => ({
    unitId: c.id,
    name: c.name,
    own: false,
    ...zero,
    ...counts.get(c.id),
  }));
  const own = counts.get(unit.id);
  if (own) rows.unshift({ name: "本单位人员", own: true, ...own });
  const total = rows.reduce(
    (t, r) => ({ staff: t.staff + r.staff, sat: t.sat + r.sat, passed: t.passed + r.passed }),
    zero,
  );
  return json({ year, unit: { id: unit.id, name: unit.name }, rows, total });
}

const rate = (r: { staff: number; passed: number }) =>
  r.staff ? `${Math.round((1000 * r.passed) / r.staff) / 10}%` : "—";

export default function ExamAudit() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <p>
        <Link
          to={`/manage/overview?${new URLSearchParams({ unit: String(d.unit.id), year: String(d.year) })}`}
        >
          ← 达标率总览
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {d.year} 年度学法考试：{d.unit.name}
      </h1>
      <YearFilter unitId={d.unit.id} year={d.year} />
      <p>
        应考 {d.total.staff} 人，已参加 {d.total.sat} 人，已通过 {d.total.passed} 人，通过率{" "}
        <strong>{rate(d.total)}</strong>。
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[32rem] bg-white text-left text-sm">
          <caption className="sr-only">各单位年度学法考试情况</caption>
          <thead>
            <tr className="border-b-2 border-stone-300">
              <th scope="col" className="p-2">
                单位
              </th>
              <th scope="col" className="p-2 text-right">
                应考人数
              </th>
              <th scope="col" className="p-2 text-right">
                已参加
              </th>
              <th scope="col" className="p-2 text-right">
                已通过
              </th>
              <th scope="col" className="p-2 text-right">
                通过率
              </th>
            </tr>
          </thead>
          <tbody>
            {d.rows.length === 0 ? (
              <tr>
                <td colSpan={5} className="p-4 text-center">
                  本单位及下级单位暂无工作人员。
                </td>
              </tr>
            ) : null}
            {d.rows.map((r) => (
              <tr key={`${r.unitId}-${r.own}`} className="border-b border-stone-200">
                <th scope="row" className="p-2 font-normal">
                  {r.own ? (
                    r.name
                  ) : (
                    <Link
                      to={`?${new URLSearchParams({ unit: String(r.unitId), year: String(d.year) })}`}
                    >
                      {r.name}
                    </Link>
                  )}
                </th>
                <td className="p-2 text-right">{r.staff}</td>
                <td className="p-2 text-right">{r.sat}</td>
                <td className="p-2 text-right">{r.passed}</td>
                <td className="p-2 text-right">{rate(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
