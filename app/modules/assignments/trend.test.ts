import { describe, expect, it } from "vitest";
import { packTrend, trendPoints } from "./trend.ts";

/** The points yearOverview sent before session 12 (the reference). */
function before(weeks: { week: string; completed: number }[], assigned: number) {
  let cumulative = 0;
  return weeks.map((w) => {
    cumulative += w.completed;
    return {
      label: `${w.week.slice(0, 4)}年第${w.week.slice(5)}周`,
      value: assigned ? Math.round((1000 * cumulative) / assigned) / 10 : 0,
      completed: cumulative,
    };
  });
}

describe("the overview's trend sent as columns", () => {
  it("gives the points the loader computed before, for any total", () => {
    const weeks = [
      { week: "2025-52", completed: 3 },
      { week: "2026-00", completed: 0 },
      { week: "2026-01", completed: 17 },
      { week: "2026-07", completed: 1 },
    ];
    for (const assigned of [0, 1, 3, 21, 7_777])
      expect(trendPoints(packTrend(weeks), assigned)).toEqual(before(weeks, assigned));
    expect(trendPoints(packTrend([]), 5)).toEqual([]);
    expect(packTrend(weeks)).toEqual({
      weeks: ["2025-52", "2026-00", "2026-01", "2026-07"],
      completed: [3, 0, 17, 1],
    });
  });
});
