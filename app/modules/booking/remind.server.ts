import { writeAudit } from "#app/utils/audit-log.server.ts";
import { prisma } from "#app/utils/db.server.ts";
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
  const notices: BookingNotice[] = [];
  const count = await prisma.$transaction(async (tx) => {
    const due = await tx.booking.findMany({
      where: {
        status: "CONFIRMED",
        reminderSentAt: null,
        startAt: { gte: new Date(tomorrow), lt: new Date(tomorrow + 86_400_000) },
      },
      select: {
        id: true,
        type: true,
        topic: true,
        startAt: true,
        enterprise: { select: { userId: true } },
        expert: { select: { userId: true } },
      },
    });
    for (const b of due) {
      const body = `明天 ${formatDateTime(b.startAt).slice(11, 16)} 有一场${typeLabel(b.type)}：「${b.topic}」。`;
      for (const userId of [b.enterprise.userId, b.expert.userId]) {
        const n = { userId, bookingId: b.id, title: "预约提醒（明天）", body };
        await noticeInApp(tx, n, now);
        notices.push(n);
      }
      await tx.booking.update({
        where: { id: b.id },
        data: { reminderSentAt: now },
        select: { id: true },
      });
    }
    await writeAudit(tx, {
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
