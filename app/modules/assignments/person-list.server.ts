import { sql, type Kysely } from "kysely";
import { compiled, perLength } from "#app/data/compiled.server.ts";
import { db, streamRead, type DB } from "#app/data/db.server.ts";
import { subtreeUpperBound } from "#app/utils/org-path.ts";

// The people behind a rollup's figures: one row per (assignment, person) pair of the live
// assignments (decision 0007) with the person's status, for the assignment page's list (paged,
// compiled once per scope and number of assignments), the exports (streamed on a connection of
// their own) and the reminders.

type Q = Kysely<DB>;

/** A pair's status, in this order: completed, overdue, in progress, not started. */
const statusOf = (now: Date) =>
  sql<string>`CASE WHEN ${sql.ref("p.done")} = ${sql.ref("p.courses")} THEN 'completed' WHEN ${sql.ref("a.dueAt")} < ${now} THEN 'overdue' WHEN ${sql.ref("p.started")} > 0 THEN 'in_progress' ELSE 'not_started' END`;

export type PersonRow = {
  userId: number;
  username: string;
  name: string;
  unitName: string;
  courses: number;
  done: number;
  started: number;
  completedAt: Date | null;
  dueAt: Date;
  status: string;
};

/** People of unit @unitId itself, or of every unit within [@lo, @hi). */
type Where = { unitId: number } | { lo: string; hi: string };

/**
 * The (assignment, person) pairs of the live assignments with their status, as person list
 * rows, filtered by @status as the page asks: "" all, "overdue" those past the due time and not
 * done, else that status. One text for every status (it is a value), one per scope.
 */
function people(q: Q, where: Where, now: Date, status: string, ids: number[]) {
  const pairs = q
    .selectFrom("AssignmentPerson as p")
    .innerJoin("Assignment as a", "a.id", "p.assignmentId")
    .innerJoin("OrgUnit as o", "o.id", "p.orgUnitId")
    .select([
      "p.assignmentId",
      "p.userId",
      "p.orgUnitId",
      "o.path",
      "p.courses",
      "p.done",
      "p.started",
      "p.completedAt",
      "a.dueAt",
      statusOf(now).as("status"),
    ])
    .where("a.id", "in", ids)
    .where("a.withdrawnAt", "is", null)
    .where((eb) =>
      "unitId" in where
        ? eb("p.orgUnitId", "=", where.unitId)
        : eb.and([eb("o.path", ">=", where.lo), eb("o.path", "<", where.hi)]),
    );
  // The filter's text compares the parameter itself: typed, so PostgreSQL knows it is text.
  const asked = sql<string>`CAST(${status} AS TEXT)`;
  return q
    .selectFrom(pairs.as("r"))
    .innerJoin("User as u", "u.id", "r.userId")
    .innerJoin("OrgUnit as o", "o.id", "r.orgUnitId")
    .select([
      "r.userId",
      "u.username",
      "u.name",
      "o.name as unitName",
      "r.courses",
      "r.done",
      "r.started",
      "r.completedAt",
      "r.dueAt",
      "r.status",
    ])
    .where((eb) =>
      eb.or([
        eb(asked, "=", sql.lit("")),
        eb("r.status", "=", asked),
        eb.and([
          eb(asked, "=", sql.lit("overdue")),
          eb("r.done", "<", eb.ref("r.courses")),
          eb("r.dueAt", "<", now),
        ]),
      ]),
    );
}

const PEOPLE = {
  own: {
    count: perLength((n) =>
      compiled(n + 3, (q, unitId: number, now: Date, status: string, ...ids: number[]) =>
        q
          .selectFrom(people(q, { unitId }, now, status, ids).as("x"))
          .select((eb) => eb.fn.countAll<number>().as("n")),
      ),
    ),
    page: perLength((n) =>
      compiled(
        n + 5,
        (
          q,
          unitId: number,
          now: Date,
          status: string,
          limit: number,
          offset: number,
          ...ids: number[]
        ) =>
          ordered(people(q, { unitId }, now, status, ids))
            .limit(limit)
            .offset(offset),
      ),
    ),
  },
  subtree: {
    count: perLength((n) =>
      compiled(n + 4, (q, lo: string, hi: string, now: Date, status: string, ...ids: number[]) =>
        q
          .selectFrom(people(q, { lo, hi }, now, status, ids).as("x"))
          .select((eb) => eb.fn.countAll<number>().as("n")),
      ),
    ),
    page: perLength((n) =>
      compiled(
        n + 6,
        (
          q,
          lo: string,
          hi: string,
          now: Date,
          status: string,
          limit: number,
          offset: number,
          ...ids: number[]
        ) =>
          ordered(people(q, { lo, hi }, now, status, ids))
            .limit(limit)
            .offset(offset),
      ),
    ),
  },
};

/** By unit path and username; several assignments list a person once each: assignment last. */
const ordered = (list: ReturnType<typeof people>) =>
  list.orderBy("o.path").orderBy("u.username").orderBy("r.assignmentId");

/** People of the unit itself (not its sub-units) under the assignments, with their status; filterable and paged. */
export async function personList(
  ids: number[],
  unit: { id: number; path: string },
  opts: { status: string; page: number; pageSize: number; now?: Date; subtree?: boolean },
): Promise<{ total: number; rows: PersonRow[] }> {
  if (ids.length === 0) return { total: 0, rows: [] };
  const now = opts.now ?? new Date();
  const limit = opts.pageSize;
  const offset = (opts.page - 1) * opts.pageSize;
  const q = db();
  if (opts.subtree) {
    const [lo, hi] = [unit.path, subtreeUpperBound(unit.path)];
    const [count] = await PEOPLE.subtree
      .count(ids.length)
      .rows(q, lo, hi, now, opts.status, ...ids);
    const rows = await PEOPLE.subtree
      .page(ids.length)
      .rows(q, lo, hi, now, opts.status, limit, offset, ...ids);
    return { total: count?.n ?? 0, rows };
  }
  const [count] = await PEOPLE.own.count(ids.length).rows(q, unit.id, now, opts.status, ...ids);
  const rows = await PEOPLE.own
    .page(ids.length)
    .rows(q, unit.id, now, opts.status, limit, offset, ...ids);
  return { total: count?.n ?? 0, rows };
}

/**
 * Every person row under the assignments in the unit's subtree, for exports: streamed on a
 * connection of its own (streamRead), so a slow client never holds the shared one.
 */
export async function* personRowsStream(
  ids: number[],
  unit: { id: number; path: string },
  now = new Date(),
): AsyncGenerator<PersonRow> {
  if (ids.length === 0) return;
  yield* streamRead((q) =>
    q
      .selectFrom("AssignmentPerson as p")
      .innerJoin("Assignment as a", "a.id", "p.assignmentId")
      .innerJoin("OrgUnit as o", "o.id", "p.orgUnitId")
      .innerJoin("User as u", "u.id", "p.userId")
      .select([
        "p.userId",
        "u.username",
        "u.name",
        "o.name as unitName",
        "p.courses",
        "p.done",
        "p.started",
        "p.completedAt",
        "a.dueAt",
        statusOf(now).as("status"),
      ])
      .where("a.id", "in", ids)
      .where("a.withdrawnAt", "is", null)
      .where("o.path", ">=", unit.path)
      .where("o.path", "<", subtreeUpperBound(unit.path))
      .orderBy("o.path")
      .orderBy("u.username")
      .orderBy("p.assignmentId"),
  );
}

/** The ids of the people in the subtree of @path who have not completed the live assignment, for reminders. */
export async function peopleBehind(id: number, path: string): Promise<number[]> {
  const rows = await db()
    .selectFrom("AssignmentPerson as p")
    .innerJoin("Assignment as a", "a.id", "p.assignmentId")
    .innerJoin("OrgUnit as o", "o.id", "p.orgUnitId")
    .select("p.userId")
    .where("a.id", "=", id)
    .where("a.withdrawnAt", "is", null)
    .where("o.path", ">=", path)
    .where("o.path", "<", subtreeUpperBound(path))
    .whereRef("p.done", "<", "p.courses")
    .execute();
  return rows.map((r) => r.userId);
}
