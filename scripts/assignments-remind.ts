// `npm run assignments:remind`: the scheduled reminder N days before an assignment's due date
// (N: 系统设置 → 学习任务到期提醒, default 3, 0 = off), in-app and by e-mail when SMTP_URL is set.
// Run it daily from cron, e.g. at 08:30:  30 8 * * *  cd /srv/fzxt && npm run assignments:remind
// Idempotent: each assignment and due day is one job claim (JobRun, decision 0017), so a second
// run, or every node of a cluster at the same minute, sends nothing new; and nobody gets more
// than one reminder of an assignment in 24 hours, however it was sent.
import { closeDb } from "../app/data/db.server.ts";
import { sendDueReminders } from "../app/modules/assignments/remind-due.server.ts";

const r = await sendDueReminders();
console.log(
  r.days === 0
    ? "assignments:remind: the reminder before the due date is off (系统设置: 0 days)"
    : `assignments:remind: ${r.due} assignment(s) due within ${r.days} day(s), ${r.sent} reminded now, ${r.reminded} person(s) reminded, ${r.skipped} skipped (reminded within 24 h)`,
);
await closeDb();
