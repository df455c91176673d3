import type { Kysely } from "kysely";
import { isUniqueViolation, write, type DB } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { compiled } from "#app/data/compiled.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { bookingCheck } from "./booking-check.server.ts";
import { expertCalendar } from "./expert-calendar.server.ts";
import { discardFiles, type StoredFile } from "./files.server.ts";
import { mailNotices, noticeInApp, type BookingNotice } from "./notify.server.ts";
import type { BookingInput } from "./schemas.ts";
import { consultSettings, type ConsultSettings } from "./settings.server.ts";
import { beijingDay, computeSlots, type ExpertCalendar, type SlotPolicy } from "./slots.ts";
import { ACTIVE, typeLabel } from "./state.ts";

export const SLOT_TAKEN = "该时段已被预约，请选择其他时段";
export type BookingFailure = { ok: false; status: 400 | 404 | 409; message: string };
type Actor = { id: number; username: string };

/** Why a start time cannot be booked, or null when it is a free slot. */
export function slotProblem(
  cal: ExpertCalendar,
  policy: SlotPolicy,
  now: number,
  start: number,
  ignore?: { startAt: number; endAt: number },
): BookingFailure | null {
  const calendar = ignore
    ? {
        ...cal,
        busy: cal.busy.filter((b) => b.startAt !== ignore.startAt || b.endAt !== ignore.endAt),
      }
    : cal;
  const free = computeSlots(calendar, policy, now, beijingDay(start)).some((d) =>
    d.slots.includes(start),
  );
  if (free) return null;
  const end = start + cal.slotMinutes * 60_000;
  if (calendar.busy.some((b) => b.startAt < end && start < b.endAt))
    return { ok: false, status: 409, message: SLOT_TAKEN };
  if (start < now) return { ok: false, status: 400, message: "不能预约已经过去的时段" };
  if (start < now + policy.leadHours * 3600_000)
    return { ok: false, status: 400, message: `请至少提前 ${policy.leadHours} 小时预约` };
  if (start > now + policy.horizonDays * 86_400_000)
    return { ok: false, status: 400, message: `只能预约 ${policy.horizonDays} 天以内的时段` };
  return {
    ok: false,
    status: 409,
    message: "该时段不可预约（专家休假、当日已约满或不在可预约时间内），请选择其他时段",
  };
}

/**
 * In one statement: the enterprise's active bookings (the quota) and the names the notice needs.
 * Compiled once: the booking POST runs it on every request.
 */
const QUOTA_AND_NAMES = compiled((q, enterpriseId: number, expertId: number, now: Date) =>
  q.selectNoFrom((eb) => [
    eb
      .selectFrom("Booking")
      .select((c) => c.fn.countAll<number>().as("n"))
      .where("enterpriseId", "=", enterpriseId)
      .where("status", "in", ACTIVE)
      // A contract review (no slot: its wishDate is set) counts until it is finished.
      .where((w) => w.or([w("endAt", ">", now), w("wishDate", "is not", null)]))
      .as("active"),
    eb.selectFrom("ExpertProfile").select("userId").where("id", "=", expertId).as("expertUserId"),
    eb.selectFrom("Enterprise").select("name").where("id", "=", enterpriseId).as("enterpriseName"),
  ]),
);

export async function quotaAndNames(
  tx: Kysely<DB>,
  enterpriseId: number,
  expertId: number,
  now: Date,
) {
  const row = await QUOTA_AND_NAMES.first(tx, enterpriseId, expertId, now);
  if (!row) throw new Error("quotaAndNames returned no row");
  return row;
}

/**
 * A new booking's contract files and its BOOKING_CREATE audit row (the expert, the type, its
 * time — a slot's start or a review's wished date — and the files' hashes), in the creating
 * transaction. Shared by slot bookings and contract reviews (review.server.ts).
 */
export async function recordCreation(
  tx: Kysely<DB>,
  actor: Actor,
  ip: string | null,
  now: Date,
  booking: {
    id: number;
    expertId: number;
    type: string;
    when: { startAt: number } | { wishDate: string };
    files: StoredFile[];
  },
): Promise<void> {
  const { id, files } = booking;
  if (files.length > 0)
    await tx
      .insertInto("BookingFile")
      .values(
        files.map((f) => ({
          bookingId: id,
          kind: "CONTRACT",
          originalName: f.originalName,
          storedName: f.storedName,
          format: f.format,
          size: f.size,
          sha256: f.sha256,
          uploadedById: actor.id,
          createdAt: now,
        })),
      )
      .execute();
  await audit(tx, {
    actor,
    action: "BOOKING_CREATE",
    objectType: "booking",
    objectId: id,
    result: "SUCCESS",
    ip,
    detail: {
      expertId: booking.expertId,
      type: booking.type,
      ...booking.when,
      files: files.map((f) => f.sha256),
    },
  });
}

/** A slot booking's row (compiled once: the booking POST runs it on every success). */
const INSERT_BOOKING = compiled(
  (
    q,
    enterpriseId: number,
    expertId: number,
    type: string,
    mode: string | null,
    startAt: Date,
    endAt: Date,
    slotHold: string,
    topic: string,
    description: string,
    contactName: string,
    contactMobile: string,
    audienceSize: number | null,
    trainingTopics: string | null,
    at: Date,
  ) =>
    q
      .insertInto("Booking")
      .values({
        enterpriseId,
        expertId,
        type,
        mode,
        startAt,
        endAt,
        slotHold,
        status: "REQUESTED",
        topic,
        description,
        contactName,
        contactMobile,
        audienceSize,
        trainingTopics,
        createdAt: at,
        updatedAt: at,
      })
      .returning("id"),
);

/**
 * Books a slot. The checks and the writes (booking, files, audit row, notice) run in one
 * `write()` transaction (BEGIN IMMEDIATE, decision 0011), so the disabled-expert check, the slot
 * check and the active-booking quota read what the transaction writes against; the unique index
 * on (expertId, slotHold) is the last word when two requests race for one slot. Files were
 * stored by the caller; they are removed again when the booking fails.
 */
export async function createBooking(
  actor: Actor,
  enterpriseId: number,
  input: BookingInput,
  files: StoredFile[],
  ip: string | null,
  now = new Date(),
  /**
   * The consult settings when the caller has read them in this request (the action does for an
   * upload); otherwise they come with the booking check's read.
   */
  known?: ConsultSettings,
) {
  if (input.type === "CONTRACT_REVIEW") {
    // Since issue 18 a contract review is document work without a slot (review.server.ts).
    discardFiles(files);
    return {
      ok: false as const,
      status: 400 as const,
      message: "合同审查无需预约时段，请通过“申请合同审查”提交",
    };
  }
  const t = now.getTime();
  let notice: BookingNotice | null = null;
  try {
    const result = await write(async (tx) => {
      notice = null;
      // One read for every check (booking-check.server.ts): only the bookings around the
      // requested day matter for the slot, as calendarAround reads them.
      const check = await bookingCheck(tx, input.expertId, input.slot, enterpriseId, now);
      if (!check)
        return {
          ok: false as const,
          status: 404 as const,
          message: "该专家不存在或已停止接受预约",
        };
      const cal = check.calendar;
      const settings = known ?? check.settings;
      const problem = slotProblem(cal, settings, t, input.slot);
      if (problem) return problem;
      if (check.active >= settings.maxActive) {
        return {
          ok: false as const,
          status: 409 as const,
          message: `进行中的预约最多 ${settings.maxActive} 个，请在现有预约完成或取消后再预约`,
        };
      }
      const row = await INSERT_BOOKING.first(
        tx,
        enterpriseId,
        input.expertId,
        input.type,
        input.type === "CONSULTATION"
          ? (input.mode ?? null)
          : input.type === "TRAINING"
            ? "ON_SITE"
            : null,
        new Date(input.slot),
        new Date(input.slot + cal.slotMinutes * 60_000),
        String(input.slot),
        input.topic,
        input.description,
        input.contactName,
        input.contactMobile,
        input.type === "TRAINING" && input.audienceSize !== "" ? input.audienceSize : null,
        input.type === "TRAINING" ? input.trainingTopics : null,
        now,
      );
      if (!row) throw new Error("booking insert returned no id");
      const { id } = row;
      await recordCreation(tx, actor, ip, now, {
        id,
        expertId: input.expertId,
        type: input.type,
        when: { startAt: input.slot },
        files,
      });
      const n: BookingNotice = {
        userId: check.expertUserId,
        bookingId: id,
        title: "新的预约申请",
        body: `${check.enterpriseName ?? ""}预约了${typeLabel(input.type)}：${formatDateTime(input.slot).slice(0, 16)}，请确认。`,
      };
      await noticeInApp(tx, n, now);
      notice = n;
      return { ok: true as const, id };
    });
    if (!result.ok) discardFiles(files);
    else if (notice) void mailNotices([notice]);
    return result;
  } catch (error) {
    discardFiles(files);
    if (isUniqueViolation(error))
      return { ok: false as const, status: 409 as const, message: SLOT_TAKEN };
    throw error;
  }
}

/** Free slots for moving a booking: its own time does not count as busy. */
export async function slotsForReschedule(
  expertId: number,
  own: { startAt: Date; endAt: Date },
  now: number,
) {
  const cal = await expertCalendar(expertId, now);
  if (!cal) return [];
  const busy = cal.busy.filter(
    (b) => b.startAt !== own.startAt.getTime() || b.endAt !== own.endAt.getTime(),
  );
  // The booking's own slot is not a new time: it is never offered (issue 18).
  const ownStart = own.startAt.getTime();
  return computeSlots({ ...cal, busy }, await consultSettings(), now)
    .map((d) => ({ ...d, slots: d.slots.filter((s) => s !== ownStart) }))
    .filter((d) => d.slots.length > 0);
}
