import { sql, type Kysely } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { db, streamRead, type DB } from "#app/data/db.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";

// 年度学法统计 per person: 学时 of the Beijing year (CreditLedger, decision 0018) against the
// requirement, courses completed that year (Completion), the annual exam sat / passed and the
// best score. A page of people is chosen first (unit by unit, optionally only those below the
// requirement), then its figures are read for those ids alone.

type Q = Kysely<DB>;

export type AnnualPerson = {
  userId: number;
  username: string;
  name: string;
  unitName: string;
  hours: number;
  courses: number;
  examSat: boolean;
  examPassed: boolean;
  bestScore: number | null;
  met: boolean;
};

export const PEOPLE_PAGE_SIZE = 20;
const EPS = 1e-6;

/**
 * The active staff of the subtree, unit by unit; with @threshold (the requirement less EPS) only
 * those whose 学时 miss it.
 */
function peopleQuery(q: Q, lo: string, hi: string, below?: { year: number; threshold: number }) {
  let query = q
    .selectFrom("User as u")
    .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select(["u.id", "u.username", "u.name", "o.name as unitName"])
    .where("u.role", "=", "STAFF")
    .where("u.disabled", "=", false)
    .where("u.orgUnitId", "in", (eb) =>
      eb.selectFrom("OrgUnit").select("id").where("path", ">=", lo).where("path", "<", hi),
    );
  if (below)
    query = query.where("u.id", "not in", (eb) =>
      eb
        .selectFrom("CreditLedger")
        .select("userId")
        .where("year", "=", below.year)
        .groupBy("userId")
        .having(sql<number>`SUM(${sql.ref("creditHours")})`, ">=", below.threshold),
    );
  // Unit by unit, in the order of the index (role, disabled, orgUnitId): a page needs no sort.
  return query.orderBy("u.orgUnitId").orderBy("u.id");
}

// A page of people is read on every request of the page: compiled once (decision 0011), the
// figures once per number of ids (a page has PEOPLE_PAGE_SIZE, the last one fewer).
const PAGE_ALL = compiled((q, lo: string, hi: string, limit: number, offset: number) =>
  peopleQuery(q, lo, hi).limit(limit).offset(offset),
);
const PAGE_BELOW = compiled(
  (q, lo: string, hi: string, year: number, threshold: number, limit: number, offset: number) =>
    peopleQuery(q, lo, hi, { year, threshold }).limit(limit).offset(offset),
);

const HOURS = compiled((q, year: number, ...ids: number[]) =>
  q
    .selectFrom("CreditLedger")
    .select(["userId", sql<number>`SUM(${sql.ref("creditHours")})`.as("hours")])
    .where("year", "=", year)
    .where("userId", "in", ids)
    .groupBy("userId"),
);
const COURSES = compiled((q, year: number, ...ids: number[]) =>
  q
    .selectFrom("Completion")
    .select(["userId", sql<number>`COUNT(*)`.as("n")])
    .where("year", "=", year)
    .where("userId", "in", ids)
    .groupBy("userId"),
);
const EXAMS = compiled((q, year: number, ...ids: number[]) =>
  q
    .selectFrom("ExamAttempt")
    .select([
      "userId",
      sql<number>`MAX(CASE WHEN ${sql.ref("passed")} THEN 1 ELSE 0 END)`.as("passed"),
      sql<number | null>`MAX(${sql.ref("score")})`.as("best"),
    ])
    .where("year", "=", year)
    .where("userId", "in", ids)
    .where("submittedAt", "is not", null)
    .groupBy("userId"),
);

/** The figures of the given people (in their order). */
async function withFigures(
  q: Q,
  people: { id: number; username: string; name: string; unitName: string }[],
  year: number,
  required: number,
): Promise<AnnualPerson[]> {
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  const [hours, courses, exams] = await Promise.all([
    HOURS.rows(q, year, ...ids),
    COURSES.rows(q, year, ...ids),
    EXAMS.rows(q, year, ...ids),
  ]);
  const h = new Map(hours.map((r) => [r.userId, r.hours]));
  const c = new Map(courses.map((r) => [r.userId, r.n]));
  const e = new Map(exams.map((r) => [r.userId, r]));
  return people.map((p) => {
    const sum = Math.round((h.get(p.id) ?? 0) * 10) / 10;
    const exam = e.get(p.id);
    return {
      userId: p.id,
      username: p.username,
      name: p.name,
      unitName: p.unitName,
      hours: sum,
      courses: c.get(p.id) ?? 0,
      examSat: Boolean(exam),
      examPassed: exam?.passed === 1,
      bestScore: exam?.best ?? null,
      met: (h.get(p.id) ?? 0) >= required - EPS,
    };
  });
}

/** One page of the subtree's people with their figures. */
export async function annualPeoplePage(
  unit: { path: string },
  year: number,
  required: number,
  below: boolean,
  page: number,
): Promise<AnnualPerson[]> {
  const q = db();
  const hi = subtreeUpperBound(unit.path);
  const offset = (page - 1) * PEOPLE_PAGE_SIZE;
  const people = below
    ? await PAGE_BELOW.rows(q, unit.path, hi, year, required - EPS, PEOPLE_PAGE_SIZE, offset)
    : await PAGE_ALL.rows(q, unit.path, hi, PEOPLE_PAGE_SIZE, offset);
  return withFigures(q, people, year, required);
}

/** Every person of the subtree (for the export), streamed in batches on a connection of its own. */
export async function* annualPeopleStream(
  unit: { path: string },
  year: number,
  required: number,
  below: boolean,
): AsyncGenerator<AnnualPerson> {
  const batch: { id: number; username: string; name: string; unitName: string }[] = [];
  const hi = subtreeUpperBound(unit.path);
  for await (const p of streamRead((q) =>
    peopleQuery(q, unit.path, hi, below ? { year, threshold: required - EPS } : undefined),
  )) {
    batch.push(p);
    if (batch.length === 500) {
      yield* await withFigures(db(), batch.splice(0), year, required);
    }
  }
  if (batch.length) yield* await withFigures(db(), batch, year, required);
}

const PERSON_HOURS = compiled((q, userId: number, year: number) =>
  q
    .selectFrom("CreditLedger")
    .select(sql<number>`COALESCE(SUM(${sql.ref("creditHours")}), 0)`.as("hours"))
    .where("userId", "=", userId)
    .where("year", "=", year),
);

/** One person's 学时 in the year (the person record). */
export async function personYearHours(userId: number, year: number): Promise<number> {
  const [row] = await PERSON_HOURS.rows(db(), userId, year);
  return Math.round((row?.hours ?? 0) * 10) / 10;
}
