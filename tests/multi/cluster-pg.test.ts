// Issue 13: the cluster suite (suite.ts) on PostgreSQL: two instances behind nginx on one
// throw-away PostgreSQL 15 cluster (tests/setup/pg-cluster.ts, Unix socket only), migrated
// and seeded as `npm start` does. Skipped loudly without the binaries; an error under
// REQUIRE_PG=1 (.ci/run).
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";
import { preparePg } from "./cluster.ts";
import { defineClusterSuite } from "./suite.ts";

let cluster: PgCluster | undefined;

defineClusterSuite({
  title: "two instances behind nginx on one PostgreSQL database",
  name: "pg",
  base: Number(process.env.MULTI_PORT ?? 3452) + 10,
  available: () => pgAvailable(),
  prepare: async () => {
    cluster = await startPgCluster(5452);
    const url = await cluster.createDatabase("multi");
    return { url, db: preparePg(url), cleanup: async () => cluster?.stop() };
  },
});
