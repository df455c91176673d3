// `npm run files:purge`: deletes booking files N days (系统设置 → 预约设置, default 180)
// after their booking ended, and files no row names. Safe to run from cron, e.g. daily:
//   15 3 * * *  cd /srv/fzxt && npm run files:purge
import { purgeFiles } from "../app/modules/booking/purge.server.ts";
import { consultSettings } from "../app/modules/booking/settings.server.ts";
import { closeDb } from "../app/data/db.server.ts";

const days = (await consultSettings()).retentionDays;
const r = await purgeFiles(days);
console.log(
  `files:purge: ${r.expired} file(s) past the ${days}-day retention and ${r.orphans} orphan(s) deleted`,
);
await closeDb();
