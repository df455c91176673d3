import type { ServerBuild } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";
import {
  canWrite,
  DatabaseBusyError,
  faults,
  isUniqueViolation,
  write,
} from "#app/data/db.server.ts";
import { isDatabaseBusy, withBusyAnswer } from "#app/data/busy.server.ts";
import { databaseFile, ensureDbReady } from "#app/data/ready.server.ts";

const sqliteFilePath = () => databaseFile()!;
import { dataLayerSuite, putSetting, setting } from "./data-layer-suite.ts";
import { holdWriteLock } from "./hold-lock.ts";
import { PG_MODE } from "../setup/test-db.ts";

afterEach(() => {
  faults.beforeCommit = undefined;
});

// SQLite only (TEST_DB=pg skips these): a second process holding SQLite's file lock, SQLite's
// own fault codes. The rules both databases share run on PostgreSQL in
// tests/pg/data-layer.test.ts, with PostgreSQL's row locks in place of the file lock.
describe.skipIf(PG_MODE)("the rules both databases share, on SQLite", () => {
  dataLayerSuite({
    async holdLock(_key, ms) {
      await ensureDbReady();
      return holdWriteLock(sqliteFilePath(), ms);
    },
  });
});

describe.skipIf(PG_MODE)("the write rule on SQLite", () => {
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
});

// SQLite only: the lock is held by a second process on the SQLite file (TEST_DB=pg skips it).
describe.skipIf(PG_MODE)("a busy database answers 503, never 500 (issue 11 item 22)", () => {
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
  it("recognises SQLite's and PostgreSQL's unique violations, nothing else", () => {
    for (const code of ["SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY", "23505"])
      expect(isUniqueViolation({ code })).toBe(true);
    for (const code of ["SQLITE_CONSTRAINT_FOREIGNKEY", "SQLITE_BUSY", "23503", "P2002"])
      expect(isUniqueViolation({ code })).toBe(false);
  });
});

describe("what counts as a busy database", () => {
  it("DatabaseBusyError (also as a wrapper rethrows it, by its code), nothing else", () => {
    expect(isDatabaseBusy(new DatabaseBusyError())).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error("x"), { code: "DATABASE_BUSY" }))).toBe(true);
    for (const code of ["P1008", "23505", "SQLITE_CONSTRAINT_UNIQUE"])
      expect(isDatabaseBusy(Object.assign(new Error("x"), { code }))).toBe(false);
  });
});
