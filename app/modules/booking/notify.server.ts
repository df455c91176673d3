import { mailEnabled, sendMails } from "#app/modules/notifications/mail.server.ts";
import { notify } from "#app/modules/notifications/notifications.server.ts";
import { prepared, stmt, type Db, type Writer } from "#app/utils/db.server.ts";

export type BookingNotice = { userId: number; title: string; body: string; bookingId: number };

/** In-app notice to the other side of a booking, in the caller's transaction. */
export function noticeInApp(db: Db, n: BookingNotice, now: Date) {
  return notify(
    db,
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

/** The same notice from inside a writeTx transaction. */
export function noticeInAppRaw(db: Writer, n: BookingNotice, now: number) {
  prepared(
    db,
    "INSERT INTO Notification (userId, kind, title, body, link, createdAt) VALUES (?, 'BOOKING', ?, ?, ?, ?)",
  ).run(n.userId, n.title, n.body, `/consult/bookings/${n.bookingId}`, now);
}

/** The same notices by e-mail when SMTP is configured (after the commit; never fails the action). */
export function mailNotices(notices: BookingNotice[]): Promise<number> {
  if (!mailEnabled() || notices.length === 0) return Promise.resolve(0);
  const mails = notices.flatMap((n) => {
    const email = (
      stmt("SELECT email FROM User WHERE id = ?").get(n.userId) as
        { email: string | null } | undefined
    )?.email;
    return email
      ? [
          {
            to: email,
            subject: `【法治学堂】${n.title}`,
            text: `${n.body}\n\n详情请登录法治学堂查看：/consult/bookings/${n.bookingId}`,
          },
        ]
      : [];
  });
  return sendMails(mails);
}
