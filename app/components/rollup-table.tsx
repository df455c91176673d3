import { Link } from "@remix-run/react";
import { rate } from "#app/modules/assignments/status.ts";

type Row = {
  unitId: number;
  name: string;
  own: boolean;
  hasChildren: boolean;
  assigned: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
};

const pct = (r: { assigned: number; completed: number }) => (r.assigned ? `${rate(r)}%` : "—");

/** Rates per child unit with drill-down links; the numbers a chart shows, as a table. */
export function RollupTable({
  rows,
  total,
  drillHref,
  caption,
}: {
  rows: Row[];
  total: Omit<Row, "unitId" | "name" | "own" | "hasChildren">;
  drillHref: (unitId: number) => string;
  caption: string;
}) {
  return (
    <div className="overflow-x-auto">
      {/* Cell padding and alignment are set once on the table, not on each of the many cells. */}
      <table className="w-full min-w-[40rem] bg-white text-left text-sm [&_td]:p-2 [&_td]:text-right [&_th]:p-2 [&_tbody_tr]:border-b [&_tbody_tr]:border-stone-200">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-stone-300">
            <th scope="col">单位</th>
            <th scope="col" className="text-right">
              应学人数
            </th>
            <th scope="col" className="text-right">
              已完成
            </th>
            <th scope="col" className="text-right">
              学习中
            </th>
            <th scope="col" className="text-right">
              未开始
            </th>
            <th scope="col" className="text-right">
              已逾期
            </th>
            <th scope="col" className="text-right">
              完成率
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.unitId}-${r.own}`}>
              <th scope="row" className="font-normal">
                {r.own ? r.name : <Link to={drillHref(r.unitId)}>{r.name}</Link>}
              </th>
              <td>{r.assigned}</td>
              <td>{r.completed}</td>
              <td>{r.inProgress}</td>
              <td>{r.notStarted}</td>
              <td>{r.overdue}</td>
              <td>{pct(r)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t-2 border-stone-300 font-semibold">
            <th scope="row">合计（含下级）</th>
            <td>{total.assigned}</td>
            <td>{total.completed}</td>
            <td>{total.inProgress}</td>
            <td>{total.notStarted}</td>
            <td>{total.overdue}</td>
            <td>{pct(total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export { STATUS_TEXT as STATUS_LABELS } from "#app/modules/assignments/status.ts";
