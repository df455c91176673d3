// `npm run db:pairs`: compares the kept assignment pairs and counters (decision 0007) with a
// recomputation from the records and prints the differences (exit 1 when any).
// `npm run db:pairs -- --rebuild`: rebuilds them from the records in one transaction first
// (`--no-check` then skips the comparison: the scale seed).
// A database tool (decision 0011): it may open the database below the data layer.
import Database from "better-sqlite3";
import { checkPairs, rebuildPairs } from "../app/modules/assignments/pairs.server.ts";
import { isPostgres } from "../app/data/db.server.ts";
import { env } from "../app/utils/env.server.ts";

const url = env().DATABASE_URL;
if (isPostgres(url)) {
  // why: the pairs module's check and rebuild are SQLite SQL until it is converted to the data
  // layer (issue 12, "who an assignment covers" once); tests/pg/db-pairs.test.ts waits for it.
  console.error("db:pairs: PostgreSQL needs the converted assignments pairs module (issue 12)");
  process.exit(2);
}
const db = new Database(url.replace(/^file:/, ""), { fileMustExist: true, timeout: 5000 });
db.pragma("foreign_keys = ON");
if (process.argv.includes("--rebuild")) {
  const started = Date.now();
  rebuildPairs(db);
  console.log(`db:pairs: rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (process.argv.includes("--no-check")) process.exit(0);
}
const check = checkPairs(db);
console.log(`db:pairs: ${JSON.stringify(check)}`);
process.exit(Object.values(check).some((n) => n > 0) ? 1 : 0);
