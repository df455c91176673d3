import { writeAuditRaw } from "#app/utils/audit-log.server.ts";
import { isUniqueViolation, prepared, writeTx, type Writer } from "#app/utils/db.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { expertCalendar } from "./experts.server.ts";
import { discardFiles, type StoredFile } from "./files.server.ts";
import { mailNotices, noticeInAppRaw, type BookingNotice } from "./notify.server.ts";
import type { BookingInput } from "./schemas.ts";
import { consultSettings } from "./settings.server.ts";
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

function activeCount(db: Writer, enterpriseId: number, now: number): number {
  const placeholders = ACTIVE.map(() => "?").join(",");
  return (
    prepared(
      db,
      `SELECT COUNT(*) AS n FROM Booking WHERE enterpriseId = ? AND status IN (${placeholders}) AND endAt > ?`,
    ).get(enterpriseId, ...ACTIVE, now) as { n: number }
  ).n;
}

const INSERT_BOOKING = `INSERT INTO Booking (enterpriseId, expertId, type, mode, startAt, endAt, slotHold, status, topic, description, contactName, contactMobile,
  audienceSize, trainingTopics, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?, ?, ?, ?, ?, ?)`;
const INSERT_FILE =
  "INSERT INTO BookingFile (bookingId, kind, originalName, storedName, format, size, sha256, uploadedById, createdAt) VALUES (?, 'CONTRACT', ?, ?, ?, ?, ?, ?, ?)";

/**
 * Books a slot. The checks and the writes (booking, files, audit row, notice) run in one
 * synchronous transaction on the writer connection (writeTx, decision 0003); the unique index
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
) {
  const settings = consultSettings();
  const t = now.getTime();
  let notice: BookingNotice | null = null;
  try {
    const result = await writeTx((db) => {
      // Only the bookings around the requested day matter for it.
      const cal = expertCalendar(
        input.expertId,
        Math.min(t, input.slot - 2 * 86_400_000),
        input.slot + 2 * 86_400_000,
        db,
      );
      if (!cal)
        return {
          ok: false as const,
          status: 404 as const,
          message: "该专家不存在或已停止接受预约",
        };
      const problem = slotProblem(cal, settings, t, input.slot);
      if (problem) return problem;
      if (activeCount(db, enterpriseId, t) >= settings.maxActive) {
        return {
          ok: false as const,
          status: 409 as const,
          message: `进行中的预约最多 ${settings.maxActive} 个，请在现有预约完成或取消后再预约`,
        };
      }
      const id = Number(
        prepared(db, INSERT_BOOKING).run(
          enterpriseId,
          input.expertId,
          input.type,
          input.type === "CONSULTATION" ? input.mode : input.type === "TRAINING" ? "ON_SITE" : null,
          input.slot,
          input.slot + cal.slotMinutes * 60_000,
          String(input.slot),
          input.topic,
          input.description,
          input.contactName,
          input.contactMobile,
          input.type === "TRAINING" && input.audienceSize !== "" ? input.audienceSize : null,
          input.type === "TRAINING" ? input.trainingTopics : null,
          t,
          t,
        ).lastInsertRowid,
      );
      for (const f of files)
        prepared(db, INSERT_FILE).run(
          id,
          f.originalName,
          f.storedName,
          f.format,
          f.size,
          f.sha256,
          actor.id,
          t,
        );
      writeAuditRaw(db, {
        actor,
        action: "BOOKING_CREATE",
        objectType: "booking",
        objectId: id,
        result: "SUCCESS",
        ip,
        detail: {
          expertId: input.expertId,
          type: input.type,
          startAt: input.slot,
          files: files.map((f) => f.sha256),
        },
      });
      const names = prepared(
        db,
        "SELECT p.userId AS expertUserId, e.name FROM ExpertProfile p, Enterprise e WHERE p.id = ? AND e.id = ?",
      ).get(input.expertId, enterpriseId) as { expertUserId: number; name: string };
      notice = {
        userId: names.expertUserId,
        bookingId: id,
        title: "新的预约申请",
        body: `${names.name}预约了${typeLabel(input.type)}：${formatDateTime(input.slot).slice(0, 16)}，请确认。`,
      };
      noticeInAppRaw(db, notice, t);
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
export function slotsForReschedule(
  expertId: number,
  own: { startAt: Date; endAt: Date },
  now: number,
) {
  const cal = expertCalendar(expertId, now);
  if (!cal) return [];
  const busy = cal.busy.filter(
    (b) => b.startAt !== own.startAt.getTime() || b.endAt !== own.endAt.getTime(),
  );
  return computeSlots({ ...cal, busy }, consultSettings(), now);
}
