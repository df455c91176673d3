// Decision 0025: on SQLite the COMMIT does not fsync; `write` returns only after an fdatasync of
// the WAL that began after its commit, shared by the commits that wait together.
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { counterWrite, db, faults, walSyncCount, write } from "#app/data/db.server.ts";
import { putSetting, setting } from "./data-layer-suite.ts";
import { PG_MODE } from "../setup/test-db.ts";

afterEach(() => {
  faults.walSync = undefined;
});

/** Replaces the fdatasync with syncs the test finishes by hand. */
function heldSyncs() {
  const pending: { finish: () => void; fail: (e: Error) => void }[] = [];
  faults.walSync = () =>
    new Promise<void>((resolve, reject) => pending.push({ finish: resolve, fail: reject }));
  return pending;
}

const settled = (p: Promise<unknown>) => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  return () => done;
};

const tick = () => new Promise((r) => setImmediate(r));

describe.skipIf(PG_MODE)("the WAL sync of the write rule on SQLite (decision 0025)", () => {
  it("the shared connection commits with synchronous = NORMAL (the write rule syncs instead)", async () => {
    await putSetting("wal-mode");
    const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(db());
    expect(mode.rows[0]!.journal_mode).toBe("wal");
    const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(db());
    expect(sync.rows[0]!.synchronous).toBe(1);
  });

  it("a write is visible once committed but returns only after a WAL sync that began after its commit", async () => {
    const syncs = heldSyncs();
    const saved = putSetting("wal-wait");
    const done = settled(saved);
    await tick();
    expect(syncs).toHaveLength(1);
    expect(await setting("wal-wait").executeTakeFirst()).toBeDefined(); // committed, connection free
    expect(done()).toBe(false);
    syncs[0]!.finish();
    await saved;
  });

  it("commits made while a sync runs wait for the next one, and share it", async () => {
    const syncs = heldSyncs();
    const first = putSetting("wal-first");
    await tick();
    expect(syncs).toHaveLength(1);
    const later = Array.from({ length: 5 }, (_, i) => putSetting(`wal-later-${i}`));
    const laterDone = later.map(settled);
    await tick();
    expect(syncs).toHaveLength(1); // queued behind the running sync, not one each
    syncs[0]!.finish();
    await first;
    await tick();
    expect(syncs).toHaveLength(2);
    expect(laterDone.some((d) => d())).toBe(false); // the first sync may predate their commits
    syncs[1]!.finish();
    await Promise.all(later);
    expect(syncs).toHaveLength(2);
  });

  it("a failed sync fails the writes waiting on it; the next write syncs afresh and succeeds", async () => {
    const syncs = heldSyncs();
    const failing = putSetting("wal-fail");
    await tick();
    syncs[0]!.fail(Object.assign(new Error("EIO: injected"), { code: "EIO" }));
    await expect(failing).rejects.toThrow("EIO");
    const next = putSetting("wal-after-fail");
    await tick();
    expect(syncs).toHaveLength(2);
    syncs[1]!.finish();
    await next;
    expect(await setting("wal-after-fail").executeTakeFirst()).toBeDefined();
  });

  it("a counter write does not wait for the sync (losing its last counts costs nothing)", async () => {
    heldSyncs(); // never finished
    const query = db()
      .insertInto("Setting")
      .values({ key: "wal-counter", value: "1", updatedAt: new Date() })
      .compile();
    await counterWrite(query);
    await write(
      (tx) =>
        tx
          .insertInto("Setting")
          .values({ key: "wal-counter-2", value: "1", updatedAt: new Date() })
          .execute(),
      { counter: true },
    );
    expect(await setting("wal-counter-2").executeTakeFirst()).toBeDefined();
  });

  it("with the real fdatasync, 20 simultaneous writes share at most two syncs", async () => {
    await putSetting("wal-real-0");
    const before = walSyncCount();
    await Promise.all(Array.from({ length: 20 }, (_, i) => putSetting(`wal-real-${i + 1}`)));
    const used = walSyncCount() - before;
    expect(used).toBeGreaterThanOrEqual(1);
    expect(used).toBeLessThanOrEqual(2);
  });
});
