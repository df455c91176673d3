// The migrations must build exactly the schema that schema.prisma describes.
// `prisma migrate diff --from-migrations` needs a shadow database that fails
// offline, so we compare two real databases: one from `migrate deploy`, one
// built from schema.prisma alone (the SQL `db push` would run on an empty database:
// `migrate diff --from-empty`; `db push` itself lingers 60 s after finishing on some
// schemas, a timer its wasm schema engine leaves behind).
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PG_MODE } from "../setup/test-db.ts";

function describeDb(file: string) {
  const db = new Database(file, { readonly: true });
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
      )
      .all() as { name: string }[]
  ).map((t) => t.name);
  const shape = tables.map((t) => ({
    table: t,
    columns: db.prepare(`PRAGMA table_info("${t}")`).all(),
    indexes: (db.prepare(`PRAGMA index_list("${t}")`).all() as { name: string; unique: number }[])
      .map((i) => ({
        name: i.name,
        unique: i.unique,
        cols: (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map(
          (c) => c.name,
        ),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: db.prepare(`PRAGMA foreign_key_list("${t}")`).all(),
  }));
  db.close();
  return shape;
}

function prisma(args: string[], file: string): string {
  return execFileSync(path.resolve("node_modules/.bin/prisma"), args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
  });
}

// SQLite only (TEST_DB=pg skips it): the SQLite migrations against schema.prisma, on files of
// its own. The PostgreSQL migrations have tests/pg/schema-parity.test.ts.
describe.skipIf(PG_MODE)("migrations", () => {
  it("match schema.prisma table for table, column for column, index for index", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mig-"));
    const migrated = path.join(dir, "migrated.db");
    const pushed = path.join(dir, "pushed.db");
    prisma(["migrate", "deploy"], migrated);
    const db = new Database(pushed);
    db.exec(
      prisma(
        [
          "migrate",
          "diff",
          "--from-empty",
          "--to-schema-datamodel",
          "prisma/schema.prisma",
          "--script",
        ],
        pushed,
      ),
    );
    db.close();
    expect(describeDb(migrated)).toEqual(describeDb(pushed));
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("carry the append-only triggers, the triggers that keep assignment pairs and counters, the rollup, people, annual, staff bank, catalogue and expert busy versions' and the login namespace's", () => {
    const db = new Database(path.resolve("tests/.tmp/template.db"), { readonly: true });
    const triggers = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    db.close();
    expect(triggers).toEqual([
      "AssignmentPerson_stat_delete",
      "AssignmentPerson_stat_insert",
      "AssignmentPerson_stat_update",
      "AssignmentPerson_version_delete",
      "AssignmentPerson_version_insert",
      "AssignmentPerson_version_update",
      "Assignment_version_delete",
      "Assignment_version_update",
      "AuditLog_no_delete",
      "AuditLog_no_update",
      "Booking_busy_version_delete",
      "Booking_busy_version_insert",
      "Booking_busy_version_update",
      "Completion_annual_version_insert",
      "Completion_no_delete",
      "Completion_no_update",
      "CourseStatus_pairs_insert",
      "CourseStatus_pairs_update",
      "Course_bank_version_delete",
      "Course_bank_version_insert",
      "Course_bank_version_update",
      "Course_catalogue_version_delete",
      "Course_catalogue_version_insert",
      "Course_catalogue_version_update",
      "EventAttendance_annual_version_delete",
      "EventAttendance_annual_version_insert",
      "EventAttendance_annual_version_update",
      "ExamAttempt_annual_version_delete",
      "ExamAttempt_annual_version_insert",
      "ExamAttempt_annual_version_update",
      "Lesson_catalogue_version_delete",
      "Lesson_catalogue_version_insert",
      "Lesson_catalogue_version_update",
      "OrgUnit_pairs_move",
      "OrgUnit_people_version_delete",
      "OrgUnit_people_version_insert",
      "OrgUnit_people_version_update",
      "OrgUnit_version_delete",
      "OrgUnit_version_insert",
      "OrgUnit_version_update",
      "Question_bank_version_delete",
      "Question_bank_version_insert",
      "Question_bank_version_update",
      "User_login_name_insert",
      "User_login_name_update",
      "User_pairs_delete",
      "User_pairs_insert",
      "User_pairs_update",
      "User_people_version_delete",
      "User_people_version_insert",
      "User_people_version_update",
    ]);
  });
});
