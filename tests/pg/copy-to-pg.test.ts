// Issue 13: `npm run db:copy-to-pg -- <sqlite file>` moves a city onto PostgreSQL: every table,
// every row and value (times, booleans), ids and sequences, kept counters, in one run; it
// refuses a database that already holds data and then changes nothing.
import Database from "better-sqlite3";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";

const tsx = path.resolve("node_modules/.bin/tsx");
const IGNORED = ["_prisma_migrations", "kysely_migration", "kysely_migration_lock"];

function copy(file: string, url: string) {
  return spawnSync(tsx, ["scripts/db-copy-to-pg.ts", file], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: url },
  });
}

// More than the demo seed writes (ids from 901 on: the seed has its own course and assignment): assignments with pairs and counters (made by the SQLite
// triggers), progress, an append-only completion and audit row, a CURRENT_TIMESTAMP default
// stored as text.
function addActivity(db: Database.Database) {
  const now = Date.parse("2026-11-30T02:00:00Z");
  db.exec(`INSERT INTO "Course" ("id", "slug", "title", "category", "audience", "summary", "creditHours", "passMark",
      "questionsPerAttempt", "timeLimitMinutes", "attemptLimit", "version", "active", "updatedAt")
    VALUES (901, 'c1', '宪法', 'LAW', 'STAFF', '', 1.5, 60, 10, 30, 3, 'v1', 1, ${now}),
           (902, 'c2', '行政法', 'LAW', 'STAFF', '', 2, 60, 10, 30, 3, 'v1', 0, ${now})`);
  db.exec(`INSERT INTO "Assignment" ("id", "title", "dueAt", "createdById", "scopePath", "createdAt")
    VALUES (901, '年度学法', ${now + 86400000}, 1, '/1/', ${now})`);
  db.exec(
    `INSERT INTO "AssignmentTarget" ("assignmentId", "kind", "orgUnitId") VALUES (901, 'SUBTREE', 1)`,
  );
  db.exec(
    `INSERT INTO "AssignmentCourse" ("assignmentId", "courseId") VALUES (901, 901), (901, 902)`,
  );
  // Re-enabling staff makes the pairs through the User triggers.
  db.exec(
    `UPDATE "User" SET "disabled" = 1 WHERE "role" = 'STAFF' AND "disabled" = 0 AND "id" % 3 = 0`,
  );
  db.exec(`UPDATE "User" SET "disabled" = 0 WHERE "role" = 'STAFF' AND "id" % 3 = 0`);
  db.exec(`INSERT INTO "CourseStatus" ("userId", "courseId", "startedAt", "completedAt")
    SELECT "id", 901, ${now}, CASE WHEN "id" % 2 = 0 THEN ${now + 3600000} END FROM "User" WHERE "role" = 'STAFF' AND "id" % 3 = 0`);
  const staff = db
    .prepare(`SELECT MIN("id") AS id FROM "User" WHERE "role" = 'STAFF' AND "id" % 6 = 0`)
    .get() as { id: number };
  db.exec(`INSERT INTO "Completion" ("userId", "courseId", "courseVersion", "score", "creditHours", "completedAt", "year", "certificateNo", "verifyCode")
    VALUES (${staff.id}, 901, 'v1', 90, 1.5, ${now + 3600000}, 2026, 'FZ-2026-1', 'abc')`);
  db.exec(
    `INSERT INTO "AuditLog" ("at", "actorId", "action", "result", "detail") VALUES (${now}, 1, 'login', 'ok', '{"a":"中文"}')`,
  );
  db.exec(`INSERT INTO "OrgUnit" ("code", "name", "kind", "tier", "depth", "path", "parentId", "updatedAt")
    VALUES ('NEW', '新单位', 'UNIT', 1, 1, '/1/99999/', 1, ${now})`);
}

describe.skipIf(!pgAvailable())("db:copy-to-pg", () => {
  let cluster: PgCluster;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    cluster = await startPgCluster();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "copy-"));
    file = path.join(dir, "city.db");
    fs.copyFileSync("tests/.tmp/template.db", file);
    execFileSync(tsx, ["prisma/seed.ts"], {
      stdio: "ignore",
      env: { ...process.env, DATABASE_URL: `file:${file}`, DEMO_DATA: "true" },
    });
    const db = new Database(file);
    addActivity(db);
    db.close();
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("copies every table of a seeded city with its values, ids, sequences and counters", async () => {
    const url = await cluster.createDatabase("copy");
    const run = copy(file, url);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/tables, \d+ rows copied and verified/);

    const source = new Database(file, { readonly: true });
    // Read TIMESTAMP(3) back as epoch ms and booleans as 0/1: the SQLite storage.
    const client = new pg.Client({
      connectionString: url,
      types: {
        getTypeParser: ((oid: number, format?: "text") =>
          oid === 1114
            ? (s: string) => Date.parse(s.replace(" ", "T") + "Z")
            : oid === 16
              ? (s: string) => (s === "t" ? 1 : 0)
              : oid === 20
                ? Number
                : pg.types.getTypeParser(oid, format)) as never,
      },
    });
    await client.connect();
    try {
      const tables = (
        source
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          )
          .all() as { name: string }[]
      )
        .map((t) => t.name)
        .filter((t) => !IGNORED.includes(t));
      let copied = 0;
      for (const table of tables) {
        const sql = `SELECT * FROM "${table}" ORDER BY 1, 2`;
        const expected = (source.prepare(sql).all() as Record<string, unknown>[]).map((row) => {
          // A CURRENT_TIMESTAMP default is stored as UTC text; PostgreSQL holds the same instant.
          for (const [k, v] of Object.entries(row))
            if (typeof v === "string" && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(v))
              row[k] = Date.parse(`${v.replace(" ", "T")}Z`);
          return row;
        });
        const actual = (await client.query(sql)).rows;
        expect({ table, rows: actual }).toEqual({ table, rows: expected });
        copied += actual.length;
      }
      expect(copied).toBeGreaterThan(1000);
      const pairs = await client.query(
        `SELECT COUNT(*) AS n, SUM("done") AS done FROM "AssignmentPerson"`,
      );
      expect(pairs.rows[0].n).toBeGreaterThan(100);
      expect(pairs.rows[0].done).toBeGreaterThan(10);

      // Sequences continue after the copied ids; the triggers are on again.
      const max = (source.prepare(`SELECT MAX("id") AS id FROM "OrgUnit"`).get() as { id: number })
        .id;
      const unit = await client.query(
        `INSERT INTO "OrgUnit" ("code", "name", "kind", "tier", "depth", "path", "parentId", "updatedAt")
         VALUES ('AFTER', '复制后', 'UNIT', 1, 1, '/1/after/', 1, now()) RETURNING "id"`,
      );
      expect(unit.rows[0].id).toBe(max + 1);
      const version = await client.query(`SELECT "version" FROM "RollupVersion" WHERE "id" = 2`);
      const before = (
        source.prepare(`SELECT "version" FROM "RollupVersion" WHERE "id" = 2`).get() as {
          version: number;
        }
      ).version;
      expect(version.rows[0].version).toBe(before + 1);
      await expect(client.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
      source.close();
    }
  }, 120_000);

  it("refuses, with exit 1 and nothing kept, a source whose kept counters disagree with its pairs", async () => {
    const broken = path.join(dir, "broken.db");
    fs.copyFileSync(file, broken);
    const db = new Database(broken);
    db.exec(
      `UPDATE "AssignmentUnitStat" SET "completed" = "completed" + 1 WHERE rowid = (SELECT MIN(rowid) FROM "AssignmentUnitStat")`,
    );
    db.close();
    const url = await cluster.createDatabase("broken");
    const run = copy(broken, url);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /kept counters disagree.*AssignmentUnitStat: 1 rows.*db:pairs -- --rebuild.*nothing was copied/,
    );
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const users = await client.query(`SELECT COUNT(*)::int AS n FROM "User"`);
    await client.end();
    expect(users.rows[0].n).toBe(0);
  }, 120_000);

  it("refuses a PostgreSQL database that already holds data, and leaves it as it was", async () => {
    const url = await cluster.createDatabase("full");
    expect(copy(file, url).status).toBe(0);
    const again = copy(file, url);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/is not empty.*nothing was copied/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const users = await client.query(`SELECT COUNT(*)::int AS n FROM "User"`);
    await client.end();
    const source = new Database(file, { readonly: true });
    expect(users.rows[0].n).toBe(
      (source.prepare(`SELECT COUNT(*) AS n FROM "User"`).get() as { n: number }).n,
    );
    source.close();
  }, 120_000);
});
