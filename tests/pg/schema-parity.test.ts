// Issue 13: both dialects end with the same schema. A fresh SQLite file migrated by
// `prisma migrate deploy` (the test template) and a fresh PostgreSQL database migrated by our
// Kysely migrator from prisma/migrations-pg must have the same tables, columns (names,
// nullability, comparable types, defaults), primary and foreign keys, indexes, views (names,
// columns) and triggers.
import Database from "better-sqlite3";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FolderMigrationProvider, migratePg } from "../../scripts/pg/migrate.ts";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";
import { pgShape, pgViews, sqliteShape, sqliteViews } from "./introspect.ts";

const template = path.resolve("tests/.tmp/template.db");

// SQLite gives every INTEGER PRIMARY KEY a value when none is inserted, even where the schema
// has no @default(autoincrement()) and Prisma writes no sequence for PostgreSQL. The app always
// inserts these keys itself (the version rows, one per assignment id).
const SQLITE_ONLY_AUTOINCREMENT = ["RollupVersion.id", "AssignmentVersion.assignmentId"];

function withoutKnownDifferences(shape: ReturnType<typeof sqliteShape>) {
  for (const key of SQLITE_ONLY_AUTOINCREMENT) {
    const [table, column] = key.split(".") as [string, string];
    const columns = shape[table]!.columns;
    const i = columns.indexOf(`${column} integer NOT NULL DEFAULT autoincrement`);
    expect(i, `${key} no longer differs: drop it from the list`).toBeGreaterThanOrEqual(0);
    columns[i] = `${column} integer NOT NULL`;
  }
  return shape;
}

describe.skipIf(!pgAvailable())("PostgreSQL migrations", () => {
  let cluster: PgCluster;
  let client: pg.Client;
  let url: string;

  beforeAll(async () => {
    cluster = await startPgCluster();
    url = await cluster.createDatabase("parity");
    const outcome = await migratePg(url);
    expect(outcome.applied.length).toBe(outcome.total);
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await cluster?.stop();
  });

  it("build the same tables, columns, keys and indexes as the SQLite migrations", async () => {
    const sqlite = withoutKnownDifferences(sqliteShape(template));
    const postgres = await pgShape(client);
    expect(Object.keys(postgres).sort()).toEqual(Object.keys(sqlite).sort());
    for (const table of Object.keys(sqlite))
      expect({ table, ...postgres[table] }).toEqual({ table, ...sqlite[table] });
  });

  it("define the same views with the same columns (AssignmentCoverage, issue 12)", async () => {
    const sqlite = sqliteViews(template);
    expect(Object.keys(sqlite)).toContain("AssignmentCoverage");
    expect(await pgViews(client)).toEqual(sqlite);
  });

  it("carry a trigger of the same name for every SQLite trigger", async () => {
    const db = new Database(template, { readonly: true });
    const sqliteTriggers = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
        name: string;
      }[]
    ).map((t) => t.name);
    db.close();
    const { rows } = await client.query<{ name: string }>(
      "SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal",
    );
    expect(rows.map((r) => r.name).sort()).toEqual(sqliteTriggers.sort());
  });

  it("are recorded and idempotent: a second run applies nothing and changes nothing", async () => {
    const before = await pgShape(client);
    const again = await migratePg(url);
    expect(again.applied).toEqual([]);
    const { rows } = await client.query("SELECT name FROM kysely_migration ORDER BY name");
    expect(rows.map((r) => r.name)).toHaveLength(again.total);
    expect(await pgShape(client)).toEqual(before);
  });

  it("apply once when several instances start at the same moment", async () => {
    const fresh = await cluster.createDatabase("race");
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => migratePg(fresh)));
    const applied = outcomes.flatMap((o) => o.applied).sort();
    expect(applied).toEqual(
      Object.keys(await new FolderMigrationProvider().getMigrations()).sort(),
    );
    const other = new pg.Client({ connectionString: fresh });
    await other.connect();
    const { rows } = await other.query('SELECT COUNT(*)::int AS n FROM "RollupVersion"');
    await other.end();
    // One row per kept version (1 rollups, 2 org tree, 3 people counts, 4 the 年度学法统计,
    // 5 the staff question bank, 6 the catalogue content), each inserted once.
    expect(rows[0].n).toBe(6);
  });
});
