import { describe, expect, it } from "vitest";
import { pageOfUnits } from "./unit-page.ts";

type Row = {
  unitId: number;
  assigned: number;
  completed: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
};

describe("one page of the unit table", () => {
  const row = (unitId: number, assigned: number, completed: number): Row => ({
    unitId,
    assigned,
    completed,
    inProgress: 0,
    notStarted: assigned - completed,
    overdue: 0,
  });
  const rows = [row(1, 10, 5), row(2, 0, 0), row(3, 10, 1), row(4, 4, 4), row(5, 20, 2)];

  it("keeps the units' own order, or sorts by rate with nobody-assigned units last", () => {
    expect(pageOfUnits(rows, "order", 1, 10).rows.map((r) => r.unitId)).toEqual([1, 2, 3, 4, 5]);
    // 3 and 5 both at 10 %: more people assigned first.
    expect(pageOfUnits(rows, "low", 1, 10).rows.map((r) => r.unitId)).toEqual([5, 3, 1, 4, 2]);
    expect(pageOfUnits(rows, "high", 1, 10).rows.map((r) => r.unitId)).toEqual([4, 1, 5, 3, 2]);
  });

  it("pages, and shows the last page for a page past the end", () => {
    expect(pageOfUnits(rows, "order", 2, 2)).toMatchObject({
      page: 2,
      pages: 3,
      first: 3,
      count: 5,
    });
    expect(pageOfUnits(rows, "order", 2, 2).rows.map((r) => r.unitId)).toEqual([3, 4]);
    expect(pageOfUnits(rows, "order", 99, 2)).toMatchObject({ page: 3, first: 5 });
    expect(pageOfUnits([], "low", 1, 2)).toMatchObject({ page: 1, pages: 1, rows: [], count: 0 });
  });
});
