import type { Kysely } from "kysely";
import { audit } from "#app/data/audit.server.ts";
import { db, write, type DB } from "#app/data/db.server.ts";
import { notify } from "#app/modules/notifications/notifications.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { ATTENDEE_ROLES, organiserScope, type EventRow } from "./events.server.ts";

type Actor = Pick<SessionUser, "id" | "username">;
export type SignupResult =
  | { ok: true; status: "CONFIRMED" | "WAITLIST"; already: boolean }
  | { ok: false; status: 404 | 409; message: string };

const closed = (event: Pick<EventRow, "cancelledAt" | "startsAt">, now: Date) =>
  event.cancelledAt !== null
    ? "活动已取消"
    : event.startsAt.getTime() <= now.getTime()
      ? "活动已开始，报名已截止"
      : null;

async function confirmedCount(tx: Kysely<DB>, eventId: number): Promise<number> {
  const row = await tx
    .selectFrom("EventSignup")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("eventId", "=", eventId)
    .where("status", "=", "CONFIRMED")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Signs the person up (the caller checked the audience): a seat while confirmed sign-ups are
 * below the capacity, else the waitlist. One winner for the last seat: the count and the insert
 * run in one write (SQLite: one writer; PostgreSQL: SERIALIZABLE, the loser retries and sees
 * the winner's row). A second sign-up of the same person returns the first.
 */
export async function signUp(
  user: Actor,
  eventId: number,
  ip: string | null,
  now = new Date(),
  assignedBy?: Actor,
): Promise<SignupResult> {
  return write(async (tx) => {
    const event = await tx
      .selectFrom("Event")
      .select(["id", "title", "capacity", "startsAt", "cancelledAt"])
      .where("id", "=", eventId)
      .executeTakeFirst();
    if (!event) return { ok: false as const, status: 404 as const, message: "活动不存在" };
    const why = closed(event, now);
    if (why) return { ok: false as const, status: 409 as const, message: why };
    const mine = await tx
      .selectFrom("EventSignup")
      .select("status")
      .where("eventId", "=", eventId)
      .where("userId", "=", user.id)
      .executeTakeFirst();
    if (mine)
      return { ok: true as const, status: mine.status as "CONFIRMED" | "WAITLIST", already: true };
    const status = (await confirmedCount(tx, eventId)) < event.capacity ? "CONFIRMED" : "WAITLIST";
    await tx
      .insertInto("EventSignup")
      .values({ eventId, userId: user.id, status, assigned: !!assignedBy, createdAt: now })
      .onConflict((oc) => oc.columns(["eventId", "userId"]).doNothing())
      .execute();
    await audit(tx, {
      actor: assignedBy ?? user,
      action: assignedBy ? "EVENT_ASSIGN" : "EVENT_SIGNUP",
      objectType: "event",
      objectId: eventId,
      result: "SUCCESS",
      ip,
      detail: { userId: user.id, status },
    });
    if (assignedBy)
      await notify(
        tx,
        {
          userId: user.id,
          kind: "EVENT_ASSIGNED",
          title: `您已被安排参加：${event.title}`,
          body: status === "CONFIRMED" ? "已为您保留座位。" : "名额已满，您在候补名单中。",
          link: `/events/${eventId}`,
        },
        now,
      );
    return { ok: true as const, status, already: false };
  });
}

/**
 * Cancels the person's sign-up. A freed seat goes to the first on the waitlist (by sign-up
 * time) in the same write, so two cancellations promote two different people and one
 * cancellation never promotes two.
 */
export async function cancelSignup(
  user: Actor,
  eventId: number,
  ip: string | null,
  now = new Date(),
): Promise<
  { ok: true; promoted: number | null } | { ok: false; status: 404 | 409; message: string }
> {
  return write(async (tx) => {
    const event = await tx
      .selectFrom("Event")
      .select(["id", "title", "capacity", "startsAt", "cancelledAt"])
      .where("id", "=", eventId)
      .executeTakeFirst();
    if (!event) return { ok: false as const, status: 404 as const, message: "活动不存在" };
    const why = closed(event, now);
    if (why) return { ok: false as const, status: 409 as const, message: why };
    const gone = await tx
      .deleteFrom("EventSignup")
      .where("eventId", "=", eventId)
      .where("userId", "=", user.id)
      .returning("status")
      .executeTakeFirst();
    if (!gone) return { ok: false as const, status: 409 as const, message: "您没有报名此活动" };
    let promoted: number | null = null;
    if (gone.status === "CONFIRMED" && (await confirmedCount(tx, eventId)) < event.capacity) {
      const next = await tx
        .selectFrom("EventSignup")
        .select("userId")
        .where("eventId", "=", eventId)
        .where("status", "=", "WAITLIST")
        .orderBy("createdAt")
        .orderBy("userId")
        .limit(1)
        .executeTakeFirst();
      if (next) {
        await tx
          .updateTable("EventSignup")
          .set({ status: "CONFIRMED" })
          .where("eventId", "=", eventId)
          .where("userId", "=", next.userId)
          .execute();
        promoted = next.userId;
        await notify(
          tx,
          {
            userId: next.userId,
            kind: "EVENT_PROMOTED",
            title: `候补转正：${event.title}`,
            body: "有人取消报名，您已从候补名单转为正式报名。",
            link: `/events/${eventId}`,
          },
          now,
        );
      }
    }
    await audit(tx, {
      actor: user,
      action: "EVENT_CANCEL_SIGNUP",
      objectType: "event",
      objectId: eventId,
      result: "SUCCESS",
      ip,
      detail: { was: gone.status, promoted },
    });
    return { ok: true as const, promoted };
  });
}

/** The organiser assigns staff of his subtree by 工号; each is signed up as above. */
export async function assignStaff(
  actor: Pick<SessionUser, "id" | "username" | "role" | "orgUnitPath">,
  event: Pick<EventRow, "id">,
  usernames: string[],
  ip: string | null,
  now = new Date(),
) {
  const scope = organiserScope(actor);
  const users = await db()
    .selectFrom("User as u")
    .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select(["u.id", "u.username", "o.path"])
    .where("u.username", "in", usernames)
    .where("u.role", "in", ATTENDEE_ROLES)
    .where("u.disabled", "=", false)
    .orderBy("u.id")
    .execute();
  const unknown = usernames.filter((n) => !users.some((u) => u.username === n));
  if (unknown.length)
    return { ok: false as const, message: `找不到工作人员：${unknown.slice(0, 5).join("、")}` };
  if (users.some((u) => u.path === null || (scope !== "/" && !u.path.startsWith(scope))))
    return { ok: false as const, message: "只能指派本单位及下级单位的人员" };
  const results = [];
  for (const u of users) {
    const r = await signUp(u, event.id, ip, now, actor);
    if (!r.ok) return { ok: false as const, message: r.message };
    results.push(r.status);
  }
  return {
    ok: true as const,
    confirmed: results.filter((s) => s === "CONFIRMED").length,
    waitlisted: results.filter((s) => s === "WAITLIST").length,
  };
}

/** Sign-ups of an event for the organiser: seats first, then the waitlist in its order. */
export function signupList(eventId: number) {
  return db()
    .selectFrom("EventSignup as s")
    .innerJoin("User as u", "u.id", "s.userId")
    .leftJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .leftJoin("EventAttendance as a", (j) =>
      j.onRef("a.eventId", "=", "s.eventId").onRef("a.userId", "=", "s.userId"),
    )
    .leftJoin("EventJoin as jn", (j) =>
      j.onRef("jn.eventId", "=", "s.eventId").onRef("jn.userId", "=", "s.userId"),
    )
    .select([
      "jn.joinedAt",
      "s.userId",
      "s.status",
      "s.assigned",
      "s.createdAt",
      "u.username",
      "u.name",
      "o.name as unitName",
      "a.method as attendedBy",
    ])
    .where("s.eventId", "=", eventId)
    .orderBy("s.status")
    .orderBy("s.createdAt")
    .orderBy("s.userId")
    .execute();
}
