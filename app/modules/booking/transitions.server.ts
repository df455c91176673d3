import type { Updateable } from "kysely";
import { isUniqueViolation, write } from "#app/data/db.server.ts";
import type { BookingTable } from "#app/data/schema.generated.ts";
import type { AuditAction } from "#app/modules/audit/actions.ts";
import { audit } from "#app/data/audit.server.ts";
import { chineseDay, formatDateTime } from "#app/utils/dates.ts";
import { bookingScope } from "./access.server.ts";
import { SLOT_TAKEN, slotProblem } from "./bookings.server.ts";
import { calendarAround } from "./expert-calendar.server.ts";
import { discardFiles, type StoredFile } from "./files.server.ts";
import { mailNotices, noticeInApp, type BookingNotice } from "./notify.server.ts";
import { consultSettings } from "./settings.server.ts";
import { reviewCapacityProblem, reviewDateProblem } from "./review.server.ts";
import {
  bookingKind,
  FINAL,
  nextState,
  RELEASED,
  type BookingAction,
  type Party,
} from "./state.ts";

type Actor = { id: number; username: string; role: string };
export type Change =
  | { action: "confirm" }
  | { action: "accept"; promisedDate: string }
  | { action: "decline"; reason: string }
  | { action: "cancel"; reason: string }
  | { action: "no-show" }
  | { action: "complete"; opinion: string; file: StoredFile | null }
  | { action: "reschedule"; slot: number };
export type ChangeResult = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };

const AUDIT_ACTION: Record<Change["action"], AuditAction> = {
  confirm: "BOOKING_CONFIRM",
  accept: "BOOKING_ACCEPT",
  decline: "BOOKING_DECLINE",
  cancel: "BOOKING_CANCEL",
  "no-show": "BOOKING_NO_SHOW",
  complete: "BOOKING_COMPLETE",
  reschedule: "BOOKING_RESCHEDULE",
};

const NOTICE: Record<BookingAction, string> = {
  confirm: "预约已确认",
  accept: "合同审查已受理",
  decline: "预约未被接受",
  complete: "咨询已完成，专家意见已出具",
  cancel: "预约已取消",
  "no-show": "预约被标记为未到场",
  reschedule: "预约已改期，请重新确认",
};

const refuse = (status: 400 | 404 | 409, message: string) => ({
  ok: false as const,
  status,
  message,
});

/**
 * One step of the state machine (state.ts) by the enterprise or the assigned expert, with its rules
 * (cancel/reschedule cut-off for the enterprise, no-show only after the start), an audit row and a
 * notice to the other side, all in one transaction. The update is conditional on the state read,
 * so two simultaneous steps cannot both succeed.
 */
export async function changeBooking(
  actor: Actor,
  id: number,
  change: Change,
  ip: string | null,
  now = new Date(),
): Promise<ChangeResult> {
  const party: Party | null =
    actor.role === "ENTERPRISE" || actor.role === "EXPERT"
      ? actor.role
      : actor.role === "ADMIN"
        ? "OFFICE"
        : null;
  const files = change.action === "complete" && change.file ? [change.file] : [];
  const settings = await consultSettings();
  const t = now.getTime();
  let notices: BookingNotice[] = [];
  try {
    const result = await write(async (tx) => {
      notices = [];
      const b = await tx
        .selectFrom("Booking")
        .innerJoin("Enterprise as e", "e.id", "Booking.enterpriseId")
        .innerJoin("ExpertProfile as p", "p.id", "Booking.expertId")
        .select([
          "Booking.id",
          "Booking.status",
          "Booking.startAt",
          "Booking.endAt",
          "Booking.expertId",
          "Booking.topic",
          "Booking.wishDate",
          "Booking.promisedDate",
          "e.userId as enterpriseUserId",
          "p.userId as expertUserId",
        ])
        .where("Booking.id", "=", id)
        .where(bookingScope(actor))
        .executeTakeFirst();
      if (!b || !party) return refuse(404, "预约不存在");
      const kind = bookingKind(b);
      const to = nextState(b.status, change.action, party, kind);
      if (!to) return refuse(409, "当前状态下不能进行此操作");
      const start = b.startAt.getTime();
      const cutoff = settings.cancelCutoffHours * 3600_000;
      if (
        kind === "APPOINTMENT" &&
        party === "ENTERPRISE" &&
        (change.action === "cancel" || change.action === "reschedule") &&
        start - t < cutoff
      ) {
        return refuse(
          409,
          `距开始已不足 ${settings.cancelCutoffHours} 小时，不能${change.action === "cancel" ? "取消" : "改期"}，请联系专家`,
        );
      }
      if (change.action === "no-show" && t < start)
        return refuse(409, "预约开始后才能标记为未到场");
      const data: Updateable<BookingTable> = { status: to, updatedAt: now };
      if (change.action === "confirm") data.confirmedAt = now;
      if (change.action === "accept") {
        const problem =
          reviewDateProblem(change.promisedDate, now, "承诺完成日期") ??
          (await reviewCapacityProblem(tx, b.expertId, settings.reviewCapacity));
        if (problem) return problem;
        Object.assign(data, { confirmedAt: now, promisedDate: change.promisedDate });
      }
      if (change.action === "reschedule") {
        const cal = await calendarAround(b.expertId, change.slot, tx);
        if (!cal) return refuse(409, "该专家已停止接受预约");
        const problem = slotProblem(cal, settings, t, change.slot, {
          startAt: start,
          endAt: b.endAt.getTime(),
        });
        if (problem) return problem;
        Object.assign(data, {
          startAt: new Date(change.slot),
          endAt: new Date(change.slot + cal.slotMinutes * 60_000),
          slotHold: String(change.slot),
          reminderSentAt: null,
          proposedStart: null,
        });
      }
      if ((RELEASED as readonly string[]).includes(to)) data.slotHold = `free:${b.id}`;
      if ((FINAL as readonly string[]).includes(to)) data.closedAt = now;
      if (change.action === "decline" || change.action === "cancel") data.reason = change.reason;
      if (change.action === "cancel") data.cancelledBy = party;
      if (change.action === "complete") data.opinion = change.opinion;
      const updated = await tx
        .updateTable("Booking")
        .set(data)
        .where("id", "=", b.id)
        .where("status", "=", b.status)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1)
        return refuse(409, "预约状态已被更新，请刷新后重试");
      for (const f of files)
        await tx
          .insertInto("BookingFile")
          .values({
            ...f,
            bookingId: b.id,
            kind: "RETURNED",
            uploadedById: actor.id,
            createdAt: now,
          })
          .execute();
      await audit(tx, {
        actor,
        action: AUDIT_ACTION[change.action],
        objectType: "booking",
        objectId: b.id,
        result: "SUCCESS",
        ip,
        detail: {
          from: b.status,
          to,
          ...(change.action === "reschedule" ? { startAt: change.slot } : {}),
          ...(change.action === "accept" ? { promisedDate: change.promisedDate } : {}),
          ...(files[0] ? { file: files[0].sha256 } : {}),
        },
      });
      const when =
        kind === "REVIEW"
          ? change.action === "accept"
            ? `承诺 ${chineseDay(change.promisedDate)}前完成`
            : `期望 ${chineseDay(b.promisedDate ?? b.wishDate ?? "")}前完成`
          : formatDateTime(change.action === "reschedule" ? change.slot : start).slice(0, 16);
      const why =
        change.action === "decline" || change.action === "cancel" ? `原因：${change.reason}` : "";
      // The other side; the office's step goes to both.
      const to_ =
        party === "ENTERPRISE"
          ? [b.expertUserId]
          : party === "EXPERT"
            ? [b.enterpriseUserId]
            : [b.enterpriseUserId, b.expertUserId];
      const title =
        kind === "REVIEW" && change.action === "decline"
          ? "合同审查未被受理"
          : NOTICE[change.action];
      for (const userId of to_) {
        const n: BookingNotice = {
          userId,
          bookingId: b.id,
          title,
          body: `「${b.topic}」（${when}）${title}。${why}`,
        };
        await noticeInApp(tx, n, now);
        notices.push(n);
      }
      return { ok: true as const };
    });
    if (!result.ok) discardFiles(files);
    else if (notices.length > 0) void mailNotices(notices);
    return result;
  } catch (error) {
    discardFiles(files);
    if (isUniqueViolation(error)) return refuse(409, SLOT_TAKEN);
    throw error;
  }
}

/** After completion the enterprise rates the service once (1–5 and a comment). */
export async function rateBooking(
  actor: Actor,
  id: number,
  score: number,
  comment: string,
  ip: string | null,
  now = new Date(),
): Promise<ChangeResult> {
  if (actor.role !== "ENTERPRISE") return refuse(404, "预约不存在");
  return write(async (tx) => {
    const b = await tx
      .selectFrom("Booking")
      .select(["id", "status", "ratingScore"])
      .where("id", "=", id)
      .where(bookingScope(actor))
      .executeTakeFirst();
    if (!b) return refuse(404, "预约不存在");
    if (b.status !== "COMPLETED") return refuse(409, "咨询完成后才能评价");
    if (b.ratingScore !== null) return refuse(409, "您已评价过本次服务");
    const done = await tx
      .updateTable("Booking")
      .set({ ratingScore: score, ratingComment: comment || null, ratedAt: now })
      .where("id", "=", id)
      .where("ratingScore", "is", null)
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) !== 1) return refuse(409, "您已评价过本次服务");
    await audit(tx, {
      actor,
      action: "BOOKING_RATE",
      objectType: "booking",
      objectId: id,
      result: "SUCCESS",
      ip,
      detail: { score },
    });
    return { ok: true as const };
  });
}
