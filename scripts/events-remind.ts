// `npm run events:remind`: the day-before reminder of lectures and case discussions (issue 20):
// everyone signed up for an event that starts tomorrow (Beijing time) and is not cancelled gets
// one notice (in-app, and e-mail when SMTP_URL is set). Run it daily from cron, e.g. at 09:00:
//   0 9 * * *  cd /srv/fzxt && npm run events:remind
// Exactly once across instances: one job claim per event and day (JobRun, decision 0017) and a
// per-sign-up mark written with the notice, so every node of a cluster may run it.
import { closeDb } from "../app/data/db.server.ts";
import { sendEventReminders } from "../app/modules/events/remind.server.ts";

const r = await sendEventReminders();
console.log(
  `events:remind: ${r.events} event(s) on ${r.day}, ${r.sent} reminded by this run, ${r.reminded} person(s) reminded`,
);
await closeDb();
