import { db } from "#app/data/db.server.ts";
import { getEvent, inAudience, type Attendee } from "./events.server.ts";
import { myAttendance } from "./checkin.server.ts";
import { joinedAt } from "./join.server.ts";
import { getRecord, myFeedback } from "./record.server.ts";
import { kindLabel } from "./schemas.ts";

/** Everything the staff event page shows, or null when the person may not see the event. */
export async function staffEventPage(user: Attendee, id: number) {
  const event = await getEvent(id);
  if (!event || !(await inAudience(user, id))) return null;
  const [signup, counts, attendance, feedback, record, joined] = await Promise.all([
    db()
      .selectFrom("EventSignup")
      .select(["status", "createdAt"])
      .where("eventId", "=", id)
      .where("userId", "=", user.id)
      .executeTakeFirst(),
    db()
      .selectFrom("EventSignup")
      .select((eb) => [
        eb.fn.countAll<number>().filterWhere("status", "=", "CONFIRMED").as("confirmed"),
        eb.fn.countAll<number>().filterWhere("status", "=", "WAITLIST").as("waitlist"),
      ])
      .where("eventId", "=", id)
      .executeTakeFirstOrThrow(),
    myAttendance(id, user.id),
    myFeedback(id, user.id),
    getRecord(id),
    joinedAt(id, user.id),
  ]);
  // The person's place on the waitlist: those who signed up before him, and still wait.
  const ahead =
    signup?.status === "WAITLIST"
      ? await db()
          .selectFrom("EventSignup")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("eventId", "=", id)
          .where("status", "=", "WAITLIST")
          .where((eb) =>
            eb.or([
              eb("createdAt", "<", signup.createdAt),
              eb.and([eb("createdAt", "=", signup.createdAt), eb("userId", "<", user.id)]),
            ]),
          )
          .executeTakeFirstOrThrow()
      : null;
  // The meeting URL is not sent: the way in is the join route, which records the join.
  const { qrSecret: _secret, checkCode: _code, meetingUrl, ...shown } = event;
  return {
    event: { ...shown, online: meetingUrl !== null, kindLabel: kindLabel(event.kind) },
    joinedAt: joined,
    signup: signup ? { status: signup.status, position: ahead ? Number(ahead.n) + 1 : null } : null,
    confirmed: Number(counts.confirmed),
    waitlist: Number(counts.waitlist),
    attendance: attendance ?? null,
    feedback: feedback ?? null,
    record: record
      ? {
          minutes: record.minutes,
          conclusions: record.conclusions,
          casesCited: record.casesCited,
          citationsHtml: record.citationsHtml,
        }
      : null,
  };
}
