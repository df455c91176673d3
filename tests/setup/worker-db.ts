// Runs before each test file: a fresh copy of the migrated template database (global-setup.ts).
// SQLite: a copy of the template file. TEST_DB=pg: CREATE DATABASE … TEMPLATE on the run's
// cluster, so the app code under test (db()/write()) runs on PostgreSQL.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeEach, inject } from "vitest";
import { pgPendingReason } from "./pg-pending.ts";
import { PG_MODE } from "./test-db.ts";

process.env.LOG_LEVEL = "silent";

async function closeConnections() {
  await globalThis.__kysely?.db.destroy();
  globalThis.__kysely = undefined;
}

async function adminQuery(statement: string) {
  const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

if (PG_MODE) {
  const name = `itest_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${inject("pgTemplate")}"`);
  const url = new URL(inject("pgAdminUrl"));
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();

  // Tests of modules not yet on the data layer (pg-pending.ts): skipped, with the reason.
  beforeEach((context) => {
    const reason = pgPendingReason(context.task.file.filepath, context.task.name);
    if (reason) context.skip(`pending on PostgreSQL: ${reason}`);
  });

  afterAll(async () => {
    await closeConnections();
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
} else {
  const tmp = path.resolve("tests/.tmp");
  const file = path.join(tmp, `unit-${process.pid}-${crypto.randomBytes(4).toString("hex")}.db`);
  fs.copyFileSync(path.join(tmp, "template.db"), file);
  process.env.DATABASE_URL = `file:${file}`;

  afterAll(async () => {
    await closeConnections();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });
}
