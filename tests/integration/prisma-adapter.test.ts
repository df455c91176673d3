import { describe, expect, it } from "vitest";
import { DatabaseBusyError } from "#app/data/errors.ts";
import { ensureDbReady, prisma, sqliteFilePath } from "#app/utils/db.server.ts";
import { holdWriteLock } from "./hold-lock.ts";
import { PG_MODE } from "../setup/test-db.ts";

// Prisma's connection follows the write rule until it is converted (decision 0011).
const upsert = (key: string) =>
  prisma.$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key },
      create: { key, value: "1" },
      update: { value: "2" },
      select: { key: true },
    });
  });

// SQLite only (TEST_DB=pg skips it): Prisma runs on SQLite alone here, through its
// better-sqlite3 adapter, until it leaves the runtime (decision 0011).
describe.skipIf(PG_MODE)("Prisma's transactions under a lock held by another process", () => {
  it("wait asynchronously (the event loop keeps running) and then commit", async () => {
    await ensureDbReady();
    const { released } = await holdWriteLock(sqliteFilePath(), 400);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await upsert("prisma-waited");
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(10);
    await released;
    expect(await prisma.setting.count({ where: { key: "prisma-waited" } })).toBe(1);
  });

  it("SQLITE_BUSY at BEGIN past the bound: DatabaseBusyError, and the next transaction succeeds (no mutex left held)", async () => {
    await ensureDbReady();
    const { released } = await holdWriteLock(sqliteFilePath(), 6500);
    const error = await upsert("prisma-busy").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseBusyError);
    await released;
    await upsert("prisma-after-busy");
    expect(await prisma.setting.count({ where: { key: "prisma-after-busy" } })).toBe(1);
  }, 20_000);

  it("a plain Prisma write outside a transaction waits for the lock asynchronously", async () => {
    await ensureDbReady();
    const { released } = await holdWriteLock(sqliteFilePath(), 300);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await prisma.setting.create({
      data: { key: "prisma-plain", value: "1" },
      select: { key: true },
    });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
    await released;
  });
});
