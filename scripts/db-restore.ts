// `npm run db:restore -- <backup file>`: stop the server first (it refuses, exit 1, while a
// live server's pid file sits beside the database). Checks the backup, keeps the current database beside it as *.before-restore-<time>, and
// puts the backup in its place.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { env } from "../app/utils/env.server.ts";
import { databaseHolders } from "../app/utils/server-lock.server.ts";

const backup = process.argv[2];
if (!backup || !fs.existsSync(backup)) {
  console.error("usage: npm run db:restore -- <backup file>   (stop the server first)");
  process.exit(2);
}
const target = path.resolve(env().DATABASE_URL.replace(/^file:/, ""));
// A running server keeps writing to the file it has open: restoring under it loses writes.
const holders = databaseHolders(target);
for (const file of holders.stale) console.log(`db:restore: removed stale pid file ${file}`);
if (holders.live.length > 0) {
  console.error(
    `db:restore: the database ${target} is in use by the running server (pid ${holders.live.join(", ")}); nothing changed.\n` +
      `Stop the server first (Ctrl+C in its terminal, or kill ${holders.live.join(" ")} / systemctl stop <service>), wait for it to exit, then run db:restore again.`,
  );
  process.exit(1);
}
const check = new Database(backup, { readonly: true });
const result = check.pragma("integrity_check", { simple: true });
check.close();
if (result !== "ok") {
  console.error(`db:restore: ${backup} fails integrity_check (${result}); nothing changed`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
if (fs.existsSync(target)) {
  // Fold any WAL into the file before moving it aside, so the kept copy is whole.
  const current = new Database(target);
  current.pragma("wal_checkpoint(TRUNCATE)");
  current.close();
  const kept = `${target}.before-restore-${Date.now()}`;
  fs.renameSync(target, kept);
  console.log(`db:restore: current database kept as ${kept}`);
}
for (const suffix of ["-wal", "-shm"]) fs.rmSync(target + suffix, { force: true });
fs.copyFileSync(backup, target);
console.log(
  `db:restore: ${backup} restored to ${target}; run npm start (pending migrations are applied)`,
);
