// Issue 13: scheduled jobs claimed once across processes on PostgreSQL (decision 0017): the
// same suite as on SQLite, on a throw-away cluster (the claim races under SERIALIZABLE).
import { afterAll, beforeAll, describe } from "vitest";
import { closeDb } from "#app/data/db.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { migratePg } from "../../scripts/pg/migrate.ts";
import { jobClaimSuite } from "../integration/job-claim-suite.ts";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";

let cluster: PgCluster | undefined;

describe.skipIf(!pgAvailable())("job claims on PostgreSQL", () => {
  beforeAll(async () => {
    cluster = await startPgCluster(3462);
    const url = await cluster.createDatabase("jobclaim");
    await migratePg(url);
    await closeDb();
    process.env.DATABASE_URL = url;
    resetEnvCache();
  });

  afterAll(async () => {
    await closeDb();
    await cluster?.stop();
  });

  jobClaimSuite();
});
