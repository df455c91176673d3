// `npm run consult:remind`: the day-before reminders (in-app, and e-mail when SMTP_URL is set) for
// confirmed bookings that start tomorrow, Beijing time. Reminds each booking once; run it daily
// from cron, e.g. at 09:00:  0 9 * * *  cd /srv/fzxt && npm run consult:remind
// In a cluster every node may run it: one process per Beijing day claims the run (JobRun,
// decision 0017), the others print who has it and exit 0. The admin's button runs it any time.
import { closeDb } from "../app/data/db.server.ts";
import { sendDayBeforeReminders } from "../app/modules/booking/remind.server.ts";
import { beijingDay } from "../app/modules/booking/slots.ts";
import { runOnce } from "../app/modules/jobs/claim.server.ts";

const LEASE_MS = 30 * 60_000;
const r = await runOnce("consult:remind", beijingDay(Date.now()), LEASE_MS, () =>
  sendDayBeforeReminders(null),
);
if (r.ran)
  console.log(
    `consult:remind: ${r.value.bookings} booking(s) tomorrow, ${r.value.notices} notice(s), ${r.value.mailed} e-mail(s)`,
  );
else
  console.log(
    `consult:remind: today's run ${r.finished ? "was done" : "is under way"} by ${r.holder}; nothing to do here`,
  );
await closeDb();
