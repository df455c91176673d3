// A second PROCESS that takes SQLite's write lock (BEGIN IMMEDIATE) and holds it, as another
// app instance, a CLI script or `sqlite3` would. Real contention, no mock.
import { spawn, type ChildProcess } from "node:child_process";

const SCRIPT = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1], { timeout: 0 });
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\\n");
setTimeout(() => { db.exec("COMMIT"); db.close(); process.exit(0); }, Number(process.argv[2]));
`;

/** Resolves once the other process holds the lock; `released` settles when it let go. */
export async function holdWriteLock(
  file: string,
  ms: number,
): Promise<{ child: ChildProcess; released: Promise<void> }> {
  const child = spawn(process.execPath, ["-e", SCRIPT, file, String(ms)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const released = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  return { child, released };
}
