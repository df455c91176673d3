// `npm run consult:remind`: the day-before reminders (in-app, and e-mail when SMTP_URL is set) for
// confirmed bookings that start tomorrow, Beijing time. Reminds each booking once; run it daily
// from cron, e.g. at 09:00:  0 9 * * *  cd /srv/fzxt && npm run consult:remind
import { sendDayBeforeReminders } from "../app/modules/booking/remind.server.ts";
import { closeDb } from "../app/data/db.server.ts";

const r = await sendDayBeforeReminders(null);
console.log(
  `consult:remind: ${r.bookings} booking(s) tomorrow, ${r.notices} notice(s), ${r.mailed} e-mail(s)`,
);
await closeDb();
