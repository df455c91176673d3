import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { openSqlite } from "./sqlite.server.ts";
import { walFileSync, WalSync } from "./wal-sync.server.ts";

function deferred() {
  let finish!: () => void;
  let fail!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    finish = res;
    fail = rej;
  });
  return { promise, finish, fail };
}

/** A WalSync whose syncs the test finishes (or fails) by hand, in the order they began. */
function heldSyncs() {
  const runs: ReturnType<typeof deferred>[] = [];
  const s = new WalSync(() => {
    const d = deferred();
    runs.push(d);
    return d.promise;
  });
  return { runs, s };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("WalSync: one sync at a time, every waiter covered by a sync begun after its call", () => {
  it("a call with no sync running begins one; calls during it share the next one", async () => {
    const { runs, s } = heldSyncs();
    const a = s.durable();
    const b = s.durable();
    const c = s.durable();
    expect(runs).toHaveLength(1);
    expect(b).toBe(c);
    let bDone = false;
    void b.then(() => (bDone = true));
    runs[0]!.finish();
    await a;
    await tick();
    expect(runs).toHaveLength(2);
    expect(bDone).toBe(false);
    runs[1]!.finish();
    await Promise.all([b, c]);
    expect(s.syncs).toBe(2);
    // Idle again: the next call begins a sync of its own at once.
    const d = s.durable();
    expect(runs).toHaveLength(3);
    runs[2]!.finish();
    await d;
  });

  it("a failed sync rejects its waiters only; the queued ones get a fresh sync", async () => {
    const { runs, s } = heldSyncs();
    const a = s.durable();
    const b = s.durable();
    runs[0]!.fail(new Error("EIO"));
    await expect(a).rejects.toThrow("EIO");
    await tick();
    expect(runs).toHaveLength(2);
    runs[1]!.finish();
    await b;
  });
});

describe("walFileSync", () => {
  it("fdatasyncs the real WAL file; a missing one is an error (a wrong path must not pass as synced)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "walsync-"));
    const file = path.join(dir, "x.db");
    fs.writeFileSync(file, "");
    const missing = walFileSync(file);
    await expect(missing.sync()).rejects.toMatchObject({ code: "ENOENT" });
    fs.writeFileSync(`${file}-wal`, "frames");
    const present = walFileSync(file);
    await present.sync();
    await present.sync();
    await present.close();
    await missing.close();
    fs.rmSync(dir, { recursive: true });
  });

  it("finds the WAL beside a symlinked database's target, where SQLite writes it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "walsync-link-"));
    fs.mkdirSync(path.join(dir, "real"));
    fs.mkdirSync(path.join(dir, "links"));
    const target = path.join(dir, "real", "app.db");
    const link = path.join(dir, "links", "app.db");
    new Database(target).close();
    fs.symlinkSync(target, link);
    const viaLink = openSqlite(link, { deferSync: true });
    expect(viaLink.deferredSync).toBe(true);
    viaLink.raw.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1)");
    expect(fs.existsSync(`${target}-wal`)).toBe(true);
    expect(fs.existsSync(`${link}-wal`)).toBe(false);
    const wal = walFileSync(link);
    await wal.sync();
    await wal.close();
    viaLink.close();
    fs.rmSync(dir, { recursive: true });
  });
});
