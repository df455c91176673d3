import { audit } from "#app/data/audit.server.ts";
import { db, write } from "#app/data/db.server.ts";
import { runOnce } from "#app/modules/jobs/claim.server.ts";
import { notify } from "#app/modules/notifications/notifications.server.ts";
import { formatDateTime, shanghaiDayStart } from "#app/utils/dates.ts";
import { mailPeople } from "./ops.server.ts";

// The day-before reminder of events (issue 20, `npm run events:remind`, daily from cron). A run
// on Beijing day D reminds everyone signed up (seat or waitlist) for the events that start on
// day D+1 and are not cancelled. "Exactly once" holds twice over: each event and day is one
// job claim (JobRun `events:remind` / `<id>@<YYYY-MM-DD>`, decision 0017), so of several
// instances started at the same minute one sends; and each sign-up is marked (reminderSentAt)
// in the same write as its notice, by an UPDATE … WHERE reminderSentAt IS NULL RETURNING, so
// even a run that took over an abandoned claim reminds nobody twice. A new start time (the
// organiser's edit) clears the marks: the reminder goes out again for the new day.

const JOB = "events:remind";
const LEASE_MS = 30 * 60_000;
const DAY_MS = 86_400_000;

/** "YYYY-MM-DD": the Beijing calendar day of @at. */
const beijingDay = (at: Date | number) =>
  new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export type EventRemindRun = {
  /** The Beijing day whose events were reminded. */
  day: string;
  /** Events starting that day (not cancelled). */
  events: number;
  /** Of those, the ones this run sent (the others were done by another run). */
  sent: number;
  /** People reminded by this run. */
  reminded: number;
};

/** Reminds one event's sign-ups not yet reminded; returns who was reminded now. */
export async function remindEvent(
  event: {
    id: number;
    title: string;
    startsAt: Date;
    room: string | null;
    meetingUrl: string | null;
  },
  now = new Date(),
): Promise<number[]> {
  const start = formatDateTime(event.startsAt).slice(0, 16);
  const where = [event.room, event.meetingUrl ? "线上（请通过本平台的入会链接进入）" : null]
    .filter(Boolean)
    .join("；");
  const people = await write(async (tx) => {
    const rows = await tx
      .updateTable("EventSignup")
      .set({ reminderSentAt: now })
      .where("eventId", "=", event.id)
      .where("reminderSentAt", "is", null)
      .returning(["userId", "status"])
      .execute();
    if (rows.length === 0) return [];
    await notify(
      tx,
      rows.map((r) => ({
        userId: r.userId,
        kind: "EVENT_REMINDER",
        title: `明天的活动：${event.title}`,
        body:
          r.status === "CONFIRMED"
            ? `活动于 ${start} 开始，地点：${where}。请按时参加并签到。`
            : `活动于 ${start} 开始。您仍在候补名单中，有人取消时按顺序递补并通知您。`,
        link: `/events/${event.id}`,
      })),
      now,
    );
    await audit(tx, {
      actor: null,
      actorName: "system",
      action: "EVENT_REMIND",
      objectType: "event",
      objectId: event.id,
      result: "SUCCESS",
      ip: null,
      detail: { recipients: rows.length, scheduled: true },
    });
    return rows.map((r) => r.userId);
  });
  await mailPeople(
    people,
    `活动提醒：${event.title}`,
    (name) =>
      `${name}：您报名的活动“${event.title}”将于 ${start} 开始，地点：${where}。请登录法治学堂查看详情并按时签到。`,
  );
  return people;
}

/** Sends the day-before reminders due at @now; safe to run any number of times, anywhere. */
export async function sendEventReminders(now = new Date()): Promise<EventRemindRun> {
  const day = beijingDay(now.getTime() + DAY_MS);
  const from = shanghaiDayStart(day);
  const events = await db()
    .selectFrom("Event")
    .select(["id", "title", "startsAt", "room", "meetingUrl"])
    .where("cancelledAt", "is", null)
    .where("startsAt", ">=", from)
    .where("startsAt", "<", new Date(from.getTime() + DAY_MS))
    .orderBy("startsAt")
    .orderBy("id")
    .execute();
  const run: EventRemindRun = { day, events: events.length, sent: 0, reminded: 0 };
  for (const e of events) {
    const r = await runOnce(JOB, `${e.id}@${day}`, LEASE_MS, () => remindEvent(e, now));
    if (!r.ran) continue;
    run.sent++;
    run.reminded += r.value.length;
  }
  return run;
}
