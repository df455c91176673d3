import type { Kysely } from "kysely";
import { audit } from "#app/data/audit.server.ts";
import { isUniqueViolation, write, type DB } from "#app/data/db.server.ts";
import type { AuditAction } from "#app/modules/audit/actions.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { bookingScope } from "./access.server.ts";
import { SLOT_TAKEN, slotProblem } from "./bookings.server.ts";
import { calendarAround } from "./expert-calendar.server.ts";
import { mailNotices, noticeInApp, type BookingNotice } from "./notify.server.ts";
import { consultSettings } from "./settings.server.ts";
import type { SlotPolicy } from "./slots.ts";

// The expert proposes another time (a free slot of his own) for a pending or confirmed booking;
// the enterprise accepts (the booking moves there and is confirmed: both sides agreed on it) or
// declines (the booking stays). The move re-checks the slot inside the transaction and the
// unique (expertId, slotHold) index settles a race with another booking: a clear 409.
// The expert also enters the meeting link / dial-in of an online or phone consultation.
type Actor = { id: number; username: string; role: string };
export type StepResult = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };
type Fail = Extract<StepResult, { ok: false }>;
const refuse = (status: 400 | 404 | 409, message: string): Fail => ({ ok: false, status, message });
const when = (ms: number | Date) => formatDateTime(ms).slice(0, 16);

function load(tx: Kysely<DB>, actor: Actor, id: number) {
  return tx
    .selectFrom("Booking")
    .innerJoin("Enterprise as e", "e.id", "Booking.enterpriseId")
    .innerJoin("ExpertProfile as p", "p.id", "Booking.expertId")
    .select([
      "Booking.id",
      "Booking.status",
      "Booking.type",
      "Booking.mode",
      "Booking.startAt",
      "Booking.endAt",
      "Booking.expertId",
      "Booking.topic",
      "Booking.proposedStart",
      "e.userId as enterpriseUserId",
      "p.userId as expertUserId",
    ])
    .where("Booking.id", "=", id)
    .where(bookingScope(actor))
    .executeTakeFirst();
}
type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;
type Done = { action: AuditAction; detail: Record<string, unknown>; notice: BookingNotice };

/** Reads the booking (scoped to the actor), runs `fn`, then the audit row and the notice. */
async function step(
  actor: Actor,
  id: number,
  ip: string | null,
  now: Date,
  fn: (tx: Kysely<DB>, b: Loaded) => Promise<Fail | Done>,
): Promise<StepResult> {
  let notice: BookingNotice | null = null;
  try {
    const result = await write(async (tx): Promise<StepResult> => {
      notice = null;
      const b = await load(tx, actor, id);
      if (!b) return refuse(404, "预约不存在");
      if (b.status !== "REQUESTED" && b.status !== "CONFIRMED")
        return refuse(409, "只有待确认或已确认的预约可以进行此操作");
      const r = await fn(tx, b);
      if ("ok" in r) return r;
      await audit(tx, {
        actor,
        action: r.action,
        objectType: "booking",
        objectId: b.id,
        result: "SUCCESS",
        ip,
        detail: r.detail,
      });
      await noticeInApp(tx, r.notice, now);
      notice = r.notice;
      return { ok: true };
    });
    if (result.ok && notice) void mailNotices([notice]);
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) return refuse(409, SLOT_TAKEN);
    throw error;
  }
}

// The settings are read before `write()`: a read on the shared handle inside it would wait
// for the transaction's own lock.
/** Whether `slot` is free for this booking's expert, its own time not counting as busy. */
async function slotCheck(tx: Kysely<DB>, settings: SlotPolicy, b: Loaded, slot: number, t: number) {
  const cal = await calendarAround(b.expertId, slot, tx);
  if (!cal) return { problem: refuse(409, "该专家已停止接受预约"), minutes: 0 };
  const own = { startAt: b.startAt.getTime(), endAt: b.endAt.getTime() };
  return { problem: slotProblem(cal, settings, t, slot, own), minutes: cal.slotMinutes };
}

export async function proposeTime(
  actor: Actor,
  id: number,
  slot: number,
  ip: string | null,
  now = new Date(),
): Promise<StepResult> {
  if (actor.role !== "EXPERT") return refuse(404, "预约不存在");
  const settings = await consultSettings();
  return step(actor, id, ip, now, async (tx, b) => {
    if (slot === b.startAt.getTime()) return refuse(400, "新时间与当前时间相同，请选择其他时段");
    const { problem } = await slotCheck(tx, settings, b, slot, now.getTime());
    if (problem) return problem;
    await tx
      .updateTable("Booking")
      .set({ proposedStart: new Date(slot), updatedAt: now })
      .where("id", "=", b.id)
      .execute();
    return {
      action: "BOOKING_PROPOSE",
      detail: { from: b.startAt.getTime(), proposed: slot },
      notice: {
        userId: b.enterpriseUserId,
        bookingId: b.id,
        title: "专家建议调整预约时间",
        body: `「${b.topic}」专家建议将时间从 ${when(b.startAt)} 改为 ${when(slot)}，请接受或拒绝。`,
      },
    };
  });
}

export async function answerProposal(
  actor: Actor,
  id: number,
  accept: boolean,
  ip: string | null,
  now = new Date(),
): Promise<StepResult> {
  if (actor.role !== "ENTERPRISE") return refuse(404, "预约不存在");
  const settings = await consultSettings();
  return step(actor, id, ip, now, async (tx, b) => {
    const proposed = b.proposedStart?.getTime();
    if (proposed === undefined) return refuse(409, "没有待答复的新时间建议");
    if (accept) {
      const { problem, minutes } = await slotCheck(tx, settings, b, proposed, now.getTime());
      if (problem)
        return problem.message === SLOT_TAKEN
          ? refuse(409, "专家建议的时段已被他人预约，原预约保持不变；请等待专家重新建议或自行改期")
          : refuse(problem.status, `无法接受新时间：${problem.message}`);
      await tx
        .updateTable("Booking")
        .set({
          startAt: new Date(proposed),
          endAt: new Date(proposed + minutes * 60_000),
          slotHold: String(proposed),
          status: "CONFIRMED",
          proposedStart: null,
          reminderSentAt: null,
          updatedAt: now,
        })
        .where("id", "=", b.id)
        .where("status", "=", b.status)
        .execute();
    } else {
      await tx
        .updateTable("Booking")
        .set({ proposedStart: null, updatedAt: now })
        .where("id", "=", b.id)
        .execute();
    }
    return {
      action: accept ? "BOOKING_PROPOSAL_ACCEPT" : "BOOKING_PROPOSAL_DECLINE",
      detail: { from: b.startAt.getTime(), proposed, status: b.status },
      notice: {
        userId: b.expertUserId,
        bookingId: b.id,
        title: accept ? "企业已接受新时间" : "企业未接受新时间",
        body: accept
          ? `「${b.topic}」已改到 ${when(proposed)}，预约已确认。`
          : `「${b.topic}」企业未接受 ${when(proposed)}，仍按原时间 ${when(b.startAt)}。`,
      },
    };
  });
}

export async function saveMeeting(
  actor: Actor,
  id: number,
  input: { meetingUrl: string; meetingDialIn: string },
  ip: string | null,
  now = new Date(),
): Promise<StepResult> {
  if (actor.role !== "EXPERT") return refuse(404, "预约不存在");
  return step(actor, id, ip, now, async (tx, b) => {
    if (b.type !== "CONSULTATION" || (b.mode !== "ONLINE" && b.mode !== "PHONE"))
      return refuse(409, "只有线上或电话咨询需要会议链接或拨入号码");
    await tx
      .updateTable("Booking")
      .set({
        meetingUrl: input.meetingUrl || null,
        meetingDialIn: input.meetingDialIn || null,
        updatedAt: now,
      })
      .where("id", "=", b.id)
      .execute();
    return {
      action: "BOOKING_MEETING",
      detail: { url: Boolean(input.meetingUrl), dialIn: Boolean(input.meetingDialIn) },
      notice: {
        userId: b.enterpriseUserId,
        bookingId: b.id,
        title: "会议信息已更新",
        body:
          b.status === "CONFIRMED"
            ? `「${b.topic}」（${when(b.startAt)}）的会议链接或拨入方式已更新，请在预约详情中查看。`
            : `「${b.topic}」的会议信息已填写，预约确认后可在预约详情中查看。`,
      },
    };
  });
}
