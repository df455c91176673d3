// Issue 13: a starting instance waits for PostgreSQL (a server still starting after a host
// reboot, or a machine too busy to connect within the pool's 5 s), but a wrong database name
// fails at once rather than after the wait.
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "#app/data/db.server.ts";
import { ensureDbReady } from "#app/data/ready.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";

let cluster: PgCluster | undefined;

const useUrl = async (url: string) => {
  await closeDb();
  process.env.DATABASE_URL = url;
  resetEnvCache();
};

describe.skipIf(!pgAvailable())("start-up against PostgreSQL (ensureDbReady)", () => {
  afterAll(async () => {
    await closeDb();
    await cluster?.stop();
  });

  it("retries a refused connection for the whole start-up wait before failing, and connects to a running server", async () => {
    // Nothing listens on this socket for the first second: connections are refused.
    const dir = `/tmp/fzxt-ready-${process.pid}`;
    await useUrl(`postgresql://app@localhost:5499/postgres?host=${encodeURIComponent(dir)}`);
    const started = Date.now();
    let failed: unknown;
    const waiting = ensureDbReady(1_500).catch((e: unknown) => (failed = e));
    await waiting;
    expect(failed).toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);

    cluster = await startPgCluster(3461);
    const url = cluster.url();
    await useUrl(url);
    await expect(ensureDbReady(30_000)).resolves.toBeUndefined();
  });

  it("fails at once when the database does not exist (a wrong DATABASE_URL is not waited for)", async () => {
    await useUrl(cluster!.url("no_such_database"));
    const started = Date.now();
    await expect(ensureDbReady(30_000)).rejects.toThrow(/does not exist/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
