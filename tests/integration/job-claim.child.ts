// A second process for job-claim-suite.ts: N parallel claims of one run on the parent's
// database (DATABASE_URL from the parent) at an agreed moment; prints how many it won.
import { closeDb } from "#app/data/db.server.ts";
import { claimRun } from "#app/modules/jobs/claim.server.ts";

const [job, runKey, count, startAt] = process.argv.slice(2);
await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
const won = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    claimRun(job!, runKey!, 60_000, new Date(), `child-${process.pid}-${i}`),
  ),
);
console.log(JSON.stringify(won.filter(Boolean).length));
await closeDb();
