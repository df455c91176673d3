import escape from "escape-html";
import { rate } from "#app/modules/assignments/status.ts";

// The rollup table as one HTML string, the same on the server and in the browser (a pure
// function of the loader data), rendered with `dangerouslySetInnerHTML` (decision 0014, session
// 12): 25 rows of eight cells and a drill-down link each were React elements and `<Link>`s on
// every request. The markup is what the React table rendered, element for element
// (rollup-table-html.test.ts compares them); the links are plain `<a data-discover>` under the
// table's delegated click handler (rollup-table.tsx).

export type RollupRow = {
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
export type RollupTotal = Omit<RollupRow, "unitId" | "name" | "own" | "hasChildren">;

const esc: (text: string) => string = escape;
const pct = (r: { assigned: number; completed: number }) => (r.assigned ? `${rate(r)}%` : "—");
const cells = (r: RollupTotal) =>
  `<td>${r.assigned}</td><td>${r.completed}</td><td>${r.inProgress}</td><td>${r.notStarted}</td><td>${r.overdue}</td><td>${pct(r)}</td>`;

const HEAD =
  '<thead><tr class="border-b-2 border-stone-300"><th scope="col">单位</th>' +
  ["应学人数", "已完成", "学习中", "未开始", "已逾期", "完成率"]
    .map((t) => `<th scope="col" class="text-right">${t}</th>`)
    .join("") +
  "</tr></thead>";

/** The table (inside its `<div className="overflow-x-auto">`): a row per unit, the total last. */
export function rollupTableHtml(
  rows: RollupRow[],
  total: RollupTotal,
  drillHref: (unitId: number) => string,
  caption: string,
): string {
  // Cell padding and alignment are set once on the table, not on each of the many cells.
  let html = `<table class="w-full min-w-[40rem] bg-white text-left text-sm [&amp;_td]:p-2 [&amp;_td]:text-right [&amp;_th]:p-2 [&amp;_tbody_tr]:border-b [&amp;_tbody_tr]:border-stone-200"><caption class="sr-only">${esc(caption)}</caption>${HEAD}<tbody>`;
  for (const r of rows) {
    const name = esc(r.name);
    const unit = r.own
      ? name
      : `<a data-discover="true" href="${esc(drillHref(r.unitId))}">${name}</a>`;
    html += `<tr><th scope="row" class="font-normal">${unit}</th>${cells(r)}</tr>`;
  }
  return `${html}</tbody><tfoot><tr class="border-t-2 border-stone-300 font-semibold"><th scope="row">合计（含下级）</th>${cells(total)}</tr></tfoot></table>`;
}
