import { write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { mailNotices, noticeInApp, type BookingNotice } from "./notify.server.ts";
import { beijingDay, beijingDayStart } from "./slots.ts";
import { typeLabel } from "./state.ts";

/**
 * The day-before reminder: every confirmed booking starting tomorrow (Beijing
 * day) that has not been reminded gets an in-app notice to both sides, and an
 * e-mail when SMTP is configured. Marked in the same transaction, so running it
 * twice (cron, or the admin's button) reminds once.
 */
export async function sendDayBeforeReminders(
  actor: { id: number; username: string } | null,
  now = new Date(),
) {
  const tomorrow = beijingDayStart(beijingDay(now.getTime())) + 86_400_000;
  let notices: BookingNotice[] = [];
  const count = await write(async (tx) => {
    notices = [];
    const due = await tx
      .selectFrom("Booking as b")
      .innerJoin("Enterprise as e", "e.id", "b.enterpriseId")
      .innerJoin("ExpertProfile as p", "p.id", "b.expertId")
      .select([
        "b.id",
        "b.type",
        "b.topic",
        "b.startAt",
        "e.userId as enterpriseUserId",
        "p.userId as expertUserId",
      ])
      .where("b.status", "=", "CONFIRMED")
      .where("b.reminderSentAt", "is", null)
      .where("b.startAt", ">=", new Date(tomorrow))
      .where("b.startAt", "<", new Date(tomorrow + 86_400_000))
      .execute();
    for (const b of due) {
      const body = `明天 ${formatDateTime(b.startAt).slice(11, 16)} 有一场${typeLabel(b.type)}：「${b.topic}」。`;
      for (const userId of [b.enterpriseUserId, b.expertUserId]) {
        const n = { userId, bookingId: b.id, title: "预约提醒（明天）", body };
        await noticeInApp(tx, n, now);
        notices.push(n);
      }
      await tx.updateTable("Booking").set({ reminderSentAt: now }).where("id", "=", b.id).execute();
    }
    await audit(tx, {
      actor,
      actorName: actor ? undefined : "consult:remind",
      action: "BOOKING_REMIND",
      objectType: "booking",
      result: "SUCCESS",
      detail: { bookings: due.length },
    });
    return due.length;
  });
  const mailed = await mailNotices(notices);
  return { bookings: count, notices: notices.length, mailed };
}
