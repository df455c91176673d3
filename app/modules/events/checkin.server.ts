import crypto from "node:crypto";
import type { Kysely } from "kysely";
import { audit } from "#app/data/audit.server.ts";
import { db, write, type DB } from "#app/data/db.server.ts";
import type { SessionUser } from "#app/utils/session.server.ts";
import { inAudience, type Attendee, type EventRow } from "./events.server.ts";
import { joinedAt } from "./join.server.ts";

// Venue check-in (issue 20): the organiser's screen shows a QR code of
// /events/<id>/check-in?c=<code>, where code = HMAC-SHA256(event.qrSecret, "<id>:<window>")
// cut to 12 hex digits and window = floor(epoch ms / 30 000). The server accepts the code of
// the current window and of the one before (a scan in the last seconds of a window reaches the
// server in the next one); anything older is refused. A photo of the code sent to someone
// outside the room is therefore good for 30 to 60 seconds at most.

export const WINDOW_MS = 30_000;
export const windowOf = (at: Date | number) => Math.floor(new Date(at).getTime() / WINDOW_MS);

export function qrCode(event: Pick<EventRow, "id" | "qrSecret">, window: number): string {
  return crypto
    .createHmac("sha256", event.qrSecret)
    .update(`${event.id}:${window}`)
    .digest("hex")
    .slice(0, 12);
}

/** The code to show now and when it changes. */
export function currentQr(event: Pick<EventRow, "id" | "qrSecret">, now = new Date()) {
  const w = windowOf(now);
  return { code: qrCode(event, w), nextAt: (w + 1) * WINDOW_MS };
}

/** Which recent window (0 = current, 1 = previous) `code` belongs to, or null. */
export function codeAge(event: Pick<EventRow, "id" | "qrSecret">, code: string, now = new Date()) {
  const w = windowOf(now);
  for (const age of [0, 1]) {
    const expected = Buffer.from(qrCode(event, w - age));
    const given = Buffer.from(code);
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return age;
  }
  return null;
}

export type CheckInResult =
  | { ok: true; already: boolean; creditHours: number }
  | { ok: false; status: 403 | 404 | 409 | 422; message: string };

const fail = (status: 403 | 404 | 409 | 422, message: string) =>
  ({ ok: false, status, message }) as const;

export function periodProblem(
  event: Pick<EventRow, "checkInFrom" | "checkInUntil" | "cancelledAt">,
  now: Date,
): string | null {
  if (event.cancelledAt) return "活动已取消";
  if (now < event.checkInFrom) return "签到尚未开始";
  if (now > event.checkInUntil) return "签到已结束";
  return null;
}

/** Writes one attendance (the primary key keeps it once per person); false when it existed. */
export async function attend(
  tx: Kysely<DB>,
  event: Pick<EventRow, "id" | "kind" | "year" | "creditHours">,
  userId: number,
  method: "QR" | "CODE" | "ROLL_CALL" | "IMPORT",
  now: Date,
  recordedById: number | null = null,
): Promise<boolean> {
  const row = await tx
    .insertInto("EventAttendance")
    .values({
      eventId: event.id,
      userId,
      kind: event.kind,
      year: event.year,
      creditHours: event.creditHours,
      method,
      at: now,
      recordedById,
    })
    .onConflict((oc) => oc.columns(["eventId", "userId"]).doNothing())
    .returning("userId")
    .executeTakeFirst();
  return row !== undefined;
}

async function selfCheckIn(
  user: Attendee & Pick<SessionUser, "username">,
  event: EventRow,
  method: "QR" | "CODE",
  ip: string | null,
  now: Date,
): Promise<CheckInResult> {
  if (!(await inAudience(user, event.id))) return fail(403, "您不在本次活动的参加范围内");
  return write(async (tx) => {
    const added = await attend(tx, event, user.id, method, now);
    if (added)
      await audit(tx, {
        actor: user,
        action: "EVENT_CHECK_IN",
        objectType: "event",
        objectId: event.id,
        result: "SUCCESS",
        ip,
        detail: { method },
      });
    return { ok: true as const, already: !added, creditHours: event.creditHours };
  });
}

/** A scanned venue code: the current or the previous window, within the check-in period. */
export async function checkInWithQr(
  user: Attendee & Pick<SessionUser, "username">,
  event: EventRow,
  code: string,
  ip: string | null,
  now = new Date(),
): Promise<CheckInResult> {
  const period = periodProblem(event, now);
  if (period) return fail(409, period);
  if (codeAge(event, code, now) === null)
    return fail(422, "二维码已过期（每 30 秒更新一次），请扫描现场屏幕上的最新二维码");
  return selfCheckIn(user, event, "QR", ip, now);
}

/** Online: the mid-session check code the organiser revealed, while it is valid. */
export async function checkInWithCode(
  user: Attendee & Pick<SessionUser, "username">,
  event: EventRow,
  code: string,
  ip: string | null,
  now = new Date(),
): Promise<CheckInResult> {
  const period = periodProblem(event, now);
  if (period) return fail(409, period);
  if (!event.checkCode || !event.checkCodeUntil || now > event.checkCodeUntil)
    return fail(409, "组织者尚未公布签到码，或签到码已失效");
  const ok =
    code.length === event.checkCode.length &&
    crypto.timingSafeEqual(Buffer.from(code), Buffer.from(event.checkCode));
  if (!ok) return fail(422, "签到码不正确");
  // The check code proves presence online only together with the join through the platform.
  if (!(await joinedAt(event.id, user.id)))
    return fail(409, "请先通过本平台的入会链接进入会议，否则无法签到");
  return selfCheckIn(user, event, "CODE", ip, now);
}

/** How long a revealed online check code stays valid. */
export const CHECK_CODE_MS = 10 * 60_000;

/** The organiser reveals a new 6-digit check code for online attendees (audited). */
export async function revealCheckCode(
  actor: Pick<SessionUser, "id" | "username">,
  event: EventRow,
  ip: string | null,
  now = new Date(),
) {
  const period = periodProblem(event, now);
  if (period) return { ok: false as const, message: period };
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, "0");
  const until = new Date(Math.min(now.getTime() + CHECK_CODE_MS, event.checkInUntil.getTime()));
  await write(async (tx) => {
    await tx
      .updateTable("Event")
      .set({ checkCode: code, checkCodeUntil: until })
      .where("id", "=", event.id)
      .execute();
    await audit(tx, {
      actor,
      action: "EVENT_CHECK_CODE",
      objectType: "event",
      objectId: event.id,
      result: "SUCCESS",
      ip,
      detail: { until: until.toISOString() },
    });
  });
  return { ok: true as const, code, until };
}

/**
 * Roll call: the organiser marks signed-up people present (audited, one row naming them all).
 * Only people signed up for the event; from the start of the check-in period on.
 */
export async function rollCall(
  actor: Pick<SessionUser, "id" | "username">,
  event: EventRow,
  userIds: number[],
  ip: string | null,
  now = new Date(),
) {
  if (event.cancelledAt) return { ok: false as const, message: "活动已取消" };
  if (now < event.checkInFrom) return { ok: false as const, message: "签到尚未开始，不能点名" };
  return write(async (tx) => {
    const signed = await tx
      .selectFrom("EventSignup")
      .select("userId")
      .where("eventId", "=", event.id)
      .where("userId", "in", userIds)
      .execute();
    if (signed.length !== userIds.length)
      return { ok: false as const, message: "只能为已报名的人员点名" };
    const added: number[] = [];
    for (const id of userIds)
      if (await attend(tx, event, id, "ROLL_CALL", now, actor.id)) added.push(id);
    await audit(tx, {
      actor,
      action: "EVENT_ROLL_CALL",
      objectType: "event",
      objectId: event.id,
      result: "SUCCESS",
      ip,
      detail: { marked: added.slice(0, 200), already: userIds.length - added.length },
    });
    return { ok: true as const, added: added.length };
  });
}

/** The person's attendance of the event, or undefined. */
export function myAttendance(eventId: number, userId: number) {
  return db()
    .selectFrom("EventAttendance")
    .select(["method", "at", "creditHours"])
    .where("eventId", "=", eventId)
    .where("userId", "=", userId)
    .executeTakeFirst();
}
