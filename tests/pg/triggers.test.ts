// Issue 13: the PostgreSQL triggers behave like the SQLite ones. One scenario of plain SQL runs
// on a fresh copy of the migrated SQLite template and on a freshly migrated PostgreSQL
// database; after every step the pairs, their counters and the versions must be equal, and the
// append-only tables refuse UPDATE and DELETE on both.
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { counterDifferences } from "../../scripts/pg/counters.ts";
import { migratePg } from "../../scripts/pg/migrate.ts";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";
import { bool, pgDialect, sqliteDialect, time, type Dialect } from "./dialects.ts";

const KEPT = {
  AssignmentPerson: '"assignmentId", "userId"',
  AssignmentUnitStat: '"assignmentId", "orgUnitId"',
  AssignmentTreeStat: '"assignmentId", "orgUnitId"',
  AssignmentTreeWeek: '"assignmentId", "orgUnitId", "week"',
  RollupVersion: '"id"',
  AssignmentVersion: '"assignmentId"',
};

async function snapshot(d: Dialect) {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(KEPT))
    out[table] = await d.all(`SELECT * FROM "${table}" ORDER BY ${order}`);
  return out;
}

const T0 = time("2026-01-02T08:00:00Z");

async function seed(d: Dialect) {
  const units: [number, string, number | null][] = [
    [1, "/1/", null],
    [2, "/1/2/", 1],
    [3, "/1/3/", 1],
    [4, "/1/2/4/", 2],
  ];
  for (const [id, p, parent] of units)
    await d.run(
      `INSERT INTO "OrgUnit" ("id", "code", "name", "kind", "tier", "depth", "path", "parentId", "createdAt", "updatedAt")
       VALUES (?, ?, ?, 'UNIT', 1, ?, ?, ?, ?, ?)`,
      id,
      `U${id}`,
      `单位${id}`,
      p.split("/").length - 2,
      p,
      parent,
      T0,
      T0,
    );
  for (const id of [1, 2])
    await d.run(
      `INSERT INTO "Course" ("id", "slug", "title", "category", "audience", "summary", "creditHours", "passMark",
         "questionsPerAttempt", "timeLimitMinutes", "attemptLimit", "version", "active", "updatedAt")
       VALUES (?, ?, '课程', 'LAW', 'STAFF', '', 2, 60, 10, 30, 3, 'v1', ?, ?)`,
      id,
      `c${id}`,
      bool(true),
      T0,
    );
  // Assignment 1: the subtree of unit 2, both courses; 3: unit 3, course 2; 2: user 11 by
  // name, course 1, made after the people (its pair appears when user 11 next changes).
  const assignments: [number, string, number | null, number | null, number[]][] = [
    [1, "SUBTREE", 2, null, [1, 2]],
    [3, "UNIT", 3, null, [2]],
    [2, "USER", null, 11, [1]],
  ];
  const assign = async ([id, kind, unit, user, courses]: (typeof assignments)[number]) => {
    await d.run(
      `INSERT INTO "Assignment" ("id", "title", "dueAt", "createdById", "scopePath", "createdAt") VALUES (?, '任务', ?, 1, '/1/', ?)`,
      id,
      time("2026-03-01T00:00:00Z"),
      T0,
    );
    await d.run(
      `INSERT INTO "AssignmentTarget" ("id", "assignmentId", "kind", "orgUnitId", "userId") VALUES (?, ?, ?, ?, ?)`,
      id,
      id,
      kind,
      unit,
      user,
    );
    for (const c of courses)
      await d.run(
        `INSERT INTO "AssignmentCourse" ("assignmentId", "courseId") VALUES (?, ?)`,
        id,
        c,
      );
  };
  await assign(assignments[0]!);
  await assign(assignments[1]!);
  const users: [number, string, number, boolean][] = [
    [10, "STAFF", 4, false],
    [11, "STAFF", 3, false],
    [12, "MANAGER", 2, false],
    [13, "STAFF", 4, true],
    [14, "STAFF", 2, false],
  ];
  for (const [id, role, unit, disabled] of users)
    await d.run(
      `INSERT INTO "User" ("id", "username", "name", "role", "passwordHash", "disabled", "orgUnitId", "createdAt", "updatedAt")
       VALUES (?, ?, '某人', ?, 'x', ?, ?, ?, ?)`,
      id,
      `u${id}`,
      role,
      bool(disabled),
      unit,
      T0,
      T0,
    );
  await assign(assignments[2]!);
}

// Each step is a write path the triggers must follow.
const STEPS: [string, (d: Dialect) => Promise<void>][] = [
  ["staff inserted under targeted units get pairs", seed],
  [
    "a course started",
    (d) =>
      d.run(
        `INSERT INTO "CourseStatus" ("userId", "courseId", "startedAt") VALUES (10, 1, ?)`,
        time("2026-01-03T01:00:00Z"),
      ),
  ],
  [
    "a course completed",
    (d) =>
      d.run(
        `UPDATE "CourseStatus" SET "completedAt" = ? WHERE "userId" = 10 AND "courseId" = 1`,
        time("2026-01-03T02:00:00Z"),
      ),
  ],
  // 16:30 UTC on Sunday 4 January is 00:30 on Monday in Beijing: week 01, not 00.
  [
    "the last course completed across a Beijing week boundary",
    (d) =>
      d.run(
        `INSERT INTO "CourseStatus" ("userId", "courseId", "startedAt", "completedAt") VALUES (10, 2, ?, ?)`,
        time("2026-01-04T16:00:00Z"),
        time("2026-01-04T16:30:00Z"),
      ),
  ],
  [
    "another person completes assignment 2",
    (d) =>
      d.run(
        `INSERT INTO "CourseStatus" ("userId", "courseId", "startedAt", "completedAt") VALUES (11, 1, ?, ?)`,
        time("2026-01-04T15:00:00Z"),
        time("2026-01-04T15:30:00Z"),
      ),
  ],
  [
    "a person moves to another unit",
    (d) => d.run(`UPDATE "User" SET "orgUnitId" = 4 WHERE "id" = 11`),
  ],
  [
    "a disabled person is enabled",
    (d) => d.run(`UPDATE "User" SET "disabled" = ? WHERE "id" = 13`, bool(false)),
  ],
  ["a manager becomes staff", (d) => d.run(`UPDATE "User" SET "role" = 'STAFF' WHERE "id" = 12`)],
  [
    "a unit moves under another parent",
    (d) =>
      d.run(`UPDATE "OrgUnit" SET "path" = '/1/3/4/', "parentId" = 3, "depth" = 2 WHERE "id" = 4`),
  ],
  [
    "a person is disabled",
    (d) => d.run(`UPDATE "User" SET "disabled" = ? WHERE "id" = 10`, bool(true)),
  ],
  [
    "an assignment is withdrawn",
    (d) => d.run(`UPDATE "Assignment" SET "withdrawnAt" = ? WHERE "id" = 3`, T0),
  ],
  [
    "a person is deleted",
    async (d) => {
      await d.run(`DELETE FROM "CourseStatus" WHERE "userId" = 14`);
      await d.run(`DELETE FROM "User" WHERE "id" = 14`);
    },
  ],
  // Issue 17: on PostgreSQL the pair, counter and version triggers fire once per statement over
  // transition tables; SQLite's fire per row. Statements writing many rows at once must still
  // leave the same pairs, counters and versions.
  [
    "several staff inserted in one statement (a roster import chunk)",
    (d) =>
      d.run(
        `INSERT INTO "User" ("id", "username", "name", "role", "passwordHash", "disabled", "orgUnitId", "createdAt", "updatedAt")
         VALUES (20, 'u20', '某人', 'STAFF', 'x', ?, 2, ?, ?), (21, 'u21', '某人', 'STAFF', 'x', ?, 4, ?, ?),
                (22, 'u22', '某人', 'STAFF', 'x', ?, 3, ?, ?), (23, 'u23', '某人', 'MANAGER', 'x', ?, 4, ?, ?)`,
        ...[false, false, false, false].flatMap((v) => [bool(v), T0, T0]),
      ),
  ],
  [
    "a new assignment's pairs filled in one statement",
    async (d) => {
      await d.run(
        `INSERT INTO "Assignment" ("id", "title", "dueAt", "createdById", "scopePath", "createdAt") VALUES (4, '任务', ?, 1, '/1/', ?)`,
        time("2026-04-01T00:00:00Z"),
        T0,
      );
      await d.run(
        `INSERT INTO "AssignmentTarget" ("id", "assignmentId", "kind", "orgUnitId") VALUES (4, 4, 'SUBTREE', 1)`,
      );
      for (const c of [1, 2])
        await d.run(`INSERT INTO "AssignmentCourse" ("assignmentId", "courseId") VALUES (4, ?)`, c);
      await d.run(
        `INSERT INTO "AssignmentPerson" ("assignmentId", "userId", "orgUnitId", "unitPath", "courses", "done", "started", "completedAt")
         SELECT c."assignmentId", c."userId", c."orgUnitId", c."unitPath", COUNT(ac."courseId"), COUNT(cs."completedAt"), COUNT(cs."startedAt"), MAX(cs."completedAt")
           FROM "AssignmentCoverage" c JOIN "AssignmentCourse" ac ON ac."assignmentId" = c."assignmentId"
           LEFT JOIN "CourseStatus" cs ON cs."userId" = c."userId" AND cs."courseId" = ac."courseId"
          WHERE c."assignmentId" = 4 GROUP BY c."assignmentId", c."userId", c."orgUnitId", c."unitPath"`,
      );
    },
  ],
  [
    // (Not person 22, already in unit 3: SQLite's `UPDATE OF` steps the people version for a
    // column set to its own value too; PostgreSQL's statement trigger counts changed rows.)
    "staff moved in one statement (a bulk move)",
    (d) => d.run(`UPDATE "User" SET "orgUnitId" = 3 WHERE "id" IN (20, 21)`),
  ],
  [
    "a course completed by several people in one statement",
    (d) =>
      d.run(
        `INSERT INTO "CourseStatus" ("userId", "courseId", "startedAt", "completedAt") VALUES (20, 1, ?, ?), (21, 1, ?, ?), (22, 2, ?, NULL)`,
        ...[0, 1, 2]
          .flatMap(() => [time("2026-01-05T02:00:00Z"), time("2026-01-05T03:00:00Z")])
          .slice(0, 5),
      ),
  ],
  [
    "a subtree (a unit and its child) moves in one statement",
    async (d) => {
      await d.run(
        `UPDATE "OrgUnit" SET "path" = '/1/2/' || substr("path", 4), "depth" = "depth" + 1 WHERE "path" LIKE '/1/3/%'`,
      );
      await d.run(`UPDATE "OrgUnit" SET "parentId" = 2 WHERE "id" = 3`);
    },
  ],
  [
    "an assignment withdrawn: its pairs dropped in one statement",
    async (d) => {
      await d.run(`UPDATE "Assignment" SET "withdrawnAt" = ? WHERE "id" = 4`, T0);
      await d.run(`DELETE FROM "AssignmentPerson" WHERE "assignmentId" = 4`);
    },
  ],
  [
    "several people deleted in one statement",
    async (d) => {
      await d.run(`DELETE FROM "CourseStatus" WHERE "userId" IN (20, 21, 22)`);
      await d.run(`DELETE FROM "User" WHERE "id" IN (20, 21)`);
    },
  ],
];

describe.skipIf(!pgAvailable())("PostgreSQL triggers behave like the SQLite ones", () => {
  let cluster: PgCluster;
  let client: pg.Client;
  let sqlite: Database.Database;
  let dir: string;
  let lite: Dialect;
  let postgres: Dialect;

  beforeAll(async () => {
    cluster = await startPgCluster();
    const url = await cluster.createDatabase("triggers");
    await migratePg(url);
    // TIMESTAMP(3) holds UTC: read it back as epoch ms, the SQLite storage.
    client = new pg.Client({
      connectionString: url,
      types: {
        getTypeParser: ((oid: number, format?: "text") =>
          oid === 1114
            ? (s: string) => Date.parse(s.replace(" ", "T") + "Z")
            : pg.types.getTypeParser(oid, format)) as never,
      },
    });
    await client.connect();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "trg-"));
    fs.copyFileSync("tests/.tmp/template.db", path.join(dir, "t.db"));
    sqlite = new Database(path.join(dir, "t.db"));
    lite = sqliteDialect(sqlite);
    postgres = pgDialect(client);
  });

  afterAll(async () => {
    await client?.end();
    sqlite?.close();
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keep the same assignment pairs, counters and versions after every write", async () => {
    for (const [step, write] of STEPS) {
      await write(lite);
      await write(postgres);
      expect({ step, ...(await snapshot(postgres)) }).toEqual({ step, ...(await snapshot(lite)) });
      expect({ step, ...(await counterDifferences(client)) }).toEqual({
        step,
        AssignmentUnitStat: 0,
        AssignmentTreeStat: 0,
        AssignmentTreeWeek: 0,
      });
    }
    // The scenario did exercise the counters: weeks on both sides of the Beijing boundary.
    const weeks = await postgres.all(
      `SELECT DISTINCT "week" FROM "AssignmentTreeWeek" ORDER BY "week"`,
    );
    expect(weeks.map((w) => w.week)).toEqual(["2026-01", "2026-00"].sort());
  });

  it("count weeks like SQLite's strftime('%Y-%W') in Beijing time (fzxt_week)", async () => {
    // Every 7 hours 13 minutes over three years: all weekdays, hours and year ends.
    const times = Array.from({ length: 3700 }, (_, i) => Date.UTC(2025, 0, 1) + i * 433 * 60_000);
    const expected = times.map(
      (ms) =>
        (
          sqlite
            .prepare("SELECT strftime('%Y-%W', ? / 1000, 'unixepoch', '+8 hours') AS w")
            .get(ms) as { w: string }
        ).w,
    );
    const { rows } = await client.query<{ w: string }>(
      "SELECT fzxt_week(to_timestamp(ms / 1000.0) AT TIME ZONE 'UTC') AS w FROM unnest($1::float8[]) WITH ORDINALITY AS x(ms, i) ORDER BY i",
      [times],
    );
    expect(rows.map((r) => r.w)).toEqual(expected);
  });

  it("keep the audit log and completions append-only", async () => {
    for (const d of [lite, postgres]) {
      await d.run(
        `INSERT INTO "AuditLog" ("at", "action", "result") VALUES (?, 'login', 'ok')`,
        T0,
      );
      await expect(d.run(`UPDATE "AuditLog" SET "result" = 'x'`)).rejects.toThrow(
        /AuditLog is append-only/,
      );
      await expect(d.run(`DELETE FROM "AuditLog"`)).rejects.toThrow(/AuditLog is append-only/);
      await d.run(
        `INSERT INTO "Completion" ("userId", "courseId", "courseVersion", "score", "creditHours", "completedAt", "year", "certificateNo", "verifyCode")
         VALUES (11, 1, 'v1', 90, 2, ?, 2026, ?, 'code')`,
        T0,
        `No-${d.name}`,
      );
      await expect(d.run(`UPDATE "Completion" SET "score" = 100`)).rejects.toThrow(
        /Completion is append-only/,
      );
      await expect(d.run(`DELETE FROM "Completion"`)).rejects.toThrow(/Completion is append-only/);
      expect(await d.all(`SELECT "result" FROM "AuditLog"`)).toEqual([{ result: "ok" }]);
    }
  });
});
