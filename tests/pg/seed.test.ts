// Issues 12/13: the seeds run on the data layer, so `npm start` on an empty PostgreSQL database
// gets the same demo city as on SQLite: the same units (ids, paths, parents), users, enterprise
// and experts, row for row; a second run leaves the database untouched; DEMO_DATA=false gives
// one admin who must change the password. Batched inserts stay within both dialects'
// bind-parameter limits (more rows than one statement may carry).
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PARAMETERS, rowsPerStatement } from "#app/data/bulk.server.ts";
import { closeDb, db, dialectName, write } from "#app/data/db.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { migratePg } from "../../scripts/pg/migrate.ts";
import { anshanTree } from "../../prisma/seed/anshan.ts";
import { demoUserRows } from "../../prisma/seed/demo-accounts.ts";
import { insertLearningActivity, insertSyntheticCourses } from "../../prisma/seed/learning.ts";
import { insertScaleAssignments } from "../../prisma/seed/scale-assignments.ts";
import { insertScaleConsult } from "../../prisma/seed/scale-consult.ts";
import { insertTree, insertUsers } from "../../prisma/seed/writer.ts";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";

const tsx = path.resolve("node_modules/.bin/tsx");
const seed = (url: string, env: Record<string, string> = {}) =>
  execFileSync(tsx, ["prisma/seed.ts"], {
    encoding: "utf8",
    env: {
      ...process.env,
      DATABASE_URL: url,
      DEMO_DATA: "true",
      FILES_DIR: path.join(os.tmpdir(), "seed-files-pg"),
      ...env,
    },
  });

/** The seeded rows that must be equal on both databases (no times, no password hashes). */
const COMPARED: Record<string, string> = {
  OrgUnit: `SELECT "id", "code", "name", "kind", "tier", "depth", "path", "sortOrder", "parentId" FROM "OrgUnit" ORDER BY "id"`,
  User: `SELECT "id", "username", "name", "mobile", "role", "mustChangePassword", "disabled", "failedLoginCount", "orgUnitId" FROM "User" ORDER BY "id"`,
  Enterprise: `SELECT "id", "userId", "name", "uscc", "contactName", "contactMobile", "status" FROM "Enterprise" ORDER BY "id"`,
  ExpertProfile: `SELECT "id", "userId", "title", "organisation", "specialties", "bio", "slotMinutes", "bufferMinutes", "dailyMax", "active" FROM "ExpertProfile" ORDER BY "id"`,
  AvailabilityRule: `SELECT "id", "expertId", "weekday", "startMinute", "endMinute" FROM "AvailabilityRule" ORDER BY "id"`,
};

/** Booleans as SQLite stores them, so rows of both compare equal. */
const plain = (rows: Record<string, unknown>[]) =>
  rows.map((r) =>
    Object.fromEntries(
      Object.entries(r).map(([k, v]) => [k, typeof v === "boolean" ? Number(v) : v]),
    ),
  );

async function pgRows(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return plain((await client.query(text)).rows);
  } finally {
    await client.end();
  }
}

describe("bulk inserts", () => {
  it("never put more bind parameters in one statement than the dialect allows", () => {
    for (const dialect of ["sqlite", "postgres"] as const)
      for (const columns of [1, 4, 9, 15, 40_000]) {
        const rows = rowsPerStatement(columns, dialect, Number.MAX_SAFE_INTEGER);
        expect(rows).toBeGreaterThanOrEqual(1);
        if (columns <= MAX_PARAMETERS[dialect])
          expect(rows * columns).toBeLessThanOrEqual(MAX_PARAMETERS[dialect]);
      }
  });
});

const NOW = Date.parse("2026-11-30T02:00:00Z");

/** The scale seed's writers, small, in this process on whichever database DATABASE_URL names. */
async function smallScaleSeed(url: string) {
  process.env.DATABASE_URL = url;
  resetEnvCache();
  await closeDb();
  const now = new Date(NOW);
  await write(async (tx) => {
    const units = await insertTree(tx, anshanTree(), now);
    const byCode = new Map(units.map((u) => [u.code, u]));
    const users = demoUserRows(byCode, new Map([["", ""]]));
    const leaves = units.filter((u) => u.leaf);
    for (let n = 0; n < 300; n++)
      users.push({
        username: `S${n}`,
        name: `职工${n}`,
        role: "STAFF",
        orgUnitId: leaves[n % leaves.length]!.id,
        mobile: null,
        passwordHash: "x",
        mustChangePassword: false,
      });
    await insertUsers(
      tx,
      users.map((u) => ({ ...u, passwordHash: "x" })),
      now,
    );
  });
  const report = await write(async (tx) => {
    await insertSyntheticCourses(tx, { now: NOW });
    return insertLearningActivity(tx, { progressRows: 4000, completions: 600, now: NOW });
  });
  await write((tx) => insertScaleAssignments(tx, 2026, now));
  const consult = await write((tx) => insertScaleConsult(tx, "x", now));
  const n = async (
    table:
      | "LessonProgress"
      | "QuizAttempt"
      | "Completion"
      | "CourseStatus"
      | "Booking"
      | "AssignmentTarget"
      | "User",
  ) =>
    (
      await db()
        .selectFrom(table)
        .select((e) => e.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n;
  const progress = await db()
    .selectFrom("LessonProgress")
    .select(["userId", "lessonId", "openedAt", "readAt"])
    .orderBy("userId")
    .orderBy("lessonId")
    .execute();
  const statuses = await db()
    .selectFrom("CourseStatus")
    .select(["userId", "courseId", "startedAt", "completedAt"])
    .orderBy("userId")
    .orderBy("courseId")
    .execute();
  const dialect = dialectName();
  await closeDb();
  const { timings: _timings, ...figures } = report;
  return {
    dialect,
    report: figures,
    consult,
    counts: {
      progress: await reopen(url, () => n("LessonProgress")),
      attempts: await reopen(url, () => n("QuizAttempt")),
      completions: await reopen(url, () => n("Completion")),
      statuses: await reopen(url, () => n("CourseStatus")),
      bookings: await reopen(url, () => n("Booking")),
      users: await reopen(url, () => n("User")),
    },
    progress,
    statuses,
  };
}

async function reopen<T>(url: string, fn: () => Promise<T>): Promise<T> {
  process.env.DATABASE_URL = url;
  resetEnvCache();
  try {
    return await fn();
  } finally {
    await closeDb();
  }
}

describe.skipIf(!pgAvailable())("the seed on PostgreSQL", () => {
  let cluster: PgCluster;
  let dir: string;
  let sqliteFile: string;

  beforeAll(async () => {
    cluster = await startPgCluster(5452);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-pg-"));
    sqliteFile = path.join(dir, "app.db");
    fs.copyFileSync("tests/.tmp/template.db", sqliteFile);
    seed(`file:${sqliteFile}`);
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes the demo city row for row as on SQLite, and a second run leaves it untouched", async () => {
    const url = await cluster.createDatabase("seed");
    await migratePg(url);
    expect(seed(url)).toMatch(/demo city with 219 units and 887 users/);
    const sqlite = new Database(sqliteFile, { readonly: true });
    try {
      for (const [table, text] of Object.entries(COMPARED)) {
        const want = plain(sqlite.prepare(text).all() as Record<string, unknown>[]);
        expect(want.length, table).toBeGreaterThan(0);
        expect(await pgRows(url, text), table).toEqual(want);
      }
    } finally {
      sqlite.close();
    }
    // Identity sequences continue after the seeded ids (a new unit or user gets the next id).
    const [next] = await pgRows(
      url,
      `INSERT INTO "OrgUnit" ("code", "name", "kind", "tier", "depth", "path", "updatedAt")
       VALUES ('NEW', '新单位', 'UNIT', 1, 1, '/new/', CURRENT_TIMESTAMP) RETURNING "id"`,
    );
    expect(next).toEqual({ id: 220 });
    expect(seed(url)).toMatch(/left untouched/);
    expect(await pgRows(url, `SELECT COUNT(*)::int AS n FROM "User"`)).toEqual([{ n: 887 }]);
  }, 120_000);

  it("the scale seed's writers give the same rows on PostgreSQL as on SQLite", async () => {
    const file = path.join(dir, "scale.db");
    fs.copyFileSync("tests/.tmp/template.db", file);
    const url = await cluster.createDatabase("scale");
    await migratePg(url);
    const onSqlite = await smallScaleSeed(`file:${file}`);
    const onPg = await smallScaleSeed(url);
    expect([onSqlite.dialect, onPg.dialect]).toEqual(["sqlite", "postgres"]);
    expect(onSqlite.counts.progress).toBeGreaterThan(3000);
    expect(onSqlite.counts.completions).toBe(600);
    expect(onSqlite.counts.bookings).toBeGreaterThan(10_000);
    expect(onPg.report).toEqual(onSqlite.report);
    expect(onPg.consult).toEqual(onSqlite.consult);
    expect(onPg.counts).toEqual(onSqlite.counts);
    expect(onPg.progress).toEqual(onSqlite.progress);
    expect(onPg.statuses).toEqual(onSqlite.statuses);
  }, 180_000);

  it("with DEMO_DATA=false creates only the root unit and an admin who must change the password", async () => {
    const url = await cluster.createDatabase("prod");
    await migratePg(url);
    seed(url, { DEMO_DATA: "false", ADMIN_INITIAL_PASSWORD: "Init@2026xyz" });
    expect(
      await pgRows(url, `SELECT "username", "role", "mustChangePassword" FROM "User"`),
    ).toEqual([{ username: "admin", role: "ADMIN", mustChangePassword: 1 }]);
    expect(await pgRows(url, `SELECT "code", "path" FROM "OrgUnit"`)).toEqual([
      { code: "ROOT", path: "/1/" },
    ]);
  }, 60_000);
});
