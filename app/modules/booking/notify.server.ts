import type { Kysely } from "kysely";
import { db, type DB } from "#app/data/db.server.ts";
import { mailEnabled, sendMails } from "#app/modules/notifications/mail.server.ts";
import { notify } from "#app/modules/notifications/notifications.server.ts";

export type BookingNotice = { userId: number; title: string; body: string; bookingId: number };

/** In-app notice to the other side of a booking, inside the caller's `write()` transaction. */
export async function noticeInApp(tx: Kysely<DB>, n: BookingNotice, now: Date): Promise<void> {
  await notify(
    tx,
    {
      userId: n.userId,
      kind: "BOOKING",
      title: n.title,
      body: n.body,
      link: `/consult/bookings/${n.bookingId}`,
    },
    now,
  );
}

/** The same notices by e-mail when SMTP is configured (after the commit; never fails the action). */
export async function mailNotices(notices: BookingNotice[]): Promise<number> {
  if (!mailEnabled() || notices.length === 0) return 0;
  const users = await db()
    .selectFrom("User")
    .select(["id", "email"])
    .where(
      "id",
      "in",
      notices.map((n) => n.userId),
    )
    .execute();
  const email = new Map(users.map((u) => [u.id, u.email]));
  const mails = notices.flatMap((n) => {
    const to = email.get(n.userId);
    return to
      ? [
          {
            to,
            subject: `【法治学堂】${n.title}`,
            text: `${n.body}\n\n详情请登录法治学堂查看：/consult/bookings/${n.bookingId}`,
          },
        ]
      : [];
  });
  return sendMails(mails);
}
