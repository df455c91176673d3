import { overdueReviewCount } from "#app/modules/booking/review.server.ts";
import fs from "node:fs/promises";
import path from "node:path";
import { compiled } from "#app/data/compiled.server.ts";
import { canWrite, isPostgres } from "#app/data/db.server.ts";
import { sqliteFilePath } from "#app/data/sqlite.server.ts";
import { jobsOf } from "#app/modules/roster/jobs.server.ts";
import { env } from "#app/utils/env.server.ts";

/** A backup older than this is flagged on the admin home. */
export const BACKUP_STALE_HOURS = 26;
/** Free space below this is flagged. */
export const DISK_LOW_BYTES = 1024 ** 3;

/** The folder whose disk matters: the SQLite file's, or on PostgreSQL the booking files'. */
export function dataDir(): string {
  const url = env().DATABASE_URL;
  return isPostgres(url) ? path.resolve(env().FILES_DIR) : path.dirname(sqliteFilePath(url));
}

/** Free bytes on the disk that holds `dir`, or its nearest existing parent (a files folder not made yet). */
async function freeBytes(dir: string): Promise<number | null> {
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      const s = await fs.statfs(d);
      return s.bavail * s.bsize;
    } catch {
      if (path.dirname(d) === d) return null;
    }
  }
}

/** The newest `db:backup` output (SQLite .db or PostgreSQL .dump) in BACKUP_DIR, or null. */
export async function newestBackup(dir = path.resolve(env().BACKUP_DIR)) {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return null;
  }
  let newest: { name: string; at: Date } | null = null;
  for (const name of names) {
    if (!/\.(db|dump)$/.test(name)) continue;
    const stat = await fs.stat(path.join(dir, name)).catch(() => null);
    if (stat?.isFile() && (!newest || stat.mtime > newest.at)) newest = { name, at: stat.mtime };
  }
  return newest;
}

/** Database (a write can begin and commit), free disk of the data folder, newest backup's age. */
export async function systemHealth(now: Date) {
  const dir = dataDir();
  const [writable, free, backup] = await Promise.all([
    canWrite(1000),
    freeBytes(dir),
    newestBackup(),
  ]);
  const backupHours = backup ? (now.getTime() - backup.at.getTime()) / 3_600_000 : null;
  return {
    database: writable,
    dialect: isPostgres(env().DATABASE_URL) ? "PostgreSQL" : "SQLite",
    freeBytes: free,
    diskLow: free !== null && free < DISK_LOW_BYTES,
    backupAt: backup?.at ?? null,
    backupHours,
    backupStale: backupHours === null || backupHours > BACKUP_STALE_HOURS,
  };
}

// Compiled once: read on every admin home (issue 14).
const PENDING_ENTERPRISES = compiled((q) =>
  q
    .selectFrom("Enterprise")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "PENDING"),
);

/** The admin home: enterprises waiting for approval, overdue contract reviews, this admin's import jobs, system health. */
export async function adminHome(adminId: number, now: Date) {
  const [pending, health, overdueReviews] = await Promise.all([
    PENDING_ENTERPRISES.read(),
    systemHealth(now),
    overdueReviewCount(now),
  ]);
  const pendingEnterprises = Number(pending[0]?.n ?? 0);
  return { pendingEnterprises, overdueReviews, jobs: jobsOf(adminId), health };
}
