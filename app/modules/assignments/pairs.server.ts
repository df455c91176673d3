import type Database from "better-sqlite3";
import type { Db } from "#app/utils/db.server.ts";

// AssignmentPerson holds one row per (live assignment, covered person); triggers in the
// assignment_pairs migration keep it and its counters (AssignmentUnitStat per unit,
// AssignmentTreeStat and AssignmentTreeWeek per subtree)
// true whenever a user, a unit's path or a course status changes (decision 0007). The one write
// left to the app is filling the pairs of a new assignment, in the transaction that creates it.

/** Who the live assignments among the JSON array `?` cover, from their targets. */
const COVERED = `
ids(id) AS (SELECT value FROM json_each(?)),
live AS (SELECT a.id FROM ids JOIN Assignment a ON a.id = ids.id WHERE a.withdrawnAt IS NULL),
covered AS (
  SELECT live.id AS assignmentId, u.id AS userId, u.orgUnitId, o.path AS unitPath
    FROM live JOIN AssignmentTarget t ON t.assignmentId = live.id AND t.kind = 'SUBTREE'
    JOIN OrgUnit tu ON tu.id = t.orgUnitId
    JOIN OrgUnit o ON o.path >= tu.path AND o.path < substr(tu.path, 1, length(tu.path) - 1) || '0'
    JOIN User u ON u.orgUnitId = o.id
   WHERE u.role = 'STAFF' AND u.disabled = 0
  UNION
  SELECT live.id, u.id, u.orgUnitId, o.path
    FROM live JOIN AssignmentTarget t ON t.assignmentId = live.id AND t.kind = 'UNIT'
    JOIN User u ON u.orgUnitId = t.orgUnitId JOIN OrgUnit o ON o.id = u.orgUnitId
   WHERE u.role = 'STAFF' AND u.disabled = 0
  UNION
  SELECT live.id, u.id, u.orgUnitId, o.path
    FROM live JOIN AssignmentTarget t ON t.assignmentId = live.id AND t.kind = 'USER'
    JOIN User u ON u.id = t.userId JOIN OrgUnit o ON o.id = u.orgUnitId
   WHERE u.role = 'STAFF' AND u.disabled = 0
),
expected AS (
  SELECT c.assignmentId, c.userId, c.orgUnitId, c.unitPath, COUNT(ac.courseId) AS courses, COUNT(cs.completedAt) AS done,
         COUNT(cs.startedAt) AS started, MAX(cs.completedAt) AS completedAt
    FROM covered c JOIN AssignmentCourse ac ON ac.assignmentId = c.assignmentId
    LEFT JOIN CourseStatus cs ON cs.userId = c.userId AND cs.courseId = ac.courseId
   GROUP BY c.assignmentId, c.userId
)`;

const PAIR_COLUMNS =
  "assignmentId, userId, orgUnitId, unitPath, courses, done, started, completedAt";

/** Fills the pairs of the assignments in the JSON array (its counters follow by trigger). */
export const POPULATE_PAIRS_SQL = `WITH ${COVERED} INSERT OR IGNORE INTO AssignmentPerson (${PAIR_COLUMNS}) SELECT ${PAIR_COLUMNS} FROM expected`;

export async function populateAssignmentPairs(db: Db, assignmentIds: number[]): Promise<void> {
  await db.$executeRawUnsafe(POPULATE_PAIRS_SQL, JSON.stringify(assignmentIds));
}

/** A withdrawn assignment leaves every count: its pairs go (and their counters with them). */
export async function dropAssignmentPairs(db: Db, assignmentId: number): Promise<void> {
  await db.$executeRaw`DELETE FROM AssignmentPerson WHERE assignmentId = ${assignmentId}`;
}

const liveIdsJson = (db: Database.Database) =>
  (
    db
      .prepare("SELECT json_group_array(id) AS ids FROM Assignment WHERE withdrawnAt IS NULL")
      .get() as { ids: string }
  ).ids;

/** Rebuilds the pairs and counters from the records (seeds and `npm run db:pairs -- --rebuild`). */
export function rebuildPairs(db: Database.Database): void {
  db.transaction(() => {
    db.exec(
      "DELETE FROM AssignmentPerson; DELETE FROM AssignmentUnitStat; DELETE FROM AssignmentTreeStat; DELETE FROM AssignmentTreeWeek;",
    );
    db.prepare(POPULATE_PAIRS_SQL).run(liveIdsJson(db));
  })();
}

export type PairCheck = {
  missingPairs: number;
  extraPairs: number;
  wrongCounters: number;
  wrongTreeCounters: number;
  wrongWeeks: number;
};

/** Each pair with the ids of its unit and every ancestor (from its unitPath). */
const PAIR_ANCESTORS = `SELECT p.*, CAST(j.value AS INTEGER) AS ancestorId FROM AssignmentPerson p, json_each('[' || replace(trim(p.unitPath, '/'), '/', ',') || ']') j`;

/** Compares the kept tables with a recomputation from the records; all zeros when they agree. */
export function checkPairs(db: Database.Database): PairCheck {
  const ids = liveIdsJson(db);
  const count = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;
  const kept = `SELECT ${PAIR_COLUMNS} FROM AssignmentPerson WHERE assignmentId IN (SELECT value FROM json_each(?))`;
  return {
    missingPairs: count(
      `WITH ${COVERED} SELECT COUNT(*) AS n FROM (SELECT ${PAIR_COLUMNS} FROM expected EXCEPT ${kept})`,
      ids,
      ids,
    ),
    extraPairs: count(
      `WITH ${COVERED} SELECT COUNT(*) AS n FROM (${kept} EXCEPT SELECT ${PAIR_COLUMNS} FROM expected)`,
      ids,
      ids,
    ),
    wrongCounters: count(`SELECT COUNT(*) AS n FROM (
        SELECT assignmentId, orgUnitId, assigned, completed, inProgress FROM AssignmentUnitStat WHERE assigned <> 0 OR completed <> 0 OR inProgress <> 0
        EXCEPT SELECT assignmentId, orgUnitId, COUNT(*), SUM(done = courses), SUM(done < courses AND started > 0) FROM AssignmentPerson GROUP BY assignmentId, orgUnitId)`),
    wrongTreeCounters: count(`SELECT COUNT(*) AS n FROM (
        SELECT assignmentId, orgUnitId, assigned, completed, inProgress FROM AssignmentTreeStat WHERE assigned <> 0 OR completed <> 0 OR inProgress <> 0
        EXCEPT SELECT assignmentId, ancestorId, COUNT(*), SUM(done = courses), SUM(done < courses AND started > 0) FROM (${PAIR_ANCESTORS}) GROUP BY 1, 2)`),
    wrongWeeks: count(`SELECT COUNT(*) AS n FROM (
        SELECT assignmentId, orgUnitId, week, completed FROM AssignmentTreeWeek WHERE completed <> 0
        EXCEPT SELECT assignmentId, ancestorId, strftime('%Y-%W', completedAt / 1000, 'unixepoch', '+8 hours'), COUNT(*) FROM (${PAIR_ANCESTORS})
         WHERE done = courses AND completedAt IS NOT NULL GROUP BY 1, 2, 3)`),
  };
}
