import type { Kysely } from "kysely";
import { audit } from "#app/data/audit.server.ts";
import { db, write, type DB } from "#app/data/db.server.ts";
import { mailEnabled, sendMails, type Mail } from "#app/modules/notifications/mail.server.ts";
import { notify, type Notice } from "#app/modules/notifications/notifications.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { eventSchedule, type EventRow } from "./events.server.ts";
import type { EditEventInput } from "./ops-schemas.ts";

// Organiser operations on an event (issue 20): edit before the start, cancel with a reason.
// Everyone signed up (seat or waitlist) gets an in-app notice of a new time or place and of a
// cancellation, in the same write() as the change, and an e-mail after the commit when SMTP_URL
// is set. Both run their checks inside the write, so they meet concurrent sign-ups, cancellations
// and each other one at a time (SQLite: one writer; PostgreSQL: SERIALIZABLE with retries).

type Actor = Pick<SessionUser, "id" | "username">;
type Fail = { ok: false; status: 404 | 409 | 422; message: string; field?: string };
const fail = (status: Fail["status"], message: string, field?: string): Fail => ({
  ok: false,
  status,
  message,
  ...(field ? { field } : {}),
});

const when = (e: Pick<EventRow, "startsAt" | "endsAt">) =>
  `${formatDateTime(e.startsAt).slice(0, 16)} 至 ${formatDateTime(e.endsAt).slice(0, 16)}`;
const place = (e: Pick<EventRow, "room" | "meetingUrl">) =>
  [e.room, e.meetingUrl ? "线上会议（请通过本平台的入会链接进入）" : null]
    .filter(Boolean)
    .join("；");

/** Everyone signed up for the event (seat or waitlist). */
async function signedUp(tx: Kysely<DB>, eventId: number): Promise<number[]> {
  const rows = await tx
    .selectFrom("EventSignup")
    .select("userId")
    .where("eventId", "=", eventId)
    .orderBy("userId")
    .execute();
  return rows.map((r) => r.userId);
}

/** E-mail to those of @userIds with an address (after the commit; never fails the action). */
export async function mailPeople(
  userIds: readonly number[],
  subject: string,
  text: (name: string) => string,
): Promise<number> {
  if (!mailEnabled() || userIds.length === 0) return 0;
  const mails: Mail[] = [];
  for (let i = 0; i < userIds.length; i += 1000) {
    const users = await db()
      .selectFrom("User")
      .select(["email", "name"])
      .where("id", "in", userIds.slice(i, i + 1000))
      .where("email", "is not", null)
      .orderBy("id")
      .execute();
    for (const u of users) if (u.email) mails.push({ to: u.email, subject, text: text(u.name) });
  }
  return sendMails(mails);
}

export type EditResult = { ok: true; notified: number; promoted: number } | Fail;

/**
 * Edits the event before it starts. The capacity may not drop below the confirmed sign-ups
 * (refused, nobody is moved to the waitlist); a larger capacity promotes the first on the
 * waitlist. A new time or place is announced to everyone signed up, and a new time lets the
 * day-before reminder go out again for the new day.
 */
export async function editEvent(
  actor: Actor,
  event: Pick<EventRow, "id">,
  input: EditEventInput,
  ip: string | null,
  now = new Date(),
): Promise<EditResult> {
  const result = await write(async (tx) => {
    const e = await tx
      .selectFrom("Event")
      .selectAll()
      .where("id", "=", event.id)
      .executeTakeFirst();
    if (!e) return fail(404, "活动不存在");
    if (e.cancelledAt) return fail(409, "活动已取消，不能修改");
    if (e.startsAt <= now) return fail(409, "活动已开始，不能修改");
    if (input.startsAt <= now.getTime()) return fail(422, "开始时间应晚于现在", "startsAt");
    const seats = await tx
      .selectFrom("EventSignup")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("eventId", "=", e.id)
      .where("status", "=", "CONFIRMED")
      .executeTakeFirstOrThrow();
    const confirmed = Number(seats.n);
    if (input.capacity < confirmed)
      return fail(
        422,
        `名额不能少于已报名的 ${confirmed} 人。如需减少名额，请先与报名人员沟通，由其取消报名。`,
        "capacity",
      );
    const next = eventSchedule(input);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => {
      const a = next[k];
      const b = e[k];
      return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
    });
    if (changed.length === 0) return { ok: true as const, notified: [], promoted: [] };
    const timeChanged = changed.includes("startsAt") || changed.includes("endsAt");
    const placeChanged = changed.includes("room") || changed.includes("meetingUrl");
    await tx.updateTable("Event").set(next).where("id", "=", e.id).execute();
    // A new day: the day-before reminder goes out again (its job claim is per day as well).
    if (timeChanged)
      await tx
        .updateTable("EventSignup")
        .set({ reminderSentAt: null })
        .where("eventId", "=", e.id)
        .execute();
    const promoted: number[] = [];
    if (input.capacity > confirmed) {
      const waiting = await tx
        .selectFrom("EventSignup")
        .select("userId")
        .where("eventId", "=", e.id)
        .where("status", "=", "WAITLIST")
        .orderBy("createdAt")
        .orderBy("userId")
        .limit(input.capacity - confirmed)
        .execute();
      if (waiting.length) {
        await tx
          .updateTable("EventSignup")
          .set({ status: "CONFIRMED" })
          .where("eventId", "=", e.id)
          .where(
            "userId",
            "in",
            waiting.map((w) => w.userId),
          )
          .execute();
        promoted.push(...waiting.map((w) => w.userId));
        await notify(
          tx,
          promoted.map((userId) => ({
            userId,
            kind: "EVENT_PROMOTED",
            title: `候补转正：${input.title}`,
            body: "活动增加了名额，您已从候补名单转为正式报名。",
            link: `/events/${e.id}`,
          })),
          now,
        );
      }
    }
    const notified = timeChanged || placeChanged ? await signedUp(tx, e.id) : [];
    if (notified.length) {
      const body = [
        timeChanged ? `新的时间：${when(next)}。` : "",
        placeChanged ? `新的地点：${place(next) || "见活动页"}。` : "",
      ].join("");
      await notify(
        tx,
        notified.map((userId): Notice => ({
          userId,
          kind: "EVENT_CHANGED",
          title: `活动${timeChanged ? "时间" : "地点"}${timeChanged && placeChanged ? "和地点" : ""}变更：${input.title}`,
          body,
          link: `/events/${e.id}`,
        })),
        now,
      );
    }
    await audit(tx, {
      actor,
      action: "EVENT_UPDATE",
      objectType: "event",
      objectId: e.id,
      result: "SUCCESS",
      ip,
      detail: { changed, notified: notified.length, promoted: promoted.length },
    });
    return { ok: true as const, notified, promoted, timeChanged, placeChanged, next };
  });
  if (!result.ok) return result;
  const next = "next" in result ? result.next : undefined;
  if (next && result.notified.length)
    await mailPeople(
      result.notified,
      `活动变更：${next.title}`,
      (name) =>
        `${name}：您报名的活动“${next.title}”有变更。时间：${when(next)}；地点：${place(next) || "见活动页"}。请登录法治学堂查看。`,
    );
  return { ok: true, notified: result.notified.length, promoted: result.promoted.length };
}

export type CancelResult = { ok: true; notified: number } | Fail;

/**
 * Cancels the event with a reason. Refused once anyone has checked in (their 学时 stand) or
 * after the end. Sign-ups stay (the record of who was told); sign-up, check-in and the check
 * code are refused from now on. Of two organisers cancelling at once, one cancels and notifies.
 */
export async function cancelEvent(
  actor: Actor,
  event: Pick<EventRow, "id">,
  reason: string,
  ip: string | null,
  now = new Date(),
): Promise<CancelResult> {
  const result = await write(async (tx) => {
    const e = await tx
      .selectFrom("Event")
      .select(["id", "title", "startsAt", "endsAt", "cancelledAt"])
      .where("id", "=", event.id)
      .executeTakeFirst();
    if (!e) return fail(404, "活动不存在");
    if (e.cancelledAt) return fail(409, "活动已经取消");
    if (e.endsAt <= now) return fail(409, "活动已结束，不能取消");
    const attended = await tx
      .selectFrom("EventAttendance")
      .select("userId")
      .where("eventId", "=", e.id)
      .limit(1)
      .executeTakeFirst();
    if (attended) return fail(409, "已有人签到并获得学时，不能取消活动");
    const done = await tx
      .updateTable("Event")
      .set({ cancelledAt: now, cancelReason: reason, checkCode: null, checkCodeUntil: null })
      .where("id", "=", e.id)
      .where("cancelledAt", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!done) return fail(409, "活动已经取消");
    const people = await signedUp(tx, e.id);
    if (people.length)
      await notify(
        tx,
        people.map((userId) => ({
          userId,
          kind: "EVENT_CANCELLED",
          title: `活动已取消：${e.title}`,
          body: `原定 ${when(e)} 的活动已取消。原因：${reason}`,
          link: `/events/${e.id}`,
        })),
        now,
      );
    await audit(tx, {
      actor,
      action: "EVENT_CANCEL",
      objectType: "event",
      objectId: e.id,
      result: "SUCCESS",
      ip,
      detail: { reason, notified: people.length },
    });
    return { ok: true as const, people, title: e.title, when: when(e) };
  });
  if (!result.ok) return result;
  await mailPeople(
    result.people,
    `活动已取消：${result.title}`,
    (name) => `${name}：您报名的活动“${result.title}”（${result.when}）已取消。原因：${reason}`,
  );
  return { ok: true, notified: result.people.length };
}

/** The organiser's edit form values, or null when the event can no longer be edited. */
export function editable(event: Pick<EventRow, "cancelledAt" | "startsAt">, now = new Date()) {
  if (event.cancelledAt) return "活动已取消，不能修改";
  if (event.startsAt <= now) return "活动已开始，不能修改";
  return null;
}
