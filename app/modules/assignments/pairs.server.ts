import { sql, type Expression, type Kysely, type SqlBool } from "kysely";
import { db, write, type DB } from "#app/data/db.server.ts";
import { beijingWeek } from "#app/data/portable.server.ts";

// AssignmentPerson holds one row per (live assignment, covered person); triggers keep it and
// its counters (AssignmentUnitStat per unit, AssignmentTreeStat and AssignmentTreeWeek per
// subtree) true whenever a user, a unit's path or a course status changes (decision 0007). The
// one write left to the app is filling the pairs of a new assignment, in the transaction that
// creates it, and dropping them when it is withdrawn.
//
// WHO an assignment covers is defined once: the view AssignmentCoverage (migration
// assignment_coverage, both dialects). The triggers, populateAssignmentPairs and checkPairs all
// read it; nothing here restates the rule.

const PAIR_COLUMNS = [
  "assignmentId",
  "userId",
  "orgUnitId",
  "unitPath",
  "courses",
  "done",
  "started",
  "completedAt",
] as const;

/**
 * What AssignmentPerson must hold, from the records: each covered pair (of the given
 * assignments, or all) with its number of courses, how many are done and started, and the last
 * completion. The triggers count a person's pairs the same way.
 */
function expectedPairs(q: Kysely<DB>, assignmentIds?: readonly number[]) {
  const query = q
    .selectFrom("AssignmentCoverage as c")
    .innerJoin("AssignmentCourse as ac", "ac.assignmentId", "c.assignmentId")
    .leftJoin("CourseStatus as cs", (join) =>
      join.onRef("cs.userId", "=", "c.userId").onRef("cs.courseId", "=", "ac.courseId"),
    )
    .select((eb) => [
      "c.assignmentId",
      "c.userId",
      "c.orgUnitId",
      "c.unitPath",
      eb.fn.count<number>("ac.courseId").as("courses"),
      eb.fn.count<number>("cs.completedAt").as("done"),
      eb.fn.count<number>("cs.startedAt").as("started"),
      eb.fn.max("cs.completedAt").as("completedAt"),
    ])
    .groupBy(["c.assignmentId", "c.userId", "c.orgUnitId", "c.unitPath"]);
  // A WHERE in any case: SQLite reads `… ON CONFLICT` after a bare join as the join's ON.
  return assignmentIds
    ? query.where("c.assignmentId", "in", assignmentIds)
    : query.where("c.assignmentId", "is not", null);
}

/** Fills the pairs of new assignments (their counters follow by trigger); inside `write`. */
export async function populateAssignmentPairs(
  tx: Kysely<DB>,
  assignmentIds: readonly number[],
): Promise<void> {
  if (assignmentIds.length === 0) return;
  await tx
    .insertInto("AssignmentPerson")
    .columns(PAIR_COLUMNS)
    .expression(expectedPairs(tx, assignmentIds))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** A withdrawn assignment leaves every count: its pairs go (and their counters with them). */
export async function dropAssignmentPairs(tx: Kysely<DB>, assignmentId: number): Promise<void> {
  await tx.deleteFrom("AssignmentPerson").where("assignmentId", "=", assignmentId).execute();
}

/** Rebuilds the pairs and counters from the records in one write (`npm run db:pairs -- --rebuild`). */
export async function rebuildPairs(): Promise<void> {
  await write(async (tx) => {
    await tx.deleteFrom("AssignmentPerson").execute();
    await tx.deleteFrom("AssignmentUnitStat").execute();
    await tx.deleteFrom("AssignmentTreeStat").execute();
    await tx.deleteFrom("AssignmentTreeWeek").execute();
    await tx
      .insertInto("AssignmentPerson")
      .columns(PAIR_COLUMNS)
      .expression(expectedPairs(tx))
      .execute();
  });
}

export type PairCheck = {
  missingPairs: number;
  extraPairs: number;
  wrongCounters: number;
  wrongTreeCounters: number;
  wrongWeeks: number;
};

/**
 * Rows of `left` with no equal row in `right`, over `columns` (NULL equals NULL): EXCEPT, which
 * both dialects run as one sort of each side.
 */
async function unmatched(
  q: Kysely<DB>,
  left: Expression<unknown>,
  right: Expression<unknown>,
  columns: readonly string[],
): Promise<number> {
  const of = (alias: string) => sql.join(columns.map((c) => sql.ref(`${alias}.${c}`)));
  const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM (
    SELECT ${of("l")} FROM ${left} l EXCEPT SELECT ${of("r")} FROM ${right} r) d`.execute(q);
  return rows[0]?.n ?? 0;
}

/**
 * Both ways: the keys (the first `keys` columns) of rows on either side without an equal row on
 * the other, each key once (a changed counter row is one difference, not one per side).
 */
async function differences(
  q: Kysely<DB>,
  a: Expression<unknown>,
  b: Expression<unknown>,
  columns: readonly string[],
  keys: number,
): Promise<number> {
  const of = (alias: string, cols: readonly string[]) =>
    sql.join(cols.map((c) => sql.ref(`${alias}.${c}`)));
  const key = columns.slice(0, keys);
  const oneWay = (l: Expression<unknown>, r: Expression<unknown>) =>
    sql`SELECT ${of("d", key)} FROM (
      SELECT ${of("l", columns)} FROM ${l} l EXCEPT SELECT ${of("r", columns)} FROM ${r} r) d`;
  const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM (
    ${oneWay(a, b)} UNION ${oneWay(b, a)}) k`.execute(q);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Compares the kept tables with a recomputation from the records; all zeros when they agree.
 * Pairs against the coverage view; each counter table against a recount of the kept pairs.
 * Runs on both dialects (`npm run db:pairs`).
 */
export async function checkPairs(q: Kysely<DB> = db()): Promise<PairCheck> {
  const kept = q.selectFrom("AssignmentPerson").select(PAIR_COLUMNS);
  const expected = expectedPairs(q);

  const completed = (p: "p." | "" = "") =>
    sql<number>`CASE WHEN ${sql.ref(`${p}done`)} = ${sql.ref(`${p}courses`)} THEN 1 ELSE 0 END`;
  const inProgress = () =>
    sql<number>`CASE WHEN "done" < "courses" AND "started" > 0 THEN 1 ELSE 0 END`;
  // The recount per (assignment, unit people sit in).
  const perUnit = q
    .selectFrom("AssignmentPerson")
    .select((eb) => [
      "assignmentId",
      "orgUnitId",
      eb.fn.countAll<number>().as("assigned"),
      eb.fn.sum<number>(completed()).as("completed"),
      eb.fn.sum<number>(inProgress()).as("inProgress"),
    ])
    .groupBy(["assignmentId", "orgUnitId"]);
  // Every (ancestor-or-self, unit) of the tree, about depth x units rows: built once, unit by
  // unit down the path index (CROSS JOIN keeps SQLite's loop order), then joined to the recounts
  // by unit. Joined the other way round it reads half the path index per recount row.
  const q2 = q.with(
    (cte) => cte("Ancestry").materialized(),
    (w) =>
      w
        .selectFrom("OrgUnit as a")
        .crossJoin("OrgUnit as o")
        .where(
          sql<SqlBool>`o."path" >= a."path" AND o."path" < substr(a."path", 1, length(a."path") - 1) || '0'`,
        )
        .select(["a.id as ancestorId", "o.id as unitId"]),
  );
  const perTree = q2
    .selectFrom(perUnit.as("s"))
    .innerJoin("Ancestry as x", "x.unitId", "s.orgUnitId")
    .select((eb) => [
      "s.assignmentId",
      "x.ancestorId as orgUnitId",
      eb.fn.sum<number>("s.assigned").as("assigned"),
      eb.fn.sum<number>("s.completed").as("completed"),
      eb.fn.sum<number>("s.inProgress").as("inProgress"),
    ])
    .groupBy(["s.assignmentId", "x.ancestorId"]);
  const perUnitWeek = q
    .selectFrom("AssignmentPerson as p")
    .where(sql<SqlBool>`${completed("p.")} = 1`)
    .where("p.completedAt", "is not", null)
    .select((eb) => [
      "p.assignmentId",
      "p.orgUnitId",
      beijingWeek("p.completedAt").as("week"),
      eb.fn.countAll<number>().as("completed"),
    ])
    .groupBy(["p.assignmentId", "p.orgUnitId", beijingWeek("p.completedAt")]);
  const perTreeWeek = q2
    .selectFrom(perUnitWeek.as("s"))
    .innerJoin("Ancestry as x", "x.unitId", "s.orgUnitId")
    .select((eb) => [
      "s.assignmentId",
      "x.ancestorId as orgUnitId",
      "s.week",
      eb.fn.sum<number>("s.completed").as("completed"),
    ])
    .groupBy(["s.assignmentId", "x.ancestorId", "s.week"]);

  const counters = ["assignmentId", "orgUnitId", "assigned", "completed", "inProgress"] as const;
  const nonZero = (table: "AssignmentUnitStat" | "AssignmentTreeStat") =>
    q
      .selectFrom(table === "AssignmentUnitStat" ? "AssignmentUnitStat" : "AssignmentTreeStat")
      .select(counters)
      .where((eb) =>
        eb.or([eb("assigned", "<>", 0), eb("completed", "<>", 0), eb("inProgress", "<>", 0)]),
      );
  const weeks = q
    .selectFrom("AssignmentTreeWeek")
    .select(["assignmentId", "orgUnitId", "week", "completed"])
    .where("completed", "<>", 0);

  return {
    missingPairs: await unmatched(q, expected, kept, PAIR_COLUMNS),
    extraPairs: await unmatched(q, kept, expected, PAIR_COLUMNS),
    wrongCounters: await differences(q, nonZero("AssignmentUnitStat"), perUnit, counters, 2),
    wrongTreeCounters: await differences(q, nonZero("AssignmentTreeStat"), perTree, counters, 2),
    wrongWeeks: await differences(
      q,
      weeks,
      perTreeWeek,
      ["assignmentId", "orgUnitId", "week", "completed"],
      3,
    ),
  };
}
