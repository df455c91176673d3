// The 年度学法统计's rates and ranking, shared by the server modules and the page.

/** One unit's (or subtree's) figures. */
export type Figures = { staff: number; met: number; sat: number; passed: number };

/** A percentage with one decimal, or null when nobody is counted. */
export function pct(part: number, whole: number): number | null {
  return whole ? Math.round((1000 * part) / whole) / 10 : null;
}
/** 学时达标率, 考试参考率, 合格率 (passed of all staff, as /manage/exam counts it). */
export const rates = (f: Figures) => ({
  metRate: pct(f.met, f.staff),
  satRate: pct(f.sat, f.staff),
  passRate: pct(f.passed, f.staff),
});

export const ANNUAL_SORTS = ["low", "high", "order"] as const;
export type AnnualSort = (typeof ANNUAL_SORTS)[number];
export const ANNUAL_SORT_TEXT: Record<AnnualSort, string> = {
  low: "学时达标率从低到高",
  high: "学时达标率从高到低",
  order: "按单位顺序",
};

/** Rows ranked by 学时达标率 (units without staff last), or in the units' own order. */
export function rankRows<R extends Figures & { unitId: number }>(rows: R[], sort: AnnualSort): R[] {
  if (sort === "order") return rows;
  const ratio = (r: R) => r.met / r.staff;
  return [...rows].sort((a, b) => {
    if ((a.staff === 0) !== (b.staff === 0)) return a.staff === 0 ? 1 : -1;
    if (a.staff === 0) return a.unitId - b.unitId;
    const d = sort === "low" ? ratio(a) - ratio(b) : ratio(b) - ratio(a);
    return d || b.staff - a.staff || a.unitId - b.unitId;
  });
}
