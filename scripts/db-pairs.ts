// `npm run db:pairs`: compares the kept assignment pairs and counters (decision 0007) with a
// recomputation from the records (the coverage view AssignmentCoverage) and prints the
// differences (exit 1 when any). `npm run db:pairs -- --rebuild`: rebuilds them from the
// records in one transaction first (`--no-check` then skips the comparison: the scale seed).
// On DATABASE_URL, SQLite or PostgreSQL.
import { closeDb } from "../app/data/db.server.ts";
import { checkPairs, rebuildPairs } from "../app/modules/assignments/pairs.server.ts";

if (process.argv.includes("--rebuild")) {
  const started = Date.now();
  await rebuildPairs();
  console.log(`db:pairs: rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (process.argv.includes("--no-check")) {
    await closeDb();
    process.exit(0);
  }
}
const check = await checkPairs();
console.log(`db:pairs: ${JSON.stringify(check)}`);
await closeDb();
process.exit(Object.values(check).some((n) => n > 0) ? 1 : 0);
