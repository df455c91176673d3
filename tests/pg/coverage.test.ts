// Issue 12: the plpgsql pair triggers, checkPairs and the coverage view agree on PostgreSQL,
// in the scenario the SQLite test runs (tests/integration/coverage-suite.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, dialectName } from "#app/data/db.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { migratePg } from "../../scripts/pg/migrate.ts";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";
import { coverageSuite } from "../integration/coverage-suite.ts";

let cluster: PgCluster | undefined;

describe.skipIf(!pgAvailable())(
  "who an assignment covers (AssignmentCoverage) on PostgreSQL",
  () => {
    beforeAll(async () => {
      cluster = await startPgCluster(3412);
      const url = await cluster.createDatabase("coverage");
      await migratePg(url);
      await closeDb();
      process.env.DATABASE_URL = url;
      resetEnvCache();
    });

    afterAll(async () => {
      await closeDb();
      await cluster?.stop();
    });

    it("runs on PostgreSQL", () => {
      expect(dialectName()).toBe("postgres");
    });

    coverageSuite();
  },
);
