// Issue 13: the shared rate limit on PostgreSQL (decision 0017): the same suite as on SQLite,
// on a throw-away cluster; the count's UPSERT runs READ COMMITTED, so a flood on one key never
// retries on serialisation failures.
import { afterAll, beforeAll, describe } from "vitest";
import { closeDb } from "#app/data/db.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { migratePg } from "../../scripts/pg/migrate.ts";
import { rateLimitSuite } from "../integration/rate-limit-suite.ts";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";

let cluster: PgCluster | undefined;

describe.skipIf(!pgAvailable())("the shared rate limit store on PostgreSQL", () => {
  beforeAll(async () => {
    cluster = await startPgCluster(3460);
    const url = await cluster.createDatabase("ratelimit");
    await migratePg(url);
    await closeDb();
    process.env.DATABASE_URL = url;
    resetEnvCache();
  });

  afterAll(async () => {
    await closeDb();
    await cluster?.stop();
  });

  rateLimitSuite();
});
