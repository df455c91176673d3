import { Link, useSearchParams } from "@remix-run/react";
import { BarChart } from "#app/components/charts.tsx";
import { RollupTable } from "#app/components/rollup-table.tsx";
import { Pager } from "#app/components/ui/pager.tsx";
import { rate, type Counts } from "#app/modules/assignments/status.ts";
import {
  UNIT_SORT_TEXT,
  UNIT_SORTS,
  type pageOfUnits,
  type UnitSort,
} from "#app/modules/assignments/unit-page.ts";

type Row = Counts & { unitId: number; name: string; own: boolean; hasChildren: boolean };

/**
 * The child units' completion rates, one page of them: links to change the order, a bar chart
 * and the same numbers as a table with drill-down links, and the pager (query parameter
 * @pageParam, so a page of people on the same screen keeps its own).
 */
export function UnitRates({
  units,
  sort,
  total,
  title,
  caption,
  drillHref,
  pageParam = "upage",
}: {
  units: ReturnType<typeof pageOfUnits<Row>>;
  sort: UnitSort;
  total: Counts;
  title: string;
  caption: string;
  drillHref: (unitId: number) => string;
  pageParam?: string;
}) {
  const [params] = useSearchParams();
  const sortHref = (s: UnitSort) => {
    const next = new URLSearchParams(params);
    next.set("sort", s);
    next.delete(pageParam);
    return `?${next}`;
  };
  const range = `第 ${units.first}–${units.first + units.rows.length - 1} 个`;
  return (
    <>
      <nav aria-label="单位排序" className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {UNIT_SORTS.map((s) =>
          s === sort ? (
            <span key={s} aria-current="true" className="font-semibold">
              {UNIT_SORT_TEXT[s]}
            </span>
          ) : (
            <Link key={s} to={sortHref(s)}>
              {UNIT_SORT_TEXT[s]}
            </Link>
          ),
        )}
      </nav>
      <p className="mb-2 text-sm text-stone-700">
        {UNIT_SORT_TEXT[sort]}，{range}，共 {units.count} 个。
      </p>
      <BarChart
        title={`${title}（${UNIT_SORT_TEXT[sort]}，${range}）`}
        rows={units.rows
          .filter((r) => r.assigned > 0)
          .map((r) => ({ label: r.name, value: rate(r) }))}
      />
      <RollupTable rows={units.rows} total={total} drillHref={drillHref} caption={caption} />
      {units.pages > 1 ? (
        <Pager
          page={units.page}
          pages={units.pages}
          total={units.count}
          noun="个单位"
          param={pageParam}
          label="单位分页"
        />
      ) : null}
    </>
  );
}
