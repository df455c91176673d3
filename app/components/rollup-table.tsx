import { Link } from "@remix-run/react";

type Row = { unitId: number; name: string; own: boolean; hasChildren: boolean; assigned: number; completed: number; inProgress: number; notStarted: number; overdue: number };

const pct = (r: { assigned: number; completed: number }) => (r.assigned ? `${Math.round((1000 * r.completed) / r.assigned) / 10}%` : "—");

/** Rates per child unit with drill-down links; the numbers a chart shows, as a table. */
export function RollupTable({ rows, total, drillHref, caption }: { rows: Row[]; total: Omit<Row, "unitId" | "name" | "own" | "hasChildren">; drillHref: (unitId: number) => string; caption: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[40rem] bg-white text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-stone-300">
            <th scope="col" className="p-2">单位</th>
            <th scope="col" className="p-2 text-right">应学人数</th>
            <th scope="col" className="p-2 text-right">已完成</th>
            <th scope="col" className="p-2 text-right">学习中</th>
            <th scope="col" className="p-2 text-right">未开始</th>
            <th scope="col" className="p-2 text-right">已逾期</th>
            <th scope="col" className="p-2 text-right">完成率</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.unitId}-${r.own}`} className="border-b border-stone-200">
              <th scope="row" className="p-2 font-normal">
                {r.own ? <span>{r.name}</span> : <Link to={drillHref(r.unitId)}>{r.name}</Link>}
              </th>
              <td className="p-2 text-right">{r.assigned}</td>
              <td className="p-2 text-right">{r.completed}</td>
              <td className="p-2 text-right">{r.inProgress}</td>
              <td className="p-2 text-right">{r.notStarted}</td>
              <td className="p-2 text-right">{r.overdue}</td>
              <td className="p-2 text-right">{pct(r)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-stone-300 font-semibold">
            <th scope="row" className="p-2">合计（含下级）</th>
            <td className="p-2 text-right">{total.assigned}</td>
            <td className="p-2 text-right">{total.completed}</td>
            <td className="p-2 text-right">{total.inProgress}</td>
            <td className="p-2 text-right">{total.notStarted}</td>
            <td className="p-2 text-right">{total.overdue}</td>
            <td className="p-2 text-right">{pct(total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export { STATUS_TEXT as STATUS_LABELS } from "#app/modules/assignments/status.ts";
