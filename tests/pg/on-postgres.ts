// For a test file that runs part of its work on its own SQLite database and then moves the
// whole process onto PostgreSQL: a throw-away cluster, a fresh database migrated by the Kysely
// Migrator, DATABASE_URL switched and the shared handle reopened (closed again at the end).
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "#app/data/db.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { migratePg } from "../../scripts/pg/migrate.ts";
import { startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";

/** `port` names the cluster's socket (one per test file); `onSqlite` runs first, on SQLite. */
export function movesToPostgres(port: number, name: string, onSqlite?: () => Promise<void>) {
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    await onSqlite?.();
    cluster = await startPgCluster(port);
    const url = await cluster.createDatabase(name);
    await migratePg(url);
    await closeDb();
    process.env.DATABASE_URL = url;
    resetEnvCache();
  });
  afterAll(async () => {
    await closeDb();
    await cluster?.stop();
  });
}
