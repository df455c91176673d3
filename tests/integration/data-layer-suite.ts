// The data layer's rules, run alike on SQLite (tests/integration/data-layer.test.ts) and on
// PostgreSQL (tests/pg/data-layer.test.ts). SQL here is quoted, standard SQL that both run.
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import {
  DatabaseBusyError,
  db,
  faults,
  isUniqueViolation,
  streamRead,
  write,
} from "#app/data/db.server.ts";

export type Harness = {
  /**
   * Another connection or process holds a lock that a write of the Setting row `key` waits for
   * (SQLite: the database's write lock; PostgreSQL: that row's lock), for `ms`.
   */
  holdLock(key: string, ms: number): Promise<{ released: Promise<void> }>;
};

export const setting = (key: string) =>
  db().selectFrom("Setting").select(["key", "value", "updatedAt"]).where("key", "=", key);

export const putSetting = (key: string, at = new Date()) =>
  write((tx) => tx.insertInto("Setting").values({ key, value: "1", updatedAt: at }).execute());

const touch = (key: string, waitMs?: number) =>
  write(
    (tx) => tx.updateTable("Setting").set({ value: "2" }).where("key", "=", key).executeTakeFirst(),
    { waitMs },
  );

export function dataLayerSuite(h: Harness) {
  afterEach(() => {
    faults.beforeCommit = undefined;
  });

  describe("one row shape: Date, boolean and number, on either database", () => {
    it("returns DateTime columns as Date and Boolean columns as boolean, aliased too", async () => {
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

    it("returns COUNT and SUM as numbers", async () => {
      await putSetting("count-1");
      const { rows } = await sql<{ n: number; s: number }>`
        SELECT COUNT(*) AS n, SUM(LENGTH("key")) AS s FROM "Setting" WHERE "key" = 'count-1'`.execute(
        db(),
      );
      expect(rows[0]).toEqual({ n: 1, s: 7 });
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

    it("waits asynchronously while another connection holds the lock, then commits", async () => {
      await putSetting("waited");
      const { released } = await h.holdLock("waited", 400);
      let ticks = 0;
      const timer = setInterval(() => ticks++, 10);
      const started = Date.now();
      await touch("waited");
      clearInterval(timer);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      // The event loop kept running during the wait.
      expect(ticks).toBeGreaterThan(10);
      expect((await setting("waited").executeTakeFirstOrThrow()).value).toBe("2");
      await released;
    });

    it("a lock held past the bound throws DatabaseBusyError, writes nothing, and the next write succeeds", async () => {
      await putSetting("held");
      const { released } = await h.holdLock("held", 600);
      const started = Date.now();
      const error = await touch("held", 150).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseBusyError);
      expect(Date.now() - started).toBeLessThan(550);
      await released;
      expect((await setting("held").executeTakeFirstOrThrow()).value).toBe("1");
      await touch("held");
      expect((await setting("held").executeTakeFirstOrThrow()).value).toBe("2");
    });

    it("an error at COMMIT rolls back, releases the connection, and the next write succeeds", async () => {
      faults.beforeCommit = () => {
        faults.beforeCommit = undefined;
        throw Object.assign(new Error("SQLITE_IOERR: injected"), { code: "SQLITE_IOERR" });
      };
      await expect(putSetting("fault-commit")).rejects.toThrow("injected");
      expect(await setting("fault-commit").executeTakeFirst()).toBeUndefined();
      await putSetting("after-fault");
      expect(await setting("after-fault").executeTakeFirst()).toBeDefined();
    });

    it("a unique violation is recognised, whichever database raised it", async () => {
      await putSetting("dup");
      const error = await putSetting("dup").catch((e: unknown) => e);
      expect(isUniqueViolation(error)).toBe(true);
      expect(isUniqueViolation(new Error("other"))).toBe(false);
    });

    it("50 simultaneous writes racing for one unique key: exactly one wins, the rest lose cleanly", async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          write(async (tx) => {
            // Check, then insert: the pattern of a booking for one slot.
            const taken = await tx
              .selectFrom("Setting")
              .select("key")
              .where("key", "=", "slot")
              .executeTakeFirst();
            if (taken) return "taken";
            await tx
              .insertInto("Setting")
              .values({ key: "slot", value: String(i), updatedAt: new Date() })
              .execute();
            return "won";
          }).catch((e: unknown) => (isUniqueViolation(e) ? "taken" : e)),
        ),
      );
      expect(outcomes.filter((o) => o === "won")).toHaveLength(1);
      expect(outcomes.filter((o) => o === "taken")).toHaveLength(49);
      const { rows } = await sql<{ n: number }>`
        SELECT COUNT(*) AS n FROM "Setting" WHERE "key" = 'slot'`.execute(db());
      expect(rows[0]!.n).toBe(1);
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
      const { rows } = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM "Setting"`.execute(db());
      expect(rows[0]!.n).toBeGreaterThan(4);
      await putSetting("during-stream");
      const rest: string[] = [];
      for await (const r of stream) rest.push(r.key);
      expect(rest).toEqual(["stream-1", "stream-2", "stream-3", "stream-4"]);
    });
  });
}
