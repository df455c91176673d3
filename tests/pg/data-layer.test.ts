// Issue 13: the data layer on PostgreSQL. The rules both databases share
// (tests/integration/data-layer-suite.ts) run here on a throw-away cluster migrated with the
// Kysely Migrator, then what only PostgreSQL has: serialisation failures retried, row locks
// bounded by lock_timeout, the pool kept free of streams, the pool's own bound.
import fs from "node:fs";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  canWrite,
  closeDb,
  db,
  dialectName,
  isUniqueViolation,
  streamRead,
  write,
} from "#app/data/db.server.ts";
import { isDatabaseBusy } from "#app/data/busy.server.ts";
import { resetEnvCache } from "#app/utils/env.server.ts";
import { migratePg } from "../../scripts/pg/migrate.ts";
import { dataLayerSuite, putSetting, setting } from "../integration/data-layer-suite.ts";
import { pgAvailable, startPgCluster, type PgCluster } from "../setup/pg-cluster.ts";

// Beijing time in the process: a timestamp read or sent in the local zone would be 8 h off.
process.env.TZ = "Asia/Shanghai";

const POOL_MAX = 4;
let cluster: PgCluster | undefined;
let url = "";

/** A second connection that holds the row lock of one Setting row for `ms`. */
async function holdRowLock(key: string, ms: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`SELECT * FROM "Setting" WHERE "key" = $1 FOR UPDATE`, [key]);
  const released = new Promise<void>((resolve) =>
    setTimeout(() => {
      void client
        .query("COMMIT")
        .then(() => client.end())
        .then(resolve);
    }, ms),
  );
  return { released };
}

describe.skipIf(!pgAvailable())("the data layer on PostgreSQL", () => {
  beforeAll(async () => {
    cluster = await startPgCluster(5451);
    url = await cluster.createDatabase("layer");
    await migratePg(url);
    // A server in Beijing time too: the layer's sessions must still write UTC.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      `ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET timezone = 'Asia/Shanghai'`,
    );
    await admin.end();
    await closeDb();
    process.env.DATABASE_URL = url;
    process.env.DATABASE_POOL_MAX = String(POOL_MAX);
    resetEnvCache();
  });

  afterAll(async () => {
    await closeDb();
    await cluster?.stop();
  });

  it("DATABASE_URL=postgresql://… selects PostgreSQL", () => {
    expect(dialectName()).toBe("postgres");
  });

  dataLayerSuite({ holdLock: holdRowLock });

  it("the generated table types (app/data/schema.generated.ts) describe the PostgreSQL schema too", async () => {
    const TS: Record<string, string> = {
      "timestamp without time zone": "Date",
      boolean: "boolean",
      integer: "number",
      bigint: "number",
      "double precision": "number",
      numeric: "number",
      text: "string",
      bytea: "Buffer",
    };
    const { rows } = await sql<{ t: string; c: string; type: string; nullable: string }>`
      SELECT table_name AS t, column_name AS c, data_type AS type, is_nullable AS nullable
        FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%'`.execute(db());
    const onPg = rows
      .map((r) => `${r.t}.${r.c}: ${TS[r.type] ?? r.type}${r.nullable === "YES" ? " | null" : ""}`)
      .sort();
    const generated: string[] = [];
    let table = "";
    for (const line of fs.readFileSync("app/data/schema.generated.ts", "utf8").split("\n")) {
      const open = /^export interface (\w+)Table \{/.exec(line);
      if (open) table = open[1]!;
      const col = /^ {2}(\w+): (?:Generated<|ColumnType<)?([^;>,]+)/.exec(line);
      if (col && table) generated.push(`${table}.${col[1]}: ${col[2]}`);
      if (line === "}") table = "";
    }
    expect(onPg).toEqual(generated.sort());
  });

  it("stores UTC in TIMESTAMP(3) whatever the session, and CURRENT_TIMESTAMP defaults are UTC too", async () => {
    const at = new Date("2026-06-30T23:59:59.999Z");
    await putSetting("utc", at);
    const { rows } = await sql<{ text: string; now: Date }>`
      SELECT to_char("updatedAt", 'YYYY-MM-DD HH24:MI:SS.MS') AS text,
             CURRENT_TIMESTAMP::timestamp(3) AS now
        FROM "Setting" WHERE "key" = 'utc'`.execute(db());
    expect(rows[0]!.text).toBe("2026-06-30 23:59:59.999");
    expect(Math.abs(rows[0]!.now.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("a BIGINT past 2^53-1 throws instead of losing digits", async () => {
    const { rows } = await sql<{ n: number }>`SELECT 9007199254740991::bigint AS n`.execute(db());
    expect(rows[0]!.n).toBe(Number.MAX_SAFE_INTEGER);
    await expect(sql`SELECT 9007199254740993::bigint AS n`.execute(db())).rejects.toThrow(/beyond/);
    const avg = await sql<{ a: number }>`SELECT AVG(x) AS a FROM (VALUES (1), (2)) t(x)`.execute(
      db(),
    );
    expect(avg.rows[0]!.a).toBe(1.5);
  });

  it("a serialisation failure (40001) is retried: both writers of a write skew commit, one of them twice", async () => {
    // Each counts the rows, then inserts its own: run side by side, neither saw the other's row.
    // SQLite would have run them one after the other; SERIALIZABLE makes one fail and run again.
    let arrived = 0;
    let bothRead!: () => void;
    const barrier = new Promise<void>((r) => (bothRead = r));
    const seen: Record<string, number[]> = { a: [], b: [] };
    const writer = (name: "a" | "b") =>
      write(async (tx) => {
        const { n } = await tx
          .selectFrom("Setting")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("key", "like", "skew-%")
          .executeTakeFirstOrThrow();
        seen[name]!.push(n);
        if (seen[name]!.length === 1 && ++arrived === 2) bothRead();
        if (seen[name]!.length === 1) await barrier;
        await tx
          .insertInto("Setting")
          .values({ key: `skew-${name}`, value: String(n), updatedAt: new Date() })
          .execute();
      });
    await Promise.all([writer("a"), writer("b")]);
    const runs = [...seen.a!, ...seen.b!];
    expect(runs).toHaveLength(3); // one retry
    expect(runs.sort()).toEqual([0, 0, 1]); // the retry saw the winner's row
    const values = await db()
      .selectFrom("Setting")
      .select("value")
      .where("key", "like", "skew-%")
      .orderBy("value")
      .execute();
    expect(values.map((v) => v.value)).toEqual(["0", "1"]);
  });

  it("streamRead holds a client of its own, never one of the shared pool", async () => {
    for (let i = 0; i < 3; i++) await putSetting(`pool-stream-${i}`);
    const open = Array.from({ length: POOL_MAX + 1 }, () =>
      streamRead((q) =>
        q.selectFrom("Setting").select("key").where("key", "like", "pool-stream-%"),
      ),
    );
    for (const s of open) expect((await s.next()).done).toBe(false);
    // More streams are open than the pool has connections; the pool serves a full load anyway.
    const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db())).rows[0]!;
    const writes = await Promise.all(
      Array.from({ length: POOL_MAX }, (_, i) =>
        write(
          async (tx) => {
            await sql`SELECT pg_sleep(0.05)`.execute(tx);
            await tx
              .insertInto("Setting")
              .values({ key: `pool-w-${i}`, value: "1", updatedAt: new Date() })
              .execute();
            return i;
          },
          { waitMs: 2000 },
        ),
      ),
    );
    expect(writes).toHaveLength(POOL_MAX);
    const { rows } = await sql<{ n: number }>`
      SELECT COUNT(*) AS n FROM pg_stat_activity
       WHERE datname = current_database() AND state = 'idle in transaction' AND pid <> ${pid.pid}`.execute(
      db(),
    );
    expect(rows[0]!.n).toBe(POOL_MAX + 1); // the streams, each in its own snapshot
    for (const s of open) await s.return(undefined);
    await new Promise((r) => setTimeout(r, 100));
    const after = await sql<{ n: number }>`
      SELECT COUNT(*) AS n FROM pg_stat_activity
       WHERE datname = current_database() AND state = 'idle in transaction'`.execute(db());
    expect(after.rows[0]!.n).toBe(0); // ended with the iteration
  });

  it("an exhausted pool makes writes busy within their bound and /healthz red; then both recover", async () => {
    const { loader } = await import("#app/routes/healthz.tsx");
    const holders = Array.from({ length: POOL_MAX }, () =>
      write(async (tx) => {
        await sql`SELECT pg_sleep(1.8)`.execute(tx);
      }),
    );
    await new Promise((r) => setTimeout(r, 150));
    const started = Date.now();
    expect(await canWrite(200)).toBe(false);
    expect(Date.now() - started).toBeLessThan(600);
    expect((await loader()).status).toBe(503);
    await Promise.all(holders);
    expect(await canWrite()).toBe(true);
    expect((await loader()).status).toBe(200);
  });

  it("a read past its timeout (57014, 55P03) answers 503 like a busy write, never 500", async () => {
    const error = await db()
      .connection()
      .execute(async (c) => {
        await sql`SET statement_timeout = 50`.execute(c);
        try {
          return await sql`SELECT pg_sleep(1)`.execute(c).catch((e: unknown) => e);
        } finally {
          await sql`RESET statement_timeout`.execute(c);
        }
      });
    expect((error as { code?: string }).code).toBe("57014");
    expect(isDatabaseBusy(error)).toBe(true);
    expect(isDatabaseBusy({ code: "55P03" })).toBe(true);
    expect(isDatabaseBusy({ code: "23505" })).toBe(false);
  });

  it("a connection killed in the middle of a write fails that write only; the pool drops it and the next write succeeds", async () => {
    await putSetting("killed-0");
    const error = await write(async (tx) => {
      await tx
        .insertInto("Setting")
        .values({ key: "killed-1", value: "1", updatedAt: new Date() })
        .execute();
      await sql`SELECT pg_terminate_backend(pg_backend_pid())`.execute(tx);
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(await setting("killed-1").executeTakeFirst()).toBeUndefined();
    // Every pooled backend killed while idle: the pool replaces them, no crash.
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    await admin.end();
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < POOL_MAX + 1; i++) await putSetting(`killed-after-${i}`);
    expect(await canWrite()).toBe(true);
  });

  it("a caught failed statement aborts the write on PostgreSQL: nothing is committed, it says so", async () => {
    await putSetting("abort-1");
    const error = await write(async (tx) => {
      await tx
        .insertInto("Setting")
        .values({ key: "abort-2", value: "1", updatedAt: new Date() })
        .execute();
      await tx
        .insertInto("Setting")
        .values({ key: "abort-1", value: "1", updatedAt: new Date() })
        .execute()
        .catch((e: unknown) => {
          if (!isUniqueViolation(e)) throw e;
        });
      return "ok";
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/write aborted/);
    expect(await setting("abort-2").executeTakeFirst()).toBeUndefined();
  });
});
