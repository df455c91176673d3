import { compiled } from "#app/data/compiled.server.ts";
import { db } from "#app/data/db.server.ts";
import { shanghaiYear } from "#app/modules/learning/completion.server.ts";
import type { SessionUser } from "#app/utils/auth.server.ts";
import { visibleAssignmentIds } from "./assignments.server.ts";
import { overview } from "./overview.server.ts";
import { rate } from "./status.ts";
import { packTrend } from "./trend.ts";
import { pageOfUnits, type UnitSort } from "./unit-page.ts";

// The year overview page (/manage/overview): the assignments due in a Beijing-time year among
// those the viewer may see (the filter's choices), narrowed to one assignment and/or the
// assignments holding one course, and their kept overview (overview.server.ts, decision 0010).

/** The live assignments due in [from, to), in due order. */
const DUE_IN = compiled(2, (q, from: Date, to: Date) =>
  q
    .selectFrom("Assignment")
    .select(["id", "title"])
    .where("dueAt", ">=", from)
    .where("dueAt", "<", to)
    .where("withdrawnAt", "is", null)
    .orderBy("dueAt")
    .orderBy("id"),
);

/** Their courses, in the catalogue's order. */
const COURSES_DUE_IN = compiled(2, (q, from: Date, to: Date) =>
  q
    .selectFrom("Assignment as a")
    .innerJoin("AssignmentCourse as ac", "ac.assignmentId", "a.id")
    .innerJoin("Course as c", "c.id", "ac.courseId")
    .select(["a.id as assignmentId", "c.id", "c.title"])
    .where("a.dueAt", ">=", from)
    .where("a.dueAt", "<", to)
    .where("a.withdrawnAt", "is", null)
    .orderBy("c.sortOrder")
    .orderBy("c.id"),
);

export type OverviewFilter = {
  year?: number;
  course?: number;
  assignment?: number;
  sort: UnitSort;
  upage: number;
};

/** Everything the overview page shows, for the viewer and the unit he may look at. */
export async function yearOverview(
  user: Pick<SessionUser, "role" | "orgUnitPath">,
  unit: { id: number; name: string; path: string; parentId: number | null },
  filter: OverviewFilter,
  now = new Date(),
) {
  const year = filter.year ?? shanghaiYear(now);
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const visible = new Set(await visibleAssignmentIds(user));
  const inYear = (await DUE_IN.rows(db(), from, to)).filter((a) => visible.has(a.id));
  const yearIds = new Set(inYear.map((a) => a.id));
  const courseRows = (await COURSES_DUE_IN.rows(db(), from, to)).filter((r) =>
    yearIds.has(r.assignmentId),
  );
  const courses = [...new Map(courseRows.map((r) => [r.id, { id: r.id, title: r.title }]))];
  const { course = 0, assignment = 0 } = filter;
  const withCourse = course
    ? new Set(courseRows.filter((r) => r.id === course).map((r) => r.assignmentId))
    : null;
  const ids = inYear
    .map((a) => a.id)
    .filter((id) => (!assignment || id === assignment) && (!withCourse || withCourse.has(id)));
  const { total, rows, weeks, behind } = await overview(ids, unit, now);
  return {
    year,
    unit: { id: unit.id, name: unit.name },
    choices: { assignments: inYear, courses: courses.map(([, c]) => c) },
    filter: { course, assignment, sort: filter.sort },
    assignments: ids.length,
    total: { ...total, rate: rate(total) },
    // The city has well over a hundred units: the table and its chart show one page of them.
    units: pageOfUnits(rows, filter.sort, filter.upage),
    // Two columns; the page makes the points (trend.ts).
    trend: packTrend(weeks),
    behind,
  };
}
