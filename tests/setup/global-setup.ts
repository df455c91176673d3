// Builds one migrated template database; every test file gets its own copy
// (worker-db.ts), so tests run on a real database without sharing state.
// SQLite (default): a migrated template file, copied per file.
// TEST_DB=pg: a throw-away PostgreSQL cluster (pg-cluster.ts; PG_TEST_URL uses an existing
// server instead), one template database migrated by the Kysely Migrator as
// `npm run db:migrate:pg` does, copied per file with CREATE DATABASE … TEMPLATE. Content is
// synced by the test files themselves on both dialects (learning-helpers syncContent()).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migratePg } from "../../scripts/pg/migrate.ts";
import { pgBinDir, startPgCluster } from "./pg-cluster.ts";
import { PG_PENDING_FILES, PG_PENDING_TESTS } from "./pg-pending.ts";
import { PG_MODE, PG_TEMPLATE } from "./test-db.ts";

export const TMP_DIR = path.resolve("tests/.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

function migrateSqlite(file: string) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  execFileSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
    stdio: "ignore",
    env: { ...process.env, DATABASE_URL: `file:${file}`, CHECKPOINT_DISABLE: "1" },
  });
}

export default async function setup(project: TestProject) {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (PG_MODE) {
    // No PostgreSQL here: vitest.config.ts has already said so loudly (or failed under
    // REQUIRE_PG=1) and selected no test files.
    if (!process.env.PG_TEST_URL && !pgBinDir()) return;
    return setupPg(project);
  }
  for (const f of fs.readdirSync(TMP_DIR))
    if (f.startsWith("unit-")) fs.rmSync(path.join(TMP_DIR, f), { force: true });
  migrateSqlite(TEMPLATE_DB);
}

async function admin(url: string, ...statements: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

async function setupPg(project: TestProject) {
  const cluster = await startPgCluster(Number(process.env.PG_TEST_PORT || 5460));
  const adminUrl = cluster.url();
  const template = `${PG_TEMPLATE}_${process.pid}`;
  try {
    await admin(adminUrl, `DROP DATABASE IF EXISTS "${template}"`, `CREATE DATABASE "${template}"`);
    await migratePg(cluster.url(template));
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
  const files = Object.keys(PG_PENDING_FILES).length;
  const tests = Object.values(PG_PENDING_TESTS).reduce((n, t) => n + Object.keys(t).length, 0);
  console.warn(
    `\n*** PostgreSQL mode: ${files} test files and ${tests} tests are pending conversion and ` +
      `skipped (tests/setup/pg-pending.ts lists them with the reason) ***\n`,
  );
  return async () => {
    try {
      await admin(adminUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    } finally {
      await cluster.stop();
    }
  };
}
