// `npm run db:backup`: an online, consistent copy with VACUUM INTO, checked with
// integrity_check. Safe while the server runs (WAL readers do not block it).
// With DATABASE_URL=postgresql://… it runs pg_dump (custom format) instead: scripts/pg/backup.ts.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { env } from "../app/utils/env.server.ts";
import { pgBackup } from "./pg/backup.ts";
import { isPostgresUrl } from "./pg/migrate.ts";

if (isPostgresUrl(process.env.DATABASE_URL)) {
  try {
    const target = pgBackup(
      process.env.DATABASE_URL,
      path.resolve(process.env.BACKUP_DIR ?? "backups"),
    );
    console.log(
      `db:backup: ${target} (${(fs.statSync(target).size / 1024).toFixed(0)} KB, pg_dump custom format, archive readable)`,
    );
    process.exit(0);
  } catch (error) {
    console.error(`db:backup: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const source = path.resolve(env().DATABASE_URL.replace(/^file:/, ""));
if (!fs.existsSync(source)) {
  console.error(`db:backup: no database at ${source}`);
  process.exit(1);
}
const dir = path.resolve(process.env.BACKUP_DIR ?? "backups");
fs.mkdirSync(dir, { recursive: true });
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
const target = path.join(dir, `${path.basename(source, ".db")}-${stamp}.db`);
if (fs.existsSync(target)) {
  console.error(`db:backup: ${target} already exists`);
  process.exit(1);
}
const db = new Database(source, { readonly: true, timeout: 5000 });
db.prepare("VACUUM INTO ?").run(target);
db.close();
const copy = new Database(target, { readonly: true });
const result = copy.pragma("integrity_check", { simple: true });
copy.close();
if (result !== "ok") {
  console.error(`db:backup: integrity_check on ${target} failed: ${result}`);
  process.exit(1);
}
console.log(
  `db:backup: ${target} (${(fs.statSync(target).size / 1024).toFixed(0)} KB, integrity ok)`,
);
