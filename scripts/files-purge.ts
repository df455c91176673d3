// `npm run files:purge`: deletes booking files N days (系统设置 → 预约设置, default 180)
// after their booking ended, and files no row names. Safe to run from cron, e.g. daily:
//   15 3 * * *  cd /srv/fzxt && npm run files:purge
// In a cluster every node may run it: one process per Beijing day claims the run (JobRun,
// decision 0017) and purges the shared FILES_DIR; the others print who has it and exit 0.
import { closeDb } from "../app/data/db.server.ts";
import { purgeFiles } from "../app/modules/booking/purge.server.ts";
import { consultSettings } from "../app/modules/booking/settings.server.ts";
import { beijingDay } from "../app/modules/booking/slots.ts";
import { runOnce } from "../app/modules/jobs/claim.server.ts";

const LEASE_MS = 60 * 60_000;
const r = await runOnce("files:purge", beijingDay(Date.now()), LEASE_MS, async () => {
  const days = (await consultSettings()).retentionDays;
  return { days, ...(await purgeFiles(days)) };
});
if (r.ran)
  console.log(
    `files:purge: ${r.value.expired} file(s) past the ${r.value.days}-day retention and ${r.value.orphans} orphan(s) deleted`,
  );
else
  console.log(
    `files:purge: today's run ${r.finished ? "was done" : "is under way"} by ${r.holder}; nothing to do here`,
  );
await closeDb();
