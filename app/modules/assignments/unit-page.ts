import type { Counts } from "./status.ts";

// One page of a rollup's child-unit rows, in the units' own order or by completion rate.
// Shared by the overview and the assignment page (and their sort links).

export const UNIT_SORTS = ["order", "low", "high"] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];
export const UNIT_SORT_TEXT: Record<UnitSort, string> = {
  order: "按单位顺序",
  low: "完成率从低到高",
  high: "完成率从高到低",
};
export const UNIT_PAGE_SIZE = 25;
/** How many units "完成率最低的单位" lists. */
export const BEHIND_LIMIT = 10;
/** "完成率最低的单位" ranks every unit; one with fewer people assigned than this is marked. */
export const BEHIND_SMALL = 5;

const ratio = (r: Counts) => (r.assigned ? r.completed / r.assigned : -1);

/**
 * One page of the rows: in their own order, or by completion rate (lowest or highest first;
 * units with nobody assigned last). A page past the end shows the last one.
 */
export function pageOfUnits<R extends Counts & { unitId: number }>(
  rows: R[],
  sort: UnitSort,
  page: number,
  size = UNIT_PAGE_SIZE,
) {
  const sorted =
    sort === "order"
      ? rows
      : [...rows].sort((a, b) => {
          if ((a.assigned === 0) !== (b.assigned === 0)) return a.assigned === 0 ? 1 : -1;
          const d = sort === "low" ? ratio(a) - ratio(b) : ratio(b) - ratio(a);
          return d || b.assigned - a.assigned || a.unitId - b.unitId;
        });
  const pages = Math.max(1, Math.ceil(sorted.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return {
    rows: sorted.slice((current - 1) * size, current * size),
    page: current,
    pages,
    first: (current - 1) * size + 1,
    count: sorted.length,
  };
}
