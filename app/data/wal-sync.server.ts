import { realpathSync } from "node:fs";
import fs from "node:fs/promises";

// The fsync of SQLite's writes, off the event loop and shared by the commits that wait together
// (decision 0025). The shared connection runs WAL with synchronous = NORMAL: a COMMIT writes its
// frames into the WAL (they reach the OS, so a process crash keeps them) without fsync. `write`
// then waits for `durable()`, an fdatasync of the WAL file on libuv's thread pool, before it
// returns: nobody is told "saved" before the commit is on disk, as with synchronous = FULL, but
// the event loop serves other requests during the disk wait, and every commit made while one sync
// runs is covered by the next one (group commit).

/**
 * One sync at a time. `durable()` resolves once a sync that began after the call has finished:
 * when none runs, one begins now; when one runs, it may have begun before the caller's commit
 * reached the WAL, so the caller waits for the next one, which begins when the running one ends
 * and covers every caller that queued meanwhile. A failed sync rejects its waiters (they may not
 * report their commit as saved); the next call begins a fresh one.
 */
export class WalSync {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  /** Syncs begun (tests: commits share them). */
  syncs = 0;

  constructor(private readonly sync: () => Promise<void>) {}

  durable(): Promise<void> {
    if (this.queued) return this.queued;
    const running = this.running;
    if (!running) return this.begin();
    const next = running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.begin();
      });
    this.queued = next;
    return next;
  }

  private begin(): Promise<void> {
    this.syncs++;
    const p: Promise<void> = this.sync().finally(() => {
      if (this.running === p) this.running = null;
    });
    this.running = p;
    return p;
  }
}

/**
 * fdatasync of `<file>-wal`, opened on first use (a write in WAL mode has created it; it keeps
 * its inode while any connection, ours included, has the database open). `file` must exist: a
 * symbolic link is resolved first, as SQLite does, which puts the WAL beside the link's target.
 */
export function walFileSync(file: string): {
  sync: () => Promise<void>;
  close: () => Promise<void>;
} {
  const wal = `${realpathSync(file)}-wal`;
  let handle: Promise<fs.FileHandle> | null = null;
  return {
    async sync() {
      handle ??= fs.open(wal, "r");
      try {
        await (await handle).datasync();
      } catch (error) {
        // Open afresh next time (a failed open is not kept either). No WAL file (ENOENT) is an
        // error too: SQLite creates it when our connection first reads, so its absence means a
        // wrong path, and a silent success there would be a commit never synced.
        handle = null;
        throw error;
      }
    },
    async close() {
      const h = handle;
      handle = null;
      await (await h?.catch(() => null))?.close();
    },
  };
}
