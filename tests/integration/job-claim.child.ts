// A second process for job-claim-suite.ts: N parallel claims of one run on the parent's
// database (DATABASE_URL from the parent) on the parent's go; prints how many it won.
import { closeDb, db } from "#app/data/db.server.ts";
import { readyThenGo } from "./race-child.ts";
import { claimRun } from "#app/modules/jobs/claim.server.ts";

const [job, runKey, count] = process.argv.slice(2);
// The connection open before the parent's go, so both sides start at once.
await db().selectFrom("JobRun").select("job").limit(1).execute();
await readyThenGo();
const won = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    claimRun(job!, runKey!, 60_000, new Date(), `child-${process.pid}-${i}`),
  ),
);
console.log(JSON.stringify(won.filter(Boolean).length));
await closeDb();
