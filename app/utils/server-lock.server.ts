// The running server marks the database it serves with a pid file beside it
// (`app.db.server-<pid>.pid`), so `npm run db:restore` can refuse while the database is in use
// (issue 11 item 20). A file whose process is gone (kill -9, a crash) is stale and is ignored.
import fs from "node:fs";
import path from "node:path";

const PATTERN = (base: string) =>
  new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.server-(\\d+)\\.pid$`);

export function pidFilePath(dbFile: string, pid = process.pid): string {
  return `${dbFile}.server-${pid}.pid`;
}

/** Writes this process's pid file and removes it when the process exits (a kill -9 leaves it: stale). */
export function holdDatabase(dbFile: string): string {
  const file = pidFilePath(dbFile);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${process.pid}\n`);
  process.on("exit", () => fs.rmSync(file, { force: true }));
  return file;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user; ESRCH: it is gone.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Servers holding the database: live pids; stale pid files are removed and listed apart. */
export function databaseHolders(dbFile: string): { live: number[]; stale: string[] } {
  const dir = path.dirname(dbFile);
  const pattern = PATTERN(path.basename(dbFile));
  const live: number[] = [];
  const stale: string[] = [];
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return { live, stale };
  }
  for (const entry of entries) {
    const match = pattern.exec(entry);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && isAlive(pid)) live.push(pid);
    else {
      stale.push(path.join(dir, entry));
      fs.rmSync(path.join(dir, entry), { force: true });
    }
  }
  return { live, stale };
}
