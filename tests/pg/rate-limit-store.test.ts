// Issue 13: the shared rate limit on PostgreSQL (decision 0017): the same suite as on SQLite,
// on a throw-away cluster; the count's UPSERT runs READ COMMITTED, so a flood on one key never
// retries on serialisation failures.
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, write, type DB } from "#app/data/db.server.ts";
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

  it("a counter write runs READ COMMITTED and does not wait for the WAL flush; every other write stays SERIALIZABLE", async () => {
    const settings = (tx: Kysely<DB>) =>
      sql<{
        isolation: string;
        sync: string;
      }>`SELECT current_setting('transaction_isolation') AS isolation, current_setting('synchronous_commit') AS sync`
        .execute(tx)
        .then((r) => r.rows[0]);
    expect(await write(settings, { counter: true })).toEqual({
      isolation: "read committed",
      sync: "off",
    });
    expect(await write(settings)).toEqual({ isolation: "serializable", sync: "on" });
  });
});
