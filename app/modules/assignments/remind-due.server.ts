import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { runOnce } from "#app/modules/jobs/claim.server.ts";
import { shanghaiDayStart } from "#app/utils/dates.ts";
import { remindPeople } from "./remind.server.ts";
import { peopleBehind } from "./rollup.server.ts";
import { dueDayOf } from "./schemas.ts";

// The scheduled reminder before a due date (issue 17, `npm run assignments:remind`, daily from
// cron). Every live assignment whose due day is at most N days away (N: 系统设置, 0 = off) gets
// one scheduled reminder to everyone not done. "One" is a job claim (decision 0017) per
// assignment and due day, `assignments:remind-due` / `<id>@<YYYY-MM-DD>`: the first run that
// finds the assignment inside the window sends it and finishes the claim; later runs (the same
// day, the next days, another node at the same minute) find the claim finished and send
// nothing. A new due date (extended) is a new run. The 24-hour rule of remindPeople holds
// beside it: a person a manager reminded this morning is skipped.

export const REMIND_DAYS_KEY = "assignmentRemindDaysBefore";
export const DEFAULT_REMIND_DAYS = 3;
export const MAX_REMIND_DAYS = 60;
const JOB = "assignments:remind-due";
const LEASE_MS = 30 * 60_000;
const DAY_MS = 24 * 3600_000;

/** N: how many days before the due date the scheduled reminder goes out (0: never). */
export async function remindDaysBefore(): Promise<number> {
  const row = await db()
    .selectFrom("Setting")
    .select("value")
    .where("key", "=", REMIND_DAYS_KEY)
    .executeTakeFirst();
  if (!row) return DEFAULT_REMIND_DAYS;
  const n = Number(row.value);
  return Number.isInteger(n) && n >= 0 && n <= MAX_REMIND_DAYS ? n : DEFAULT_REMIND_DAYS;
}

export async function setRemindDaysBefore(
  actor: { id: number; username: string },
  ip: string | null,
  days: number,
) {
  await write(async (tx) => {
    const value = String(days);
    const updatedAt = new Date();
    await tx
      .insertInto("Setting")
      .values({ key: REMIND_DAYS_KEY, value, updatedAt })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value, updatedAt }))
      .execute();
    await audit(tx, {
      actor,
      action: "SETTING_UPDATE",
      objectType: "setting",
      objectId: REMIND_DAYS_KEY,
      result: "SUCCESS",
      ip,
      detail: { value: days },
    });
  });
}

export type DueRun = {
  days: number;
  /** Assignments inside the window. */
  due: number;
  /** Of those, the ones this run reminded (the others were done before or are being done). */
  sent: number;
  reminded: number;
  skipped: number;
};

/** Sends the scheduled reminders that are due at @now; safe to run any number of times. */
export async function sendDueReminders(now = new Date()): Promise<DueRun> {
  const days = await remindDaysBefore();
  const run: DueRun = { days, due: 0, sent: 0, reminded: 0, skipped: 0 };
  if (days === 0) return run;
  // The end of the Beijing day N days from today: due days up to it are inside the window.
  const today = dueDayOf(now);
  const horizon = new Date(shanghaiDayStart(today).getTime() + (days + 1) * DAY_MS);
  const assignments = await db()
    .selectFrom("Assignment")
    .select(["id", "title", "dueAt"])
    .where("withdrawnAt", "is", null)
    .where("dueAt", ">", now)
    .where("dueAt", "<", horizon)
    .orderBy("dueAt")
    .orderBy("id")
    .execute();
  run.due = assignments.length;
  for (const a of assignments) {
    const r = await runOnce(JOB, `${a.id}@${dueDayOf(a.dueAt)}`, LEASE_MS, async () =>
      remindPeople(null, null, a, await peopleBehind(a.id, "/"), now),
    );
    if (!r.ran) continue;
    run.sent++;
    run.reminded += r.value.reminded;
    run.skipped += r.value.skipped;
  }
  return run;
}
