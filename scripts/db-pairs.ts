// `npm run db:pairs`: compares the kept assignment pairs and counters (decision 0007) with a
// recomputation from the records and prints the differences (exit 1 when any).
// `npm run db:pairs -- --rebuild`: rebuilds them from the records in one transaction.
import { checkPairs, rebuildPairs } from "../app/modules/assignments/pairs.server.ts";
import { sqlite } from "../app/utils/db.server.ts";

const db = sqlite();
if (process.argv.includes("--rebuild")) {
  const started = Date.now();
  rebuildPairs(db);
  console.log(`db:pairs: rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
const check = checkPairs(db);
console.log(`db:pairs: ${JSON.stringify(check)}`);
process.exit(Object.values(check).some((n) => n > 0) ? 1 : 0);
