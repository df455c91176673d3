import { z } from "zod";
import { shanghaiYear } from "#app/modules/learning/completion.server.ts";
import { annualCreditHours } from "#app/modules/learning/settings.server.ts";
import { boundedInt, idField } from "#app/utils/input.ts";
import { annualPeoplePage, PEOPLE_PAGE_SIZE } from "./people.server.ts";
import { ANNUAL_SORTS, rankedRollup, rates } from "./stats.server.ts";

// The 年度学法统计 page (/manage/annual) and its export: the query they share and the page's data.

export const ANNUAL_MIN_YEAR = 2020;
export const ANNUAL_MAX_YEAR = 2100;

export const AnnualQuerySchema = z.object({
  year: boundedInt(
    ANNUAL_MIN_YEAR,
    ANNUAL_MAX_YEAR,
    "年度",
    "年度应为 2020 至 2100 之间的整数",
  ).optional(),
  unit: idField("单位").optional(),
  sort: z.enum(ANNUAL_SORTS, { message: "排序方式无效" }).default("low"),
  below: z.enum(["0", "1"], { message: "筛选条件无效" }).default("0"),
  page: boundedInt(1, 100_000, "页码").default(1),
  upage: boundedInt(1, 10_000, "页码").default(1),
});
export type AnnualQuery = z.infer<typeof AnnualQuerySchema>;

/** The year asked for, or this Beijing year. */
export const yearOf = (q: { year?: number }, now = new Date()) => q.year ?? shanghaiYear(now);

export const UNITS_PAGE_SIZE = 25;

function pageOf<R>(rows: readonly R[], page: number) {
  const pages = Math.max(1, Math.ceil(rows.length / UNITS_PAGE_SIZE));
  const current = Math.min(page, pages);
  const first = (current - 1) * UNITS_PAGE_SIZE;
  return {
    rows: rows.slice(first, first + UNITS_PAGE_SIZE),
    page: current,
    pages,
    first: first + 1,
    count: rows.length,
  };
}

/** Everything the page shows for the unit the viewer may look at. */
export async function annualPage(
  unit: { id: number; name: string; path: string; parentId: number | null },
  query: AnnualQuery,
  now = new Date(),
) {
  const year = yearOf(query, now);
  const required = await annualCreditHours();
  const below = query.below === "1";
  const { total, rows } = await rankedRollup(unit, year, required, query.sort);
  const count = below ? total.staff - total.met : total.staff;
  const pages = Math.max(1, Math.ceil(count / PEOPLE_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const people = await annualPeoplePage(unit, year, required, below, page);
  return {
    year,
    required,
    unit: { id: unit.id, name: unit.name, parentId: unit.parentId },
    filter: { sort: query.sort, below },
    total: { ...total, ...rates(total) },
    // The city has well over a hundred child units: one page of them, as the overview shows.
    units: pageOf(rows, query.upage),
    people: { rows: people, page, pages, count },
  };
}
