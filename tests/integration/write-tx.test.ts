import { describe, expect, it } from "vitest";
import { ensureDbReady, prisma, sqlite, writeTx } from "#app/utils/db.server.ts";
import { PG_MODE } from "../setup/test-db.ts";

// SQLite only (TEST_DB=pg skips it): two SQLite connections of one process (Prisma's and
// writeTx's) taking turns on the file lock; PostgreSQL has neither.
describe.skipIf(PG_MODE)("two writer connections (Prisma's and writeTx) take turns", () => {
  it("a Prisma transaction that reads, waits, then writes still commits; writeTx waits for it instead of committing under it", async () => {
    await ensureDbReady(); // WAL, as in production: readers never block the writer
    expect(sqlite().pragma("journal_mode", { simple: true })).toBe("wal");
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const prismaTx = prisma
      .$transaction(async (tx) => {
        await tx.setting.count(); // a read first: with a deferred BEGIN this pins a snapshot
        await gate;
        await tx.setting.upsert({
          where: { key: "wt-prisma" },
          create: { key: "wt-prisma", value: "1" },
          update: { value: "1" },
          select: { key: true },
        });
      })
      .then(
        () => log.push("prisma committed"),
        (e: Error) => log.push(`prisma failed: ${e.message.slice(0, 80)}`),
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const raw = writeTx((db) =>
      db
        .prepare("INSERT OR REPLACE INTO Setting (key, value, updatedAt) VALUES ('wt-raw', '1', ?)")
        .run(Date.now()),
    ).then(() => log.push("raw committed"));
    setTimeout(release, 50);
    await Promise.all([prismaTx, raw]);
    expect(log).toEqual(["prisma committed", "raw committed"]);
    expect(await prisma.setting.count({ where: { key: { in: ["wt-prisma", "wt-raw"] } } })).toBe(2);
  });

  it("rolls the whole writeTx back when it throws", async () => {
    await expect(
      writeTx((db) => {
        db.prepare(
          "INSERT INTO Setting (key, value, updatedAt) VALUES ('wt-rollback', '1', ?)",
        ).run(Date.now());
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await prisma.setting.count({ where: { key: "wt-rollback" } })).toBe(0);
  });
});
