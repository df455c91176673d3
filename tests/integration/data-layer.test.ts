import type { ServerBuild } from "@remix-run/node";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import {
  canWrite,
  DatabaseBusyError,
  db,
  faults,
  isUniqueViolation,
  streamRead,
  write,
} from "#app/data/db.server.ts";
import { isDatabaseBusy, withBusyAnswer } from "#app/data/busy.server.ts";
import { ensureDbReady, sqliteFilePath } from "#app/utils/db.server.ts";
import { holdWriteLock } from "./hold-lock.ts";

const setting = (key: string) =>
  db().selectFrom("Setting").select(["key", "value", "updatedAt"]).where("key", "=", key);

const putSetting = (key: string, at = new Date()) =>
  write((tx) => tx.insertInto("Setting").values({ key, value: "1", updatedAt: at }).execute());

afterEach(() => {
  faults.beforeCommit = undefined;
});

describe("one row shape: Date and boolean, as on PostgreSQL", () => {
  it("returns DATETIME columns as Date and BOOLEAN columns as boolean, aliased too", async () => {
    await ensureDbReady();
    const at = new Date("2026-03-01T02:03:04.005Z");
    await putSetting("shape", at);
    const row = await setting("shape").executeTakeFirstOrThrow();
    expect(row.updatedAt).toBeInstanceOf(Date);
    expect(row.updatedAt.getTime()).toBe(at.getTime());
    const aliased = await db()
      .selectFrom("Setting")
      .select("updatedAt as changed")
      .where("key", "=", "shape")
      .executeTakeFirstOrThrow();
    expect(aliased.changed).toEqual(at);
    const course = await db().selectFrom("Course").select("active").limit(1).execute();
    for (const c of course) expect(typeof c.active).toBe("boolean");
  });

  it("accepts Date parameters in comparisons", async () => {
    await putSetting("cmp", new Date(1000));
    const rows = await db()
      .selectFrom("Setting")
      .select("key")
      .where("updatedAt", "<", new Date(2000))
      .where("key", "=", "cmp")
      .execute();
    expect(rows).toEqual([{ key: "cmp" }]);
  });
});

describe("the write rule", () => {
  it("commits all of a write or none of it", async () => {
    await expect(
      write(async (tx) => {
        await tx
          .insertInto("Setting")
          .values({ key: "half", value: "1", updatedAt: new Date() })
          .execute();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await setting("half").executeTakeFirst()).toBeUndefined();
    await putSetting("after-boom");
    expect(await setting("after-boom").executeTakeFirst()).toBeDefined();
  });

  it("waits asynchronously while another process holds the write lock, then commits", async () => {
    await ensureDbReady();
    const { released } = await holdWriteLock(sqliteFilePath(), 400);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    await putSetting("waited");
    clearInterval(timer);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    // The event loop kept running during the wait: no synchronous busy timeout.
    expect(ticks).toBeGreaterThan(10);
    expect(await setting("waited").executeTakeFirst()).toBeDefined();
    await released;
  });

  it("SQLITE_BUSY at BEGIN past the bound throws DatabaseBusyError, writes nothing, and the next write succeeds", async () => {
    const { released } = await holdWriteLock(sqliteFilePath(), 600);
    const error = await write(
      (tx) =>
        tx
          .insertInto("Setting")
          .values({ key: "busy", value: "1", updatedAt: new Date() })
          .execute(),
      { waitMs: 150 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseBusyError);
    expect(await canWrite(50)).toBe(false); // /healthz turns red while the writer is stuck
    await released;
    expect(await setting("busy").executeTakeFirst()).toBeUndefined();
    await putSetting("after-busy");
    expect(await setting("after-busy").executeTakeFirst()).toBeDefined();
    expect(await canWrite()).toBe(true);
  });

  for (const code of ["SQLITE_FULL", "SQLITE_IOERR"]) {
    it(`${code} at COMMIT rolls back, releases the connection, and the next write succeeds`, async () => {
      faults.beforeCommit = () => {
        faults.beforeCommit = undefined;
        throw Object.assign(new Error(`${code}: injected`), { code });
      };
      await expect(putSetting(`fault-${code}`)).rejects.toThrow(code);
      expect(await setting(`fault-${code}`).executeTakeFirst()).toBeUndefined();
      await putSetting(`after-${code}`);
      expect(await setting(`after-${code}`).executeTakeFirst()).toBeDefined();
    });
  }

  it("a unique violation is recognised, whichever connection raised it", async () => {
    await putSetting("dup");
    const error = await putSetting("dup").catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error("other"))).toBe(false);
  });
});

describe("streaming reads open their own connection", () => {
  it("a held-open stream leaves the shared connection free for other reads and writes", async () => {
    for (let i = 0; i < 5; i++) await putSetting(`stream-${i}`);
    const stream = streamRead((q) =>
      q
        .selectFrom("Setting")
        .select(["key", "updatedAt"])
        .where("key", "like", "stream-%")
        .orderBy("key"),
    );
    const first = await stream.next();
    expect(first.value?.updatedAt).toBeInstanceOf(Date);
    // While the stream is open (a slow client), the shared connection serves everyone else.
    expect(
      (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM Setting`.execute(db())).rows[0]!.n,
    ).toBeGreaterThan(4);
    await putSetting("during-stream");
    const rest: string[] = [];
    for await (const r of stream) rest.push(r.key);
    expect(rest).toEqual(["stream-1", "stream-2", "stream-3", "stream-4"]);
  });
});

describe("a busy database answers 503, never 500 (issue 11 item 22)", () => {
  it("a loader whose write cannot get the lock in time throws 503 + Retry-After + 系统繁忙，请稍后重试", async () => {
    const { released } = await holdWriteLock(sqliteFilePath(), 500);
    const loader = async () => {
      await write((tx) => tx.deleteFrom("Setting").where("key", "=", "none").execute(), {
        waitMs: 100,
      });
      return null;
    };
    const build = withBusyAnswer({
      routes: { r: { id: "r", path: "/", module: { default: () => null, loader } } },
    } as unknown as ServerBuild);
    const thrown = await (build.routes.r!.module.loader as typeof loader)().catch(
      (e: unknown) => e,
    );
    await released;
    expect(thrown).toBeInstanceOf(Response);
    const response = thrown as Response;
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(await response.text()).toBe("系统繁忙，请稍后重试");
  });

  it("/healthz is green when a write can begin and commit, red while another process holds the lock", async () => {
    const { loader } = await import("#app/routes/healthz.tsx");
    expect((await loader()).status).toBe(200);
    const { released } = await holdWriteLock(sqliteFilePath(), 1800);
    expect((await loader()).status).toBe(503);
    await released;
    expect((await loader()).status).toBe(200);
  });
});

describe("one unique-violation check for every connection", () => {
  it("recognises SQLite's, PostgreSQL's and Prisma's unique violations, nothing else", () => {
    for (const code of [
      "SQLITE_CONSTRAINT_UNIQUE",
      "SQLITE_CONSTRAINT_PRIMARYKEY",
      "23505",
      "P2002",
    ])
      expect(isUniqueViolation({ code })).toBe(true);
    for (const code of ["SQLITE_CONSTRAINT_FOREIGNKEY", "SQLITE_BUSY", "P2025"])
      expect(isUniqueViolation({ code })).toBe(false);
  });
});

describe("what counts as a busy database", () => {
  it("DatabaseBusyError, Prisma's rethrow of it, SQLITE_BUSY (P1008) and a transaction not started in time (P2028)", () => {
    expect(isDatabaseBusy(new DatabaseBusyError())).toBe(true);
    for (const code of ["DATABASE_BUSY", "P1008", "P2028"])
      expect(isDatabaseBusy(Object.assign(new Error("x"), { code }))).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error("x"), { code: "P2002" }))).toBe(false);
  });
});
