import { audit } from "#app/data/audit.server.ts";
import { db, write } from "#app/data/db.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { inAudience, type Attendee, type EventRow } from "./events.server.ts";

// Online attendance (issue 20): "joining through the platform's link plus a mid-session check
// code". POST /events/<id>/join records the person's first join (EventJoin, once per person:
// the primary key; the first time is kept) and redirects to the meeting URL, which the event
// form accepts only as http(s). An online event's check code is accepted only from someone
// with a join row (checkInWithCode).

/** How long before the start the link opens (as the default check-in period). */
export const JOIN_EARLY_MS = 30 * 60_000;

export type JoinResult =
  | { ok: true; url: string; first: boolean }
  | { ok: false; status: 403 | 404 | 409; message: string };

const fail = (status: 403 | 404 | 409, message: string) =>
  ({ ok: false, status, message }) as const;

/** Why the person may not join now, or null. */
export function joinProblem(
  event: Pick<EventRow, "meetingUrl" | "cancelledAt" | "startsAt" | "endsAt" | "checkInFrom">,
  now: Date,
): { status: 404 | 409; message: string } | null {
  if (!event.meetingUrl) return { status: 404, message: "本活动没有线上会议" };
  if (event.cancelledAt) return { status: 409, message: "活动已取消" };
  const opens = Math.min(event.checkInFrom.getTime(), event.startsAt.getTime() - JOIN_EARLY_MS);
  if (now.getTime() < opens)
    return { status: 409, message: "会议尚未开放，请在活动开始前 30 分钟内进入" };
  if (now > event.endsAt) return { status: 409, message: "活动已结束" };
  return null;
}

/** Records the join (first time kept, audited once) and returns the meeting URL. */
export async function joinOnline(
  user: Attendee & Pick<SessionUser, "username">,
  event: EventRow,
  ip: string | null,
  now = new Date(),
): Promise<JoinResult> {
  const problem = joinProblem(event, now);
  if (problem) return fail(problem.status, problem.message);
  if (!(await inAudience(user, event.id))) return fail(403, "您不在本次活动的参加范围内");
  const signup = await db()
    .selectFrom("EventSignup")
    .select("status")
    .where("eventId", "=", event.id)
    .where("userId", "=", user.id)
    .executeTakeFirst();
  if (signup?.status !== "CONFIRMED")
    return fail(
      403,
      signup ? "您在候补名单中，转为正式报名后才能进入会议" : "请先报名，报名成功后才能进入会议",
    );
  const first = await write(async (tx) => {
    const row = await tx
      .insertInto("EventJoin")
      .values({ eventId: event.id, userId: user.id, joinedAt: now })
      .onConflict((oc) => oc.columns(["eventId", "userId"]).doNothing())
      .returning("userId")
      .executeTakeFirst();
    if (row)
      await audit(tx, {
        actor: user,
        action: "EVENT_JOIN",
        objectType: "event",
        objectId: event.id,
        result: "SUCCESS",
        ip,
      });
    return row !== undefined;
  });
  return { ok: true, url: event.meetingUrl!, first };
}

/** When the person first joined the event's meeting through the platform, or null. */
export async function joinedAt(eventId: number, userId: number): Promise<Date | null> {
  const row = await db()
    .selectFrom("EventJoin")
    .select("joinedAt")
    .where("eventId", "=", eventId)
    .where("userId", "=", userId)
    .executeTakeFirst();
  return row?.joinedAt ?? null;
}
